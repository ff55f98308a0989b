using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using A2AGen.Declarations.Parsing;
using A2AGen.Protocol;

namespace A2AGen.Cli.Output;

/// <summary>
/// A readable summary of an Agent Card: identity, interfaces, capabilities, security schemes, extensions, skills with
/// their privilege hints, and the signatures' headers. Privilege hints come from what the card states (skill security
/// requirements and scopes, the request-signing and Secure Passport extensions) and, where the card is silent, from
/// the skill's name (the privileged words of diagnostic A2AG0011).
/// </summary>
internal static class CardSummary
{
    public static string ToText(AgentCard card, string source)
    {
        var text = new StringBuilder();
        text.AppendLine($"{card.Name} {card.Version}".TrimEnd());
        AppendIf(text, "  ", card.Description);
        if (card.Provider is { } provider)
        {
            text.AppendLine($"  provider       {provider.Organization}{(string.IsNullOrEmpty(provider.Url) ? "" : $" <{provider.Url}>")}");
        }

        AppendIf(text, "  documentation  ", card.DocumentationUrl);
        AppendIf(text, "  icon           ", card.IconUrl);
        text.AppendLine($"  source         {source}");

        text.AppendLine().AppendLine("Interfaces");
        foreach (var endpoint in card.SupportedInterfaces)
        {
            text.AppendLine($"  {endpoint.ProtocolBinding} {endpoint.ProtocolVersion}  {endpoint.Url}{(endpoint.Tenant is { } tenant ? $"  (tenant {tenant})" : "")}");
        }

        var capabilities = card.Capabilities;
        text.AppendLine().AppendLine("Capabilities")
            .AppendLine($"  streaming {YesNo(capabilities.Streaming)}, push notifications {YesNo(capabilities.PushNotifications)}, extended card {YesNo(capabilities.ExtendedAgentCard)}")
            .AppendLine($"  input   {List(card.DefaultInputModes)}")
            .AppendLine($"  output  {List(card.DefaultOutputModes)}");

        if (card.SecuritySchemes is { Count: > 0 } schemes)
        {
            text.AppendLine().AppendLine("Security schemes");
            foreach (var (name, scheme) in schemes.OrderBy(s => s.Key, StringComparer.Ordinal))
            {
                text.AppendLine($"  {name,-12} {DescribeScheme(scheme)}");
            }
        }

        if (card.SecurityRequirements is { Count: > 0 } requirements)
        {
            text.AppendLine($"  required: {string.Join("  OR  ", requirements.Select(DescribeRequirement))}");
        }

        var extensions = capabilities.Extensions ?? [];
        if (extensions.Count > 0)
        {
            text.AppendLine().AppendLine("Extensions");
            foreach (var extension in extensions)
            {
                text.AppendLine($"  {ExtensionName(extension.Uri)}{(extension.Required ? " (required)" : "")}  {extension.Uri}");
                foreach (string line in DescribeExtension(extension))
                {
                    text.AppendLine($"    {line}");
                }
            }
        }

        text.AppendLine().AppendLine(card.Skills.Count == 0 ? "Skills: none" : "Skills");
        foreach (var skill in card.Skills)
        {
            text.AppendLine($"  {skill.Id}  \"{skill.Name}\": {skill.Description}");
            var details = new List<string>();
            if (skill.Tags.Count > 0)
            {
                details.Add($"tags {List(skill.Tags)}");
            }

            if (skill.InputModes is { Count: > 0 } inputs)
            {
                details.Add($"in {List(inputs)}");
            }

            if (skill.OutputModes is { Count: > 0 } outputs)
            {
                details.Add($"out {List(outputs)}");
            }

            if (skill.Examples is { Count: > 0 } examples)
            {
                details.Add($"{examples.Count} example{(examples.Count == 1 ? "" : "s")}");
            }

            if (details.Count > 0)
            {
                text.AppendLine($"    {string.Join("; ", details)}");
            }

            foreach (string hint in PrivilegeHints(card, skill))
            {
                text.AppendLine($"    {hint}");
            }
        }

        var signatures = Signatures(card);
        text.AppendLine().AppendLine(signatures.Count == 0 ? "Signatures: none" : "Signatures");
        for (int i = 0; i < signatures.Count; i++)
        {
            text.AppendLine($"  {i}  {signatures[i]}");
        }

        return text.ToString();
    }

    public static JsonObject ToJson(AgentCard card, byte[] json)
    {
        var skills = new JsonArray();
        foreach (var skill in card.Skills)
        {
            skills.Add(new JsonObject
            {
                ["id"] = skill.Id,
                ["name"] = skill.Name,
                ["privilegeHints"] = new JsonArray([.. PrivilegeHints(card, skill).Select(h => (JsonNode)h)]),
            });
        }

        var signatures = new JsonArray();
        foreach (var signature in card.Signatures ?? [])
        {
            signatures.Add(DecodeHeader(signature.Protected) is { } header ? JsonNode.Parse(header) : null);
        }

        return new JsonObject
        {
            ["name"] = card.Name,
            ["version"] = card.Version,
            ["endpoints"] = new JsonArray([.. card.SupportedInterfaces.Select(i => (JsonNode)i.Url)]),
            ["skills"] = skills,
            ["signatureHeaders"] = signatures,
            ["card"] = JsonNode.Parse(json),
        };
    }

