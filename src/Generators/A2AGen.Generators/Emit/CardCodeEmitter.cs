using System.Collections.Generic;
using System.Text;
using A2AGen.Declarations.Model;

namespace A2AGen.Generators.Emit;

/// <summary>
/// Writes the C# that builds the <c>AgentCard</c> from constants (records with init properties, no reflection);
/// the same values as <see cref="CardJsonBuilder"/>, member for member.
/// </summary>
internal static class CardCodeEmitter
{
    private const string P = "global::A2AGen.Protocol.";

    /// <summary>Writes <c>CreateCard()</c> (and the helper that builds extension params) into the data class.</summary>
    public static void Write(SourceWriter w, AgentSpec agent)
    {
        w.Open($"public static {P}AgentCard CreateCard() => new {P}AgentCard");
        w.Line($"Name = {CSharp.Literal(agent.Name)},");
        w.Line($"Description = {CSharp.Literal(agent.Description)},");
        w.Open($"SupportedInterfaces = new {P}AgentInterface[]");
        w.Line($"new {P}AgentInterface {{ Url = {CSharp.Literal(agent.Url)}, ProtocolBinding = \"JSONRPC\", ProtocolVersion = \"1.0\" }},");
        w.Close(",");
        if (agent.Provider is { } provider)
        {
            w.Line($"Provider = new {P}AgentProvider {{ Organization = {CSharp.Literal(provider.Organization)}, Url = {CSharp.Literal(provider.Url)} }},");
        }

        w.Line($"Version = {CSharp.Literal(agent.Version)},");
        if (agent.DocumentationUrl is { } documentationUrl)
        {
            w.Line($"DocumentationUrl = {CSharp.Literal(documentationUrl)},");
        }

        WriteCapabilities(w, agent);
        if (agent.SecuritySchemes.Count > 0)
        {
            w.Open($"SecuritySchemes = new global::System.Collections.Generic.Dictionary<string, {P}SecurityScheme>(global::System.StringComparer.Ordinal)");
            foreach (var scheme in agent.SecuritySchemes)
            {
                WriteScheme(w, scheme);
            }

            w.Close(",");
        }

        if (agent.SecurityRequirements.Count > 0)
        {
            WriteRequirements(w, agent.SecurityRequirements);
        }

        w.Line($"DefaultInputModes = {Strings(agent.DefaultInputModes)},");
        w.Line($"DefaultOutputModes = {Strings(agent.DefaultOutputModes)},");
        w.Open($"Skills = new {P}AgentSkill[]");
        foreach (var skill in agent.Skills)
        {
            WriteSkill(w, skill);
        }

        w.Close(",");
        if (agent.IconUrl is { } iconUrl)
        {
            w.Line($"IconUrl = {CSharp.Literal(iconUrl)},");
        }

        w.Close(";");
        w.Line();
        w.Lines("""
            // Extension params are free-form JSON in the card model; parsed once, when the card is built.
            private static global::System.Collections.Generic.IReadOnlyDictionary<string, global::System.Text.Json.JsonElement> ParseObject(string json)
            {
                using var document = global::System.Text.Json.JsonDocument.Parse(json);
                var result = new global::System.Collections.Generic.Dictionary<string, global::System.Text.Json.JsonElement>(global::System.StringComparer.Ordinal);
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    result[property.Name] = property.Value.Clone();
                }

                return result;
            }
            """);
    }

    private static void WriteCapabilities(SourceWriter w, AgentSpec agent)
    {
        w.Open($"Capabilities = new {P}AgentCapabilities");
        w.Line($"Streaming = {CSharp.Bool(agent.Streaming)},");
        w.Line($"PushNotifications = {CSharp.Bool(agent.PushNotifications)},");
        w.Open($"Extensions = new {P}AgentExtension[]");
        foreach (var extension in CardExtensions.For(agent))
        {
            w.Open($"new {P}AgentExtension");
            w.Line($"Uri = {CSharp.Literal(extension.Uri)},");
            if (extension.Description is { } description)
            {
                w.Line($"Description = {CSharp.Literal(description)},");
            }

            if (extension.Required)
            {
                w.Line("Required = true,");
            }

            if (extension.Parameters is { } parameters)
            {
                w.Line($"Params = ParseObject({CSharp.Literal(parameters.ToCanonicalString())}),");
            }

            w.Close(",");
        }

        w.Close(",");
        w.Close(",");
    }

    private static void WriteSkill(SourceWriter w, SkillSpec skill)
    {
        w.Open($"new {P}AgentSkill");
        w.Line($"Id = {CSharp.Literal(skill.Id)},");
        w.Line($"Name = {CSharp.Literal(skill.Name)},");
        w.Line($"Description = {CSharp.Literal(skill.Description)},");
        w.Line($"Tags = {Strings(skill.Tags)},");
        if (skill.Examples.Count > 0)
        {
            w.Line($"Examples = {Strings(skill.Examples)},");
        }

        if (skill.InputModes.Count > 0)
        {
            w.Line($"InputModes = {Strings(skill.InputModes)},");
        }

        if (skill.OutputModes.Count > 0)
        {
            w.Line($"OutputModes = {Strings(skill.OutputModes)},");
        }

        if (skill.SecurityRequirements.Count > 0)
        {
            WriteRequirements(w, skill.SecurityRequirements);
        }

        w.Close(",");
    }

