using A2AGen.Protocol;
using A2AGen.Security;

namespace A2AGen.Client;

/// <summary>Settings of an <see cref="A2AClient"/>.</summary>
public sealed class A2AClientOptions
{
    /// <summary>Extension URIs to request on every call (the <c>A2A-Extensions</c> header).</summary>
    public IReadOnlyList<string> Extensions { get; init; } = [];

    /// <summary>
    /// Checks a fetched Agent Card before the client trusts it. Default: an <see cref="AgentCardTrustVerifier"/> over
    /// <see cref="CardTrust"/>, <see cref="ExpectedAgentId"/>, <see cref="AllowUnverifiedCard"/> and
    /// <see cref="CardVerification"/>.
    /// </summary>
    public IAgentCardVerifier? CardVerifier { get; init; }

    /// <summary>The keys card signatures are checked against (usually a <see cref="TrustStore"/> with the peer's JWKS).</summary>
    public IJwsKeyResolver? CardTrust { get; init; }

    /// <summary>The agent id the card must be signed by; null accepts a signature by any trusted agent.</summary>
    public string? ExpectedAgentId { get; init; }

    /// <summary>
    /// Accept a card that carries no signature by a trusted key (it is then marked Unverified). Off by default: an
    /// unverified card can name any endpoint, so a client that accepts one trusts whoever served it. Cards with an
    /// invalid signature are refused regardless.
    /// </summary>
    public bool AllowUnverifiedCard { get; init; }

    /// <summary>Algorithms and the <c>jku</c> allow-list for card verification.</summary>
    public AgentCardVerificationOptions? CardVerification { get; init; }

    /// <summary>
    /// The bearer token of each call (<c>Authorization: Bearer</c>), e.g. a Biscuit attenuated for that call; null sends
    /// none. Asked for each message call (SendMessage, SendStreamingMessage). A request that already carries an <c>Authorization</c> header (set by a handler) keeps it.
    /// </summary>
    public A2ABearerTokenProvider? BearerToken { get; init; }

    /// <summary>
    /// The bindings <see cref="A2AClient.ConnectAsync"/> may use, most wanted first (names as cards spell them, compared
    /// case-insensitively). The client takes the first binding in this list that the verified card lists for A2A 1.0
    /// and that it has a transport for; among several interfaces of that binding, the card's order decides. Default:
    /// <c>JSONRPC</c>, <c>HTTP+JSON</c>, <c>GRPC</c> — JSON-RPC first, as every A2A 1.0 agent serves it and earlier
    /// clients used it; gRPC is used only with its transport added (<see cref="Transports"/>). Put <c>GRPC</c> first to
    /// prefer it; leave a binding out to never use it.
    /// </summary>
    public IReadOnlyList<string> PreferredBindings { get; init; } = [AgentInterface.JsonRpcBinding, AgentInterface.HttpJsonBinding, AgentInterface.GrpcBinding];

    /// <summary>
    /// Transports beside the built-in JSON-RPC and HTTP+JSON ones, e.g. gRPC (<c>A2AGrpcTransportFactory</c> in
    /// <c>A2AGen.Hosting</c>). A factory listed here is asked before a built-in one of the same binding.
    /// </summary>
    public IReadOnlyList<IA2ATransportFactory> Transports { get; init; } = [];

    /// <summary>
    /// Retries of calls that failed for a reason that may pass (unreachable agent, HTTP 502/503/504/429): on by default
    /// (4 attempts, 500 ms doubling with jitter, 60 s in all); <see cref="A2ARetryOptions.Disabled"/> turns them off.
    /// See <see cref="A2ARetryOptions"/> for what is retried.
    /// </summary>
    public A2ARetryOptions Retry { get; init; } = new();

    /// <summary>
    /// Where a <c>SendMessage</c> goes when its retries are spent and the failure may pass (the agent unreachable or
    /// unavailable): the message, the agent's interface and the attempts are saved (never keys or bearer tokens), the
    /// call still fails, and <see cref="A2AClientException.DeadLetterId"/> names the entry to redeliver later
    /// (<see cref="DeadLetterRedelivery"/>, <c>a2agen dlq retry</c>). Null (the default) saves nothing;
    /// <see cref="FileDeadLetterQueue"/> is the default store, <c>A2AGen.Hosting.Redis</c> has a Redis one.
    /// </summary>
    public IDeadLetterQueue? DeadLetters { get; init; }

    /// <summary>The largest response accepted, in bytes (default 16 MiB).</summary>
    public int MaxResponseSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>The largest single streamed event accepted, in bytes (default 4 MiB).</summary>
    public int MaxEventSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>
    /// What the client does with provenance envelopes when the agent's card declares <c>urn:a2agen:ext:provenance:v1</c>
    /// (only then, and only for a client made by <see cref="A2AClient.ConnectAsync"/>): by default it verifies every
    /// artifact and agent message and reports each result (<see cref="A2AClient.ProvenanceOf(A2AGen.Protocol.Artifact)"/>);
    /// it can throw instead.
    /// </summary>
    public ClientProvenanceMode Provenance { get; init; }

    /// <summary>The keys provenance envelopes are checked against, by signer agent id; null uses <see cref="CardTrust"/>.</summary>
    public IJwsKeyResolver? ProvenanceTrust { get; init; }

    /// <summary>Limits, algorithms, clock and parent resolver of provenance verification; null for the defaults.</summary>
    public A2AGen.Provenance.ProvenanceVerifierOptions? ProvenanceVerification { get; init; }

    /// <summary>
    /// Payload encryption (JWE): who the caller is and its decryption keys. Null (default): messages go in plaintext,
    /// and a skill that requires encryption refuses them (<c>ENCRYPTION_REQUIRED</c>).
    /// </summary>
    public A2AClientEncryption? Encryption { get; init; }

    /// <summary>
    /// Publishes large parts instead of sending them inline (store-and-fetch, issue 17 item 5): a <c>raw</c> or
    /// <c>text</c> part over <see cref="IA2APayloadPublisher.Threshold"/> bytes is stored and replaced by a signed,
    /// single-use <c>url</c> part bound to the recipient (the card's verified agent id, else <see cref="ExpectedAgentId"/>).
    /// Null (the default) sends every part inline.
    /// </summary>
    public IA2APayloadPublisher? Payloads { get; init; }
}
