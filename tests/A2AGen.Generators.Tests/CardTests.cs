using System.Text;
using System.Text.Json;
using A2AGen.Build;
using A2AGen.Generators.Tests.Infrastructure;
using A2AGen.Generators.Tests.Sources;
using A2AGen.Protocol.Serialization;
using A2AGen.Security;

namespace A2AGen.Generators.Tests;

/// <summary>
/// The generated <c>Card</c> and <c>CardJson</c>: the same card, canonical per RFC 8785, A2A v1.0-shaped, never
/// carrying an empty value.
/// </summary>
public class CardTests
{
    public static TheoryData<string, string> Agents => new()
    {
        { nameof(AgentSources.Hello), "Samples.HelloAgent" },
        { nameof(AgentSources.Currency), "Shop.CurrencyAgent" },
        { nameof(AgentSources.Binding), "Behaviour.BindingAgent" },
        { nameof(AgentSources.Placement), "GlobalAgent" },
        { nameof(AgentSources.Placement), "Outer.Space.Host+Inner+NestedAgent" },
        { nameof(AgentSources.Placement), "event.object" },
        { nameof(AgentSources.Escaping), "Texts.EscapingAgent" },
    };

    [Theory]
    [MemberData(nameof(Agents))]
    public void CardJson_is_the_canonical_form_of_Card_as_the_runtime_serializes_it(string source, string agentType)
    {
        using var agents = LoadedAgents.Compile(AgentSourcesByName.All[source]);
        var runtimeJson = A2AJson.SerializeToUtf8Bytes(agents.Card(agentType));
        var cardJson = agents.CardJson(agentType);

        // Same JSON, and byte for byte what the runtime's RFC 8785 canonicalizer makes of the run-time card: the
        // compile-time bytes can be served and signed as they are.
        Assert.True(JsonElement.DeepEquals(Parse(runtimeJson), Parse(cardJson)),
            $"Card and CardJson differ.\nCard:     {Encoding.UTF8.GetString(runtimeJson)}\nCardJson: {Encoding.UTF8.GetString(cardJson)}");
        Assert.Equal(Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(runtimeJson)), Encoding.UTF8.GetString(cardJson));
        Assert.True(JsonCanonicalizer.IsCanonical(cardJson));
        Assert.True(JcsKeyOrder.IsSorted(Parse(cardJson)));
    }

    [Theory]
    [MemberData(nameof(Agents))]
    public void The_build_output_metadata_holds_exactly_CardJson(string source, string agentType)
    {
        using var agents = LoadedAgents.Compile(AgentSourcesByName.All[source]);
        var id = agents.Descriptor(agentType).AgentId;
        var recorded = AgentCardMetadataReader.Read(agents.Image).Single(card => card.Key == id).Value;
        Assert.Equal(agents.CardJson(agentType), Encoding.UTF8.GetBytes(recorded));
    }

    [Theory]
    [MemberData(nameof(Agents))]
    public void The_card_has_every_required_field_and_no_empty_value(string source, string agentType)
    {
        using var agents = LoadedAgents.Compile(AgentSourcesByName.All[source]);
        var card = Parse(agents.CardJson(agentType));

        foreach (var field in new[] { "name", "description", "version" })
        {
            Assert.False(string.IsNullOrWhiteSpace(card.GetProperty(field).GetString()), field);
        }

        var endpoint = Assert.Single(card.GetProperty("supportedInterfaces").EnumerateArray());
        Assert.Equal("JSONRPC", endpoint.GetProperty("protocolBinding").GetString());
        Assert.Equal("1.0", endpoint.GetProperty("protocolVersion").GetString());
        Assert.True(Uri.IsWellFormedUriString(endpoint.GetProperty("url").GetString(), UriKind.Absolute));
        Assert.NotEmpty(card.GetProperty("defaultInputModes").EnumerateArray());
        Assert.NotEmpty(card.GetProperty("defaultOutputModes").EnumerateArray());

        var capabilities = card.GetProperty("capabilities");
        Assert.Contains(capabilities.GetProperty("streaming").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        Assert.Contains(capabilities.GetProperty("pushNotifications").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        var signing = capabilities.GetProperty("extensions")[0];
        Assert.Equal("urn:a2agen:ext:request-signing:v1", signing.GetProperty("uri").GetString());
        Assert.Equal("A2A-Signature", signing.GetProperty("params").GetProperty("header").GetString());

        Assert.NotEmpty(card.GetProperty("skills").EnumerateArray());
        foreach (var skill in card.GetProperty("skills").EnumerateArray())
        {
            foreach (var field in new[] { "id", "name", "description" })
            {
                Assert.False(string.IsNullOrWhiteSpace(skill.GetProperty(field).GetString()), field);
            }

            Assert.NotEmpty(skill.GetProperty("tags").EnumerateArray());
        }

        AssertNoEmptyValue(card, "$");
    }

    [Theory]
    [MemberData(nameof(Agents))]
    public void The_card_is_v1_0_shaped_camelCase_without_v0_3_fields(string source, string agentType)
    {
        using var agents = LoadedAgents.Compile(AgentSourcesByName.All[source]);
        var card = Parse(agents.CardJson(agentType));
        foreach (var legacy in new[] { "url", "preferredTransport", "additionalInterfaces", "security", "protocolVersion", "supportsAuthenticatedExtendedCard" })
        {
            Assert.False(card.TryGetProperty(legacy, out _), $"v0.3 field '{legacy}' in the card");
        }

        if (card.TryGetProperty("securitySchemes", out var schemes))
        {
            foreach (var scheme in schemes.EnumerateObject())
            {
                Assert.False(scheme.Value.TryGetProperty("type", out _), "v0.3 {\"type\":…} scheme");
                Assert.Single(scheme.Value.EnumerateObject());
            }
        }

        AssertCamelCase(card, "$");
    }

    [Fact]
    public void Security_schemes_requirements_and_provider_follow_the_attributes()
    {
        using var agents = LoadedAgents.Compile(AgentSources.Currency);
        var card = Parse(agents.CardJson("Shop.CurrencyAgent"));
        var schemes = card.GetProperty("securitySchemes");
        Assert.Equal(
            ["api-key", "basic", "bearer", "digest", "mtls", "oauth", "oauth-code", "oauth-device", "oidc", "query-key"],
            schemes.EnumerateObject().Select(p => p.Name));
        Assert.Equal("header", schemes.GetProperty("api-key").GetProperty("apiKeySecurityScheme").GetProperty("location").GetString());
        Assert.Equal("query", schemes.GetProperty("query-key").GetProperty("apiKeySecurityScheme").GetProperty("location").GetString());
        Assert.Equal("Basic", schemes.GetProperty("basic").GetProperty("httpAuthSecurityScheme").GetProperty("scheme").GetString());
        Assert.Equal("JWT", schemes.GetProperty("bearer").GetProperty("httpAuthSecurityScheme").GetProperty("bearerFormat").GetString());
        Assert.Equal("Digest", schemes.GetProperty("digest").GetProperty("httpAuthSecurityScheme").GetProperty("scheme").GetString());
        Assert.False(string.IsNullOrEmpty(schemes.GetProperty("mtls").GetProperty("mtlsSecurityScheme").GetProperty("description").GetString()));
        var clientCredentials = schemes.GetProperty("oauth").GetProperty("oauth2SecurityScheme").GetProperty("flows").GetProperty("clientCredentials");
        Assert.Equal("Move money", clientCredentials.GetProperty("scopes").GetProperty("payments:write").GetString());
        Assert.Equal("rates:read", clientCredentials.GetProperty("scopes").GetProperty("rates:read").GetString());
        var code = schemes.GetProperty("oauth-code").GetProperty("oauth2SecurityScheme");
        Assert.True(code.GetProperty("flows").GetProperty("authorizationCode").GetProperty("pkceRequired").GetBoolean());
        Assert.EndsWith("oauth-authorization-server", code.GetProperty("oauth2MetadataUrl").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://auth.example.com/device",
            schemes.GetProperty("oauth-device").GetProperty("oauth2SecurityScheme").GetProperty("flows").GetProperty("deviceCode").GetProperty("deviceAuthorizationUrl").GetString());

        // Each [SecurityRequirement] is an alternative; scopes attach to OAuth2/OIDC schemes; entries without scopes
        // would be empty objects and are left out, and so is an alternative left empty ("bearer").
        Assert.Equal(
            """[{"schemes":{"oauth":{"list":["rates:read"]}}},{"schemes":{"oauth-code":{"list":["openid"]},"oidc":{"list":["openid"]}}}]""",
            card.GetProperty("securityRequirements").GetRawText());
        var refund = card.GetProperty("skills").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "refund");
        Assert.Equal(
            """[{"schemes":{"oauth":{"list":["rates:read","payments:write"]}}},{"schemes":{"oauth-code":{"list":["openid","payments:write"]},"oidc":{"list":["openid","payments:write"]}}}]""",
            refund.GetProperty("securityRequirements").GetRawText());

        Assert.Equal("""{"organization":"Example Corp","url":"https://example.com"}""", card.GetProperty("provider").GetRawText());
        var passport = card.GetProperty("capabilities").GetProperty("extensions")[1];
        Assert.Equal("https://github.com/a2aproject/a2a-samples/tree/main/samples/python/extensions/secure-passport", passport.GetProperty("uri").GetString());
        Assert.True(passport.GetProperty("required").GetBoolean());
        Assert.Equal("""["user_preferred_currency","loyalty_tier","access_scope"]""", passport.GetProperty("params").GetProperty("supportedStateKeys").GetRawText());
    }

    [Fact]
    public void A_declared_url_is_flagged_as_declared_even_when_it_is_the_placeholder_text()
    {
        // The flag, not the URL text, says whether hosting may replace the URL.
        using var agents = LoadedAgents.Compile(AgentSources.Currency, """
            using A2AGen;

            [A2AAgent("loopback", Description = "Declares the placeholder's text on purpose", Url = "http://localhost/")]
            public partial class LoopbackAgent
            {
                [Skill("echo", Description = "Echoes", Tags = ["demo"])]
                public string Echo(string text) => text;
            }
            """);
        Assert.True(agents.Descriptor("Shop.CurrencyAgent").DeclaresUrl);
        Assert.True(agents.Descriptor("LoopbackAgent").DeclaresUrl);
        Assert.Equal("http://localhost/", agents.Card("LoopbackAgent").SupportedInterfaces[0].Url);
    }

    [Fact]
    public void Defaults_fill_what_the_attributes_leave_out()
    {
        using var agents = LoadedAgents.Compile(AgentSources.Binding);
        var card = agents.Card("Behaviour.BindingAgent");
        Assert.Equal("BindingAgent", card.Name);
        Assert.Equal("1.0.0", card.Version);
        Assert.Equal("http://localhost/", card.SupportedInterfaces[0].Url);
        Assert.False(agents.Descriptor("Behaviour.BindingAgent").DeclaresUrl);
        Assert.Equal(["text/plain", "application/json"], card.DefaultInputModes);
        Assert.Equal(["text/plain", "application/json"], card.DefaultOutputModes);
        Assert.Equal("Echo", card.Skills.Single(s => s.Id == "text").Name);
        Assert.Equal("Upper", card.Skills.Single(s => s.Id == "task-text").Name);
    }

    [Fact]
    public void Text_needing_escapes_round_trips_exactly()
    {
        using var agents = LoadedAgents.Compile(AgentSources.Escaping);
        var card = agents.Card("Texts.EscapingAgent");
        Assert.Equal("Quote \" Backslash \\ Slash / Tab \t Newline \n Return \r Bell \a Nul \0 Del \u007f", card.Name);
        Assert.Equal("Line separators \u2028 \u2029 and NEL \u0085, bidi \u202E override, BOM \uFEFF, emoji 😀 \U0001F680, accents éàü, CJK 漢字", card.Description);
        Assert.Equal(["<tag> & \"quoted\"", "\u0001\u001f"], card.Skills[0].Tags);

        // JCS escapes only '"', '\' and control characters (short forms, else \u00xx in lower case).
        var json = Encoding.UTF8.GetString(agents.CardJson("Texts.EscapingAgent"));
        Assert.Contains("""Quote \" Backslash \\ Slash / Tab \t Newline \n Return \r Bell \u0007 Nul \u0000 Del """ + "\u007f", json, StringComparison.Ordinal);
        Assert.Contains("Line separators \u2028 \u2029 and NEL \u0085, bidi \u202E override, BOM \uFEFF, emoji 😀 \U0001F680", json, StringComparison.Ordinal);
        Assert.Contains("""["<tag> & \"quoted\"","\u0001\u001f"]""", json, StringComparison.Ordinal);
        Assert.Equal("2.0.0-beta.1+build.5", card.Version);
    }

    private static JsonElement Parse(byte[] json) => JsonDocument.Parse(json).RootElement.Clone();

    private static void AssertNoEmptyValue(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                Assert.True(element.EnumerateObject().Any(), $"empty object at {path}");
                foreach (var property in element.EnumerateObject())
                {
                    AssertNoEmptyValue(property.Value, path + "." + property.Name);
                }

                break;
            case JsonValueKind.Array:
                Assert.True(element.GetArrayLength() > 0, $"empty array at {path}");
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    AssertNoEmptyValue(item, $"{path}[{index++}]");
                }

                break;
            case JsonValueKind.String:
                Assert.False(element.GetString()!.Length == 0, $"empty string at {path}");
                break;
            case JsonValueKind.Null:
                Assert.Fail($"null at {path}");
                break;
        }
    }

    // Member names are camelCase, except keys of maps (scheme names, scopes) and free-form params.
    private static void AssertCamelCase(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                AssertCamelCase(item, path + "[]");
            }
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in element.EnumerateObject())
        {
            Assert.True(char.IsLower(property.Name[0]) && !property.Name.Contains('_') && !property.Name.Contains('-'), $"{path}.{property.Name} is not camelCase");
            if (property.Name is "securitySchemes" or "schemes" or "scopes")
            {
                foreach (var entry in property.Value.EnumerateObject())
                {
                    AssertCamelCase(entry.Value, $"{path}.{property.Name}.{entry.Name}");
                }
            }
            else if (property.Name != "params")
            {
                AssertCamelCase(property.Value, path + "." + property.Name);
            }
        }
    }
}