    private static void WriteRequirements(SourceWriter w, EquatableArray<SecurityRequirementSpec> requirements)
    {
        w.Open($"SecurityRequirements = new {P}SecurityRequirement[]");
        foreach (var requirement in requirements)
        {
            w.Open($"new {P}SecurityRequirement");
            w.Open($"Schemes = new global::System.Collections.Generic.Dictionary<string, {P}StringList>(global::System.StringComparer.Ordinal)");
            foreach (var entry in requirement.Entries)
            {
                w.Line($"[{CSharp.Literal(entry.Scheme)}] = new {P}StringList {{ List = {Strings(entry.Scopes)} }},");
            }

            w.Close(",");
            w.Close(",");
        }

        w.Close(",");
    }

    private static void WriteScheme(SourceWriter w, SecuritySchemeSpec scheme)
    {
        w.Open($"[{CSharp.Literal(scheme.Name)}] = new {P}SecurityScheme");
        switch (scheme.Kind)
        {
            case SecuritySchemeKind.ApiKey:
                w.Line($"ApiKeySecurityScheme = new {P}ApiKeySecurityScheme {{ {Members(("Description", scheme.Description), ("Location", scheme.ApiKeyLocation), ("Name", scheme.ApiKeyName))} }},");
                break;
            case SecuritySchemeKind.HttpAuth:
                w.Line($"HttpAuthSecurityScheme = new {P}HttpAuthSecurityScheme {{ {Members(("Description", scheme.Description), ("Scheme", scheme.HttpScheme), ("BearerFormat", scheme.BearerFormat))} }},");
                break;
            case SecuritySchemeKind.OpenIdConnect:
                w.Line($"OpenIdConnectSecurityScheme = new {P}OpenIdConnectSecurityScheme {{ {Members(("Description", scheme.Description), ("OpenIdConnectUrl", scheme.OpenIdConnectUrl))} }},");
                break;
            case SecuritySchemeKind.MutualTls:
                w.Line($"MtlsSecurityScheme = new {P}MutualTlsSecurityScheme {{ {Members(("Description", scheme.Description))} }},");
                break;
            default:
                WriteOAuth2(w, scheme);
                break;
        }

        w.Close(",");
    }

    private static void WriteOAuth2(SourceWriter w, SecuritySchemeSpec scheme)
    {
        var (flowProperty, flowType) = scheme.Flow switch
        {
            OAuthFlowKind.AuthorizationCode => ("AuthorizationCode", "AuthorizationCodeOAuthFlow"),
            OAuthFlowKind.DeviceCode => ("DeviceCode", "DeviceCodeOAuthFlow"),
            _ => ("ClientCredentials", "ClientCredentialsOAuthFlow"),
        };

        w.Open($"OAuth2SecurityScheme = new {P}OAuth2SecurityScheme");
        if (scheme.Description is { } description)
        {
            w.Line($"Description = {CSharp.Literal(description)},");
        }

        w.Open($"Flows = new {P}OAuthFlows");
        w.Open($"{flowProperty} = new {P}{flowType}");
        if (scheme.AuthorizationUrl is { } authorizationUrl)
        {
            w.Line($"AuthorizationUrl = {CSharp.Literal(authorizationUrl)},");
        }

        if (scheme.DeviceAuthorizationUrl is { } deviceAuthorizationUrl)
        {
            w.Line($"DeviceAuthorizationUrl = {CSharp.Literal(deviceAuthorizationUrl)},");
        }

        w.Line($"TokenUrl = {CSharp.Literal(scheme.TokenUrl!)},");
        if (scheme.RefreshUrl is { } refreshUrl)
        {
            w.Line($"RefreshUrl = {CSharp.Literal(refreshUrl)},");
        }

        if (scheme.Scopes.Count > 0)
        {
            w.Open("Scopes = new global::System.Collections.Generic.Dictionary<string, string>(global::System.StringComparer.Ordinal)");
            foreach (var scope in scheme.Scopes)
            {
                w.Line($"[{CSharp.Literal(scope.Name)}] = {CSharp.Literal(scope.Description)},");
            }

            w.Close(",");
        }

        if (scheme.PkceRequired)
        {
            w.Line("PkceRequired = true,");
        }

        w.Close(",");
        w.Close(",");
        if (scheme.MetadataUrl is { } metadataUrl)
        {
            w.Line($"OAuth2MetadataUrl = {CSharp.Literal(metadataUrl)},");
        }

        w.Close(",");
    }

    /// <summary><c>new string[] { "a", "b" }</c>.</summary>
    public static string Strings(IReadOnlyList<string> values)
    {
        var builder = new StringBuilder("new string[] { ");
        for (var i = 0; i < values.Count; i++)
        {
            builder.Append(i == 0 ? "" : ", ").Append(CSharp.Literal(values[i]));
        }

        return builder.Append(" }").ToString();
    }

    private static string Members(params (string Name, string? Value)[] members)
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in members)
        {
            if (value is null)
            {
                continue;
            }

            builder.Append(builder.Length == 0 ? "" : ", ").Append(name).Append(" = ").Append(CSharp.Literal(value));
        }

        return builder.ToString();
    }
}
