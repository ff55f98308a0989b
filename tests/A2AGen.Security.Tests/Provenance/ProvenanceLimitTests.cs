using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using A2AGen.Protocol;
using A2AGen.Provenance;

namespace A2AGen.Security.Tests.Provenance;

/// <summary>Hostile sizes: a 1,000-deep chain and a 10 MB chain are refused with a reason, cheaply, and depth never costs call stack.</summary>
public sealed class ProvenanceLimitTests : IDisposable
{
    private readonly ProvenanceFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void A_1000_deep_chain_is_refused_by_default_and_verifies_iteratively_when_allowed()
    {
        var artifact = DeepChain(1000);
        var envelope = ProvenanceEnvelope.Parse(ProvenanceFormat.FindEnvelope(artifact)!.Value, new ProvenanceLimits { MaxLinks = 2000, MaxChainBytes = 16 * 1024 * 1024 });
        Assert.Equal(999, envelope.Ancestors.Count);

        // Default limits: 999 carried envelopes are over the link limit, refused before any signature is checked.
        var refused = _f.Verifier().Verify(artifact);
        Assert.Equal(ProvenanceStatus.Invalid, refused.Status);
        Assert.Equal(ProvenanceReasons.ChainTooLarge, refused.Reason);
        Assert.Contains("999 ancestors", refused.Detail);

        // With room for the links and bytes, the depth limit stops the walk.
        var roomy = new ProvenanceLimits { MaxLinks = 2000, MaxChainBytes = 16 * 1024 * 1024 };
        var tooDeep = _f.Verifier(roomy).Verify(artifact);
        Assert.Equal(ProvenanceReasons.ChainTooDeep, tooDeep.Reason);
        Assert.Equal(34, tooDeep.Links.Count); // depths 0 to 32 checked, the link to depth 33 refused
        Assert.Equal(33, tooDeep.Links[^1].Depth);
        Assert.Null(tooDeep.Links[^1].Envelope);

        // And allowed to go all the way, on a thread with a small stack: no recursion anywhere.
        ProvenanceVerificationResult? full = null;
        var thread = new Thread(() => full = _f.Verifier(roomy with { MaxDepth = 1000 }).Verify(artifact), maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.True(full!.IsVerified, full.ToString());
        Assert.Equal(1000, full.Links.Count);
        Assert.Equal(999, full.Links[^1].Depth);
        Assert.Equal("link-0", full.CustodyTrail[0].ContentId);
    }

    [Fact]
    public void A_10_MB_chain_is_refused_by_size_before_it_is_canonicalized()
    {
        var (_, _, report) = _f.ThreeSignerChain();
        var node = JsonNode.Parse(ProvenanceFormat.FindEnvelope(report)!.Value.GetRawText())!.AsObject();
        var ancestor = node["ancestors"]![0]!.ToJsonString();
        var padded = new StringBuilder(11 * 1024 * 1024);
        padded.Append("{\"statement\":").Append(node["statement"]!.ToJsonString()).Append(",\"signature\":\"").Append(node["signature"]!.GetValue<string>()).Append("\",\"ancestors\":[");
        int copies = (10 * 1024 * 1024 / ancestor.Length) + 1;
        for (int i = 0; i < copies; i++)
        {
            padded.Append(i == 0 ? "" : ",").Append(ancestor);
        }

        padded.Append("]}");
        Assert.True(padded.Length > 10 * 1024 * 1024);
        using var document = JsonDocument.Parse(padded.ToString());
        var huge = report with { Metadata = new Dictionary<string, JsonElement> { [ProvenanceFormat.MetadataKey] = document.RootElement } };

        var stopwatch = Stopwatch.StartNew();
        var result = _f.Verifier().Verify(huge, ProvenanceFixture.In("t-rep", "ctx-rep"));
        stopwatch.Stop();
        Assert.Equal(ProvenanceStatus.Invalid, result.Status);
        Assert.Equal(ProvenanceReasons.ChainTooLarge, result.Reason);
        Assert.Contains("the limit is 1048576", result.Detail);

        // Even allowed the bytes, the number of carried envelopes is bounded.
        var moreBytes = _f.Verifier(new ProvenanceLimits { MaxChainBytes = 32 * 1024 * 1024 }).Verify(huge, ProvenanceFixture.In("t-rep", "ctx-rep"));
        Assert.Equal(ProvenanceReasons.ChainTooLarge, moreBytes.Reason);
        Assert.Contains("ancestors", moreBytes.Detail);
    }

    [Fact]
    public void Envelope_parse_refuses_oversized_input_and_too_many_parents()
    {
        Assert.Contains("larger than", Assert.Throws<FormatException>(() => ProvenanceEnvelope.Parse(new byte[2 * 1024 * 1024], ProvenanceLimits.Default)).Message);
        var parents = Enumerable.Range(0, 65).Select(i => new ProvenanceParent(ProvenanceDigest.Compute([(byte)i]), "currency-agent")).ToList();
        var statement = new ProvenanceStatement
        {
            Issuer = "travel-desk", Kind = ProvenanceKind.Artifact, Digest = ProvenanceDigest.Compute([]), TaskId = "t", ContextId = "c", ContentId = "a", IssuedAt = 1, Parents = parents,
        };
        var json = Encoding.UTF8.GetBytes($$"""{"statement":{{Encoding.UTF8.GetString(statement.ToCanonicalJson())}},"signature":"eyJhbGciOiJFZERTQSJ9..AAAA"}""");
        Assert.Contains("more than 64 parents", Assert.Throws<FormatException>(() => ProvenanceEnvelope.Parse(json)).Message);
    }

    private Artifact DeepChain(int depth)
    {
        var signer = _f.Signer(_f.Currency, "currency-agent");
        ProvenanceEnvelope? previous = null;
        Artifact? artifact = null;
        for (int i = 0; i < depth; i++)
        {
            artifact = ProvenanceFixture.Data($"link-{i}", $$"""{"i":{{i}}}""");
            previous = signer.CreateEnvelope(ProvenanceKind.Artifact, ProvenanceFormat.ComputeDigest(artifact), artifact.ArtifactId, new ProvenanceBinding($"t-{i}", "c"), previous is null ? null : [previous]);
        }

        return ProvenanceFormat.Attach(artifact!, previous!);
    }
}
