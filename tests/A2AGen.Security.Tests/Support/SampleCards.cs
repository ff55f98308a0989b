using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Security.Tests.Support;

/// <summary>Realistic Agent Cards as the generator and hosting produce them (no empty values, DESIGN §6.1).</summary>
internal static class SampleCards
{
    public static AgentCard Currency(int skills = 3) => new()
    {
        Name = "Currency Agent",
        Description = "Converts money between currencies with live rates — «exact» to the cent.",
        Version = "1.2.0",
        SupportedInterfaces = [new AgentInterface { Url = "https://currency.example.com/a2a" }],
        Provider = new AgentProvider { Organization = "Example Corp", Url = "https://example.com" },
        DocumentationUrl = "https://currency.example.com/docs",
        Capabilities = new AgentCapabilities
        {
            Streaming = true,
            PushNotifications = false,
            Extensions =
            [
                new AgentExtension
                {
                    Uri = A2AProtocol.RequestSigningExtensionUri,
                    Description = "Requests may be signed with A2A-Signature (JWS, EdDSA or ES256).",
                    Params = Params("""{"algorithms":["EdDSA","ES256"],"header":"A2A-Signature","jwksPath":"/.well-known/jwks.json","typ":"a2a-request+jwt"}"""),
                },
                new AgentExtension
                {
                    Uri = A2AProtocol.SecurePassportExtensionUri,
                    Params = Params("""{"supportedStateKeys":["user_preferred_currency","loyalty_tier"]}"""),
                },
            ],
        },
        SecuritySchemes = new Dictionary<string, SecurityScheme>
        {
            ["bearer"] = new() { HttpAuthSecurityScheme = new HttpAuthSecurityScheme { Scheme = "Bearer", BearerFormat = "JWT" } },
            ["mtls"] = new() { MtlsSecurityScheme = new MutualTlsSecurityScheme { Description = "Client certificate" } },
        },
        DefaultInputModes = ["text/plain", "application/json"],
        DefaultOutputModes = ["text/plain", "application/json"],
        Skills = Enumerable.Range(0, skills).Select(i => new AgentSkill
        {
            Id = $"skill-{i}",
            Name = $"Skill {i}",
            Description = $"Does thing number {i}: converts amounts, quotes rates and explains fees in plain language.",
            Tags = ["finance", "currency", $"tag-{i}"],
            Examples = [$"Convert {100 + i} USD to GBP", $"What is the EUR rate today? ({i})"],
        }).ToList(),
        IconUrl = "https://currency.example.com/icon.png",
    };

    /// <summary>The generator's <c>CardJson</c> equivalent: RFC 8785 bytes of the card.</summary>
    public static byte[] CanonicalJson(AgentCard card) => JsonCanonicalizer.Canonicalize(A2AJson.SerializeToUtf8Bytes(card));

    private static IReadOnlyDictionary<string, JsonElement> Params(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
}