    /// <summary>What the card says (or, failing that, suggests) about the security a skill demands.</summary>
    public static IReadOnlyList<string> PrivilegeHints(AgentCard card, AgentSkill skill)
    {
        var hints = new List<string>();
        foreach (var requirement in skill.SecurityRequirements ?? [])
        {
            hints.Add($"requires {DescribeRequirement(requirement)}");
        }

        var extensions = card.Capabilities.Extensions ?? [];
        bool signing = extensions.Any(e => e.Uri == A2AProtocol.RequestSigningExtensionUri);
        var passport = extensions.FirstOrDefault(e => e.Uri == A2AProtocol.SecurePassportExtensionUri);
        string? word = TextRules.FindPrivilegedWord(skill.Id) ?? TextRules.FindPrivilegedWord(skill.Name);
        if (word is not null)
        {
            hints.Add(signing
                ? $"privileged by name ('{word}'): expect it to require a signed request{(passport is null ? "" : " and a signed passport")} (A2AGen's default for high-privilege skills)"
                : $"privileged by name ('{word}'), but the card declares no request signing: callers cannot prove who they are");
        }

        return hints;
    }

    private static IReadOnlyList<string> Signatures(AgentCard card)
    {
        var list = new List<string>();
        foreach (var signature in card.Signatures ?? [])
        {
            if (DecodeHeader(signature.Protected) is not { } header)
            {
                list.Add("(unreadable protected header)");
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(header);
                var root = document.RootElement;
                var parts = new List<string>();
                foreach (string name in new[] { "alg", "kid", "typ", "jku" })
                {
                    if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value))
                    {
                        parts.Add($"{name}={value}");
                    }
                }

                list.Add(string.Join("  ", parts));
            }
            catch (JsonException)
            {
                list.Add("(protected header is not JSON)");
            }
        }

        return list;
    }

    private static string? DecodeHeader(string encoded)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(encoded));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static IEnumerable<string> DescribeExtension(AgentExtension extension)
    {
        if (extension.Description is { Length: > 0 } description)
        {
            yield return description;
        }

        foreach (var (name, value) in (extension.Params ?? new Dictionary<string, JsonElement>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            yield return $"{name}: {(value.ValueKind == JsonValueKind.Array ? string.Join(", ", value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())) : value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText())}";
        }
    }

    private static string ExtensionName(string uri) => uri switch
    {
        A2AProtocol.RequestSigningExtensionUri => "A2AGen request signing",
        A2AProtocol.SecurePassportExtensionUri => "Secure Passport",
        _ => "extension",
    };

    private static string DescribeScheme(SecurityScheme scheme)
    {
        if (scheme.HttpAuthSecurityScheme is { } http)
        {
            return $"HTTP {http.Scheme}{(http.BearerFormat is { } format ? $" ({format})" : "")}{Suffix(http.Description)}";
        }

        if (scheme.ApiKeySecurityScheme is { } apiKey)
        {
            return $"API key '{apiKey.Name}' in {apiKey.Location}{Suffix(apiKey.Description)}";
        }

        if (scheme.OAuth2SecurityScheme is { } oauth)
        {
            var flows = new List<string>();
            if (oauth.Flows.AuthorizationCode is { } code)
            {
                flows.Add($"authorization code (scopes {List(code.Scopes.Keys)})");
            }

            if (oauth.Flows.ClientCredentials is { } client)
            {
                flows.Add($"client credentials (scopes {List(client.Scopes.Keys)})");
            }

            if (oauth.Flows.DeviceCode is { } device)
            {
                flows.Add($"device code (scopes {List(device.Scopes.Keys)})");
            }

            if (oauth.Flows.Implicit is not null || oauth.Flows.Password is not null)
            {
                flows.Add("deprecated implicit/password flow");
            }

            return $"OAuth 2.0: {string.Join(", ", flows)}{Suffix(oauth.Description)}";
        }

        if (scheme.OpenIdConnectSecurityScheme is { } oidc)
        {
            return $"OpenID Connect <{oidc.OpenIdConnectUrl}>{Suffix(oidc.Description)}";
        }

        return scheme.MtlsSecurityScheme is { } mtls ? $"mutual TLS{Suffix(mtls.Description)}" : "(unknown scheme type)";
    }

    private static string DescribeRequirement(SecurityRequirement requirement) =>
        string.Join(" + ", requirement.Schemes.OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => s.Value.List.Count == 0 ? s.Key : $"{s.Key} (scopes {List(s.Value.List)})"));

    private static string Suffix(string? description) => string.IsNullOrEmpty(description) ? "" : $": {description}";

    private static string YesNo(bool? value) => value == true ? "yes" : "no";

    private static string List(IEnumerable<string> values)
    {
        string joined = string.Join(", ", values);
        return joined.Length == 0 ? "(none)" : joined;
    }

    private static void AppendIf(StringBuilder text, string prefix, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            text.Append(prefix).AppendLine(value);
        }
    }
}
