using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using A2AGen.Protocol;
using A2AGen.Security;

namespace A2AGen.Hosting;

/// <summary>
/// Per-agent hosting settings, bound as named options (the name is the agent id) and validated at startup.
/// </summary>
public sealed class A2AAgentOptions
{
    /// <summary>The default <see cref="MaxRequestBodySize"/>: 1 MiB.</summary>
    public const long DefaultMaxRequestBodySize = 1024 * 1024;

    /// <summary>The deepest nesting the protocol reader accepts (and the default <see cref="MaxJsonDepth"/>).</summary>
    public const int ProtocolMaxJsonDepth = 64;

    /// <summary>
    /// The public URL of the agent's JSON-RPC endpoint as callers reach it (for example
    /// <c>https://agents.example.com/agents/currency</c>); it becomes the card's interface URL. When null, the URL
    /// declared in <c>[A2AAgent(Url = …)]</c> is used, and without one the URL is derived from each request (scheme,
    /// host, path base and mapped path) — convenient in development, but set this in production so the card never
    /// reflects a caller-chosen <c>Host</c> header.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>
    /// Where the agent's gRPC endpoint listens (<see cref="A2ABindings.Grpc"/>). gRPC over cleartext needs HTTP/2 with
    /// prior knowledge, which Kestrel serves only on an endpoint that speaks HTTP/2 alone, so the agent gets an endpoint
    /// of its own: <c>http://127.0.0.1:5101</c> (cleartext HTTP/2) or <c>https://…</c> (TLS with the host's default
    /// certificate, HTTP/2 negotiated by ALPN); port 0 picks a free port, which the card announces. Null (the default):
    /// a cleartext endpoint on the host (IP) of the first <c>http://</c> address the host is configured with
    /// (<c>--urls</c>, <c>ASPNETCORE_URLS</c>, <c>urls</c>, <c>http_ports</c>), on a free port; no endpoint when the host
    /// has no such address (endpoints configured in code). Empty: no endpoint — the card then lists gRPC only when
    /// <see cref="GrpcPublicUrl"/> says where it is served. Configuration key: <c>A2A:Grpc:Url</c> sets it for every
    /// agent that has none.
    /// </summary>
    public string? GrpcUrl { get; set; }

    /// <summary>
    /// The gRPC interface URL as callers reach it (behind a proxy), listed in the card and named by request signatures
    /// (<c>aud</c>; <c>htu</c> is it with the path <c>/lf.a2a.v1.A2AService/{Method}</c>). Null: the scheme of the gRPC
    /// endpoint, the host of the card's URL and the port the endpoint listens on (<c>http://127.0.0.1:5101</c>).
    /// </summary>
    public string? GrpcPublicUrl { get; set; }

    /// <summary>The largest JSON-RPC request body accepted, in bytes (default 1 MiB). Larger bodies get HTTP 413.</summary>
    public long MaxRequestBodySize { get; set; } = DefaultMaxRequestBodySize;

    /// <summary>The deepest JSON nesting accepted in a request (1–64, default 64).</summary>
    public int MaxJsonDepth { get; set; } = ProtocolMaxJsonDepth;

    /// <summary>
    /// How long a task stays retrievable after its last change (default 1 hour). Finished tasks are evicted after
    /// this; a running task's lifetime is renewed on every update.
    /// </summary>
    public TimeSpan TaskTimeToLive { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Reads a request without <c>A2A-Version</c> as a 1.0 request. Off by default: the spec says an absent version
    /// means 0.3, so a 1.0 method without the header is refused (JSON-RPC -32009); a 0.3 method name without it is
    /// answered as 0.3 while <see cref="AcceptProtocolV03"/> is on.
    /// </summary>
    public bool TreatMissingVersionAsCurrent { get; set; }

    /// <summary>
    /// Answers A2A 0.3 clients on the JSON-RPC binding (on by default): a request with <c>A2A-Version: 0.3</c>, or
    /// without <c>A2A-Version</c>, that names a 0.3 method (<c>message/send</c>, <c>tasks/get</c>, …) is translated
    /// at the binding into the same 1.0 operation — through the same pipeline and security stages — and its answer
    /// back into 0.3 shapes; the card is served in its 0.3 shape to a card request with <c>A2A-Version: 0.3</c>.
    /// Set to false to refuse 0.3 (JSON-RPC -32009 for 0.3 or no version, -32601 for a 0.3 method name).
    /// </summary>
    public bool AcceptProtocolV03 { get; set; } = true;

    /// <summary>
    /// Lets anonymous callers use <c>ListTasks</c>, which then lists every anonymous task of the agent. Off by
    /// default: the spec scopes listing to the authenticated caller, and anonymous callers cannot be told apart.
    /// </summary>
    public bool AllowAnonymousTaskListing { get; set; }

    /// <summary>The <c>max-age</c> of the Agent Card's <c>Cache-Control</c> header (default 5 minutes).</summary>
    public TimeSpan CardCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a stream may stay silent before the server sends an SSE comment (<c>: keep-alive</c>), so proxies and
    /// load balancers do not close a stream whose task is busy (default 15 seconds; zero turns it off).
    /// </summary>
    public TimeSpan StreamKeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often a task running on this instance checks a shared task store for a cancellation made through another
    /// instance (default 1 second). Not used with the in-memory store.
    /// </summary>
    public TimeSpan SharedStorePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Serializer options for the skills' own input and output types: the web defaults (camelCase), with
    /// reflection-based metadata where reflection is enabled. For trimmed or AOT apps insert a source-generated context
    /// first: <c>Json.TypeInfoResolverChain.Insert(0, MyJsonContext.Default)</c> (reflection stays the fallback where
    /// it is available).
    /// </summary>
    public JsonSerializerOptions Json { get; set; } = CreateDefaultJson();

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Reflection metadata is added only when the app allows reflection-based serialization (a feature switch the trimmer honours).")]
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Reflection metadata is added only when the app allows reflection-based serialization (a feature switch the trimmer honours).")]
    private static JsonSerializerOptions CreateDefaultJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        if (JsonSerializer.IsReflectionEnabledByDefault)
        {
            options.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
        }

        return options;
    }

