using System.Text.Json;
using System.Text.Json.Nodes;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Provenance;
using A2AGen.Security.Tests.Provenance;
using A2AGen.Security.Tests.Support;

namespace A2AGen.Security.Tests.Interop;

/// <summary>
/// Provenance chains across implementations: jose (with a canonicalizer and chain walk written from docs/provenance.md,
/// tests/interop/jose-provenance.mjs) checks every envelope of a chain A2AGen signed, and A2AGen verifies a chain jose built.
/// </summary>
public sealed class ProvenanceJoseInteropTests : IDisposable
{
    private readonly ProvenanceFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Jose_verifies_every_envelope_of_a_three_signer_chain_A2AGen_signed_from_the_envelopes_and_JWKS_alone()
    {
        var (quote, figure, report) = _f.ThreeSignerChain();
        var tampered = report with { Description = "changed after signing" };
        var request = new JsonObject
        {
            ["jwks"] = new JsonObject
            {
                ["currency-agent"] = Jwks(_f.Currency),
                ["finance-agent"] = Jwks(_f.Finance),
                ["travel-desk"] = Jwks(_f.Desk),
            },
            ["items"] = new JsonArray(Wire(quote), Wire(figure), Wire(report), Wire(tampered)),
        };

        var results = NodePeer.Run("jose-provenance.mjs", request).AsArray();
        Assert.Equal(4, results.Count);
        AssertAllVerified(results[0]!, ["currency-agent"]);
        AssertAllVerified(results[1]!, ["finance-agent"]);
        AssertAllVerified(results[2]!, ["travel-desk", "currency-agent", "finance-agent"]);
        Assert.Equal(["ES256", "EdDSA", "EdDSA"], results[2]!["links"]!.AsArray().Select(l => l!["alg"]!.GetValue<string>()));
        Assert.Equal(_f.Desk.PublicKey.Thumbprint, results[2]!["links"]![0]!["kid"]!.GetValue<string>());

        // The same chain with changed content: jose's content digest differs too.
        var tamperedRoot = results[3]!["links"]![0]!;
        Assert.False(tamperedRoot["ok"]!.GetValue<bool>());
        Assert.Equal("content digest mismatch", tamperedRoot["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_chain_jose_built_from_the_documentation_verifies_with_A2AGen_and_its_tampering_is_caught()
    {
        long iat = _f.Clock.GetUtcNow().ToUnixTimeSeconds();
        var request = new JsonObject
        {
            ["iat"] = iat,
            ["steps"] = new JsonArray(
                Step("currency-agent", "EdDSA", Artifact("quote-1", """{"from":"EUR","to":"USD","rate":1.0842}""", withMetadata: true), "t-cur", "ctx-cur"),
                Step("finance-agent", "ES256", Artifact("figure-1", """{"metric":"revenue","value":125000.5}""", withMetadata: false), "t-fin", "ctx-fin"),
                Step("travel-desk", "EdDSA", Artifact("report-1", """{"summary":"revenue in USD","value":135529.24,"note":"é ✓ 😀"}""", withMetadata: false), "t-rep", "ctx-rep", 0, 1)),
        };
        var answer = NodePeer.Run("jose-provenance.mjs", request);

        var trust = new TrustStore();
        foreach (var (agent, set) in answer["jwks"]!.AsObject())
        {
            trust.Add(agent, JsonWebKeySet.Parse(set!.ToJsonString()));
        }

        var verifier = new ProvenanceVerifier(trust, new ProvenanceVerifierOptions { TimeProvider = _f.Clock, CacheCapacity = 0 });
        var artifacts = answer["artifacts"]!.AsArray().Select(a => A2AJson.Deserialize<Artifact>(a!.ToJsonString())!).ToList();
        Assert.True(verifier.Verify(artifacts[0], ProvenanceFixture.In("t-cur", "ctx-cur")).IsVerified);
        Assert.True(verifier.Verify(artifacts[1], ProvenanceFixture.In("t-fin", "ctx-fin")).IsVerified);

        var report = verifier.Verify(artifacts[2], ProvenanceFixture.In("t-rep", "ctx-rep"));
        Assert.True(report.IsVerified, report.ToString());
        Assert.Equal(["travel-desk", "currency-agent", "finance-agent"], report.Links.Select(l => l.Key!.AgentId));
        Assert.Equal(["EdDSA", "EdDSA", "ES256"], report.Links.Select(l => l.Algorithm));

        // Verified from the raw JSON as well (what the CLI does), and refused in another task.
        var raw = JsonDocument.Parse(answer["artifacts"]![2]!.ToJsonString()).RootElement;
        var fromJson = await verifier.VerifyAsync(raw.GetProperty("metadata").GetProperty(ProvenanceFormat.MetadataKey), ProvenanceSubject.FromJson(raw), ProvenanceFixture.In("t-rep", "ctx-rep"));
        Assert.True(fromJson.IsVerified, fromJson.ToString());
        Assert.Equal(ProvenanceReasons.BindingMismatch, verifier.Verify(artifacts[2], ProvenanceFixture.In("t-cur", "ctx-rep")).Reason);

        // An upstream figure altered inside the carried ancestors is caught.
        var node = JsonNode.Parse(answer["artifacts"]![2]!.ToJsonString())!;
        node["metadata"]![ProvenanceFormat.MetadataKey]!["ancestors"]![1]!["statement"]!["taskId"] = "t-forged";
        var forged = verifier.Verify(A2AJson.Deserialize<Artifact>(node.ToJsonString())!, ProvenanceFixture.In("t-rep", "ctx-rep"));
        Assert.Equal(ProvenanceStatus.Invalid, forged.Status);
        Assert.Equal(ProvenanceReasons.ParentNotFound, forged.Reason);
    }

    private static void AssertAllVerified(JsonNode result, string[] issuers)
    {
        var links = result["links"]!.AsArray();
        Assert.Equal(issuers, links.Select(l => l!["iss"]!.GetValue<string>()));
        Assert.All(links, l => Assert.True(l!["ok"]!.GetValue<bool>(), l.ToJsonString()));
    }

    private static JsonNode Jwks(SigningKey key) => JsonNode.Parse(JsonWebKeySet.Create([key.PublicKey]).ToJson())!;

    private static JsonNode Wire(Artifact artifact) => JsonNode.Parse(A2AJson.Serialize(artifact))!;

    private static JsonObject Artifact(string id, string data, bool withMetadata)
    {
        var artifact = new JsonObject
        {
            ["artifactId"] = id,
            ["name"] = id,
            ["parts"] = new JsonArray(new JsonObject { ["data"] = JsonNode.Parse(data) }),
        };
        if (withMetadata)
        {
            artifact["metadata"] = new JsonObject { ["source"] = "ecb" };
        }

        return artifact;
    }

    private static JsonObject Step(string agent, string alg, JsonObject artifact, string taskId, string contextId, params int[] parents) => new()
    {
        ["agent"] = agent,
        ["alg"] = alg,
        ["artifact"] = artifact,
        ["taskId"] = taskId,
        ["contextId"] = contextId,
        ["parents"] = new JsonArray([.. parents.Select(p => (JsonNode)p)]),
    };
}
