using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Provenance;

namespace A2AGen.Security.Tests.Provenance;

/// <summary>
/// Three agents with their own keys (the two upstream ones Ed25519, the reporting one P-256), a trust store that knows
/// all three, and a fake clock: the chain of the demo — a currency quote and a finance figure combined into a report.
/// </summary>
internal sealed class ProvenanceFixture : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public ProvenanceFixture()
    {
        Trust.Add("currency-agent", Currency.PublicKey);
        Trust.Add("finance-agent", Finance.PublicKey);
        Trust.Add("travel-desk", Desk.PublicKey);
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public SigningKey Currency { get; } = SigningKey.Create(SigningAlgorithm.Ed25519);

    public SigningKey Finance { get; } = SigningKey.Create(SigningAlgorithm.Ed25519);

    public SigningKey Desk { get; } = SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256);

    public TrustStore Trust { get; } = new();

    public ProvenanceSigner Signer(SigningKey key, string agentId, TimeSpan? lifetime = null, bool carry = true) =>
        new(key, agentId, new ProvenanceSigningOptions { TimeProvider = Clock, Lifetime = lifetime, CarryAncestors = carry });

    public ProvenanceVerifier Verifier(ProvenanceLimits? limits = null, IProvenanceParentResolver? resolver = null, int cache = 0) =>
        new(Trust, new ProvenanceVerifierOptions { TimeProvider = Clock, Limits = limits ?? ProvenanceLimits.Default, ParentResolver = resolver, CacheCapacity = cache });

    public static Artifact Data(string id, string json) => new()
    {
        ArtifactId = id,
        Name = id,
        Parts = [Part.FromData(JsonDocument.Parse(json).RootElement.Clone())],
    };

    /// <summary>The quote (task t-cur), the figure (task t-fin), and the report (task t-rep) made from both.</summary>
    public (Artifact Quote, Artifact Figure, Artifact Report) ThreeSignerChain()
    {
        var quote = Signer(Currency, "currency-agent").Sign(Data("quote-1", """{"from":"EUR","to":"USD","rate":1.0842}"""), new ProvenanceBinding("t-cur", "ctx-cur"));
        Clock.Advance(TimeSpan.FromSeconds(5));
        var figure = Signer(Finance, "finance-agent").Sign(Data("figure-1", """{"metric":"revenue","value":125000.5,"currency":"EUR"}"""), new ProvenanceBinding("t-fin", "ctx-fin"));
        Clock.Advance(TimeSpan.FromSeconds(5));
        var report = Signer(Desk, "travel-desk").Sign(
            Data("report-1", """{"summary":"revenue in USD","value":135529.24}"""),
            new ProvenanceBinding("t-rep", "ctx-rep"),
            [Envelope(quote), Envelope(figure)]);
        return (quote, figure, report);
    }

    public static ProvenanceEnvelope Envelope(Artifact artifact) => ProvenanceEnvelope.Parse(ProvenanceFormat.FindEnvelope(artifact)!.Value);

    public static ProvenanceEnvelope EnvelopeOf(Message message) => ProvenanceEnvelope.Parse(ProvenanceFormat.FindEnvelope(message)!.Value);

    public static ProvenanceExpectations In(string taskId, string contextId) => new() { TaskId = taskId, ContextId = contextId };

    public void Dispose()
    {
        Currency.Dispose();
        Finance.Dispose();
        Desk.Dispose();
    }
}