    /// <summary>
    /// Whether the served card is signed with the agent's key (default true), with <c>jku</c> pointing at the agent's
    /// <c>/.well-known/jwks.json</c>. A signing agent needs a key (see <see cref="A2AKeyRing"/>); outside Development it
    /// also needs a fixed card URL (<see cref="PublicUrl"/> or a declared URL), so a signature never vouches for a
    /// caller-chosen <c>Host</c>. Turn it off only for an agent whose card is authenticated some other way.
    /// </summary>
    public bool SignCard { get; set; } = true;

    /// <summary>
    /// The agent's signing key, supplied in code (for example from a vault). Takes precedence over every key file; the
    /// host does not dispose it.
    /// </summary>
    public SigningKey? SigningKey { get; set; }

    /// <summary>
    /// The agent's encryption (JWE decryption) key, supplied in code; published in its JWKS with <c>use: "enc"</c>. Takes
    /// precedence over <c>encryption.key.jwk</c> in the key folder; the host does not dispose it.
    /// </summary>
    public JweDecryptionKey? EncryptionKey { get; set; }

    /// <summary>
    /// The agent's own key directory (<c>signing.key.pem</c>, <c>retired/</c>). Default: <c>&lt;keys&gt;/&lt;agent-id&gt;/</c>
    /// when that folder exists, else the top of the key directory (<see cref="A2AKeyOptions.KeysDirectory"/>).
    /// </summary>
    public string? KeysDirectory { get; set; }

    /// <summary>
    /// More URLs under which callers reach this agent (aliases, other host names), accepted in a request signature's
    /// <c>aud</c> and <c>htu</c> besides the card URL. Absolute http(s) URLs.
    /// </summary>
    public IList<string> AcceptedRequestUrls { get; set; } = [];

    /// <summary>
    /// Also accept CapiscIO SimpleGuard signatures (<c>X-Capiscio-JWS</c> / <c>X-Capiscio-Badge</c>) when a request has no
    /// <c>A2A-Signature</c>. Off by default; see docs/hosting.md for the checks CapiscIO tokens cannot carry.
    /// </summary>
    public bool AcceptCapiscioSignatures { get; set; }

    /// <summary>Tolerance for callers' clocks when checking request signatures (default 5 seconds; at most 5 minutes).</summary>
    public TimeSpan SignatureClockSkew { get; set; } = RequestSignatureFormat.DefaultClockSkew;

    /// <summary>The longest request-signature lifetime (<c>exp</c> − <c>iat</c>) accepted (default 5 minutes; at most 1 hour). It bounds how long token ids stay in the replay cache.</summary>
    public TimeSpan MaxSignatureLifetime { get; set; } = RequestSignatureFormat.DefaultMaxLifetime;

    /// <summary>
    /// Supplies the authenticated extended Agent Card (<c>GetExtendedAgentCard</c>) for a caller — the verified request
    /// signer, mutual-TLS peer and ASP.NET Core user (<see cref="VerifiedCaller"/>), so the card can be kept for signed
    /// peers (<c>caller =&gt; caller.RequestSignature is null ? null : …</c>). When set, the served card declares
    /// <c>capabilities.extendedAgentCard</c>; returning null answers -32007 for that caller.
    /// </summary>
    public Func<VerifiedCaller, AgentCard?>? ExtendedAgentCard { get; set; }

    /// <summary>
    /// A last change to the served card (for example provider or documentation values from configuration), applied
    /// once per URL. Capabilities (streaming, push notifications, extensions) and skills stay as generated: the
    /// hosting acts on the generated card's declarations, so changing them here would make the card lie.
    /// </summary>
    public Func<AgentCard, AgentCard>? ConfigureCard { get; set; }

    /// <summary>
    /// How long an accepted message is remembered by (verified caller, <c>messageId</c>) so that sending it again — a
    /// retry, even with a fresh request signature — answers the original task or reply instead of running the skill
    /// again (default 10 minutes; at most 7 days; <see cref="TimeSpan.Zero"/> turns it off). The same id with another
    /// message is refused (<c>IDEMPOTENCY_KEY_REUSED</c>). Stored in the host's <c>IIdempotencyStore</c>.
    /// </summary>
    public TimeSpan IdempotencyWindow { get; set; } = TimeSpan.FromMinutes(10);
}
