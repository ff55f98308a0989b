using A2AGen.Client;
using A2AGen.Security;

namespace TravelDesk.Orchestrator;

/// <summary>
/// One agent as the orchestrator sees it: a client that signs its requests (and records them, for the replay
/// scenario), a client that does not, and a plain <see cref="HttpClient"/> for hand-made requests. Connecting fetches
/// the agent's card and verifies its signature before anything is sent.
/// </summary>
public sealed class Peer : IDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(15);

    private readonly HttpClient _signedHttp;
    private readonly HttpClient _unsignedHttp;

    private Peer(string agentId, A2AClient signed, RequestRecorder recorder, HttpClient signedHttp, A2AClient unsigned, HttpClient unsignedHttp, A2AClient? encrypted)
    {
        AgentId = agentId;
        Encrypted = encrypted;
        Signed = signed;
        Recorder = recorder;
        Unsigned = unsigned;
        _signedHttp = signedHttp;
        _unsignedHttp = unsignedHttp;
    }

    /// <summary>The agent id its card must be signed by.</summary>
    public string AgentId { get; }

    /// <summary>Calls the agent with every request signed as the orchestrator.</summary>
    public A2AClient Signed { get; }

    /// <summary>The last request <see cref="Signed"/> sent, exactly as sent.</summary>
    public RequestRecorder Recorder { get; }

    /// <summary>
    /// Calls the agent with signed requests whose message parts are encrypted to the agent's published encryption key
    /// (its card declares the encryption extension), decrypting the answers; null when the orchestrator has no
    /// encryption key or the agent's card does not ask for encryption.
    /// </summary>
    public A2AClient? Encrypted { get; }

    /// <summary>Calls the agent without request signatures.</summary>
    public A2AClient Unsigned { get; }

    /// <summary>For hand-made requests (no signing, no A2A client).</summary>
    public HttpClient Raw => _unsignedHttp;

    /// <summary>The JSON-RPC endpoint (the card's interface URL).</summary>
    public Uri Endpoint => Signed.Endpoint;

    /// <summary>Fetches and verifies the agent's card.</summary>
    /// <param name="agentId">The agent the card must be signed by.</param>
    /// <param name="url">The agent's URL.</param>
    /// <param name="trust">Keys the card may be signed with; with no key for <paramref name="agentId"/>, the agent's own JWKS (same origin) is used.</param>
    /// <param name="signer">Signs the orchestrator's requests.</param>
    /// <param name="encryption">The orchestrator's payload encryption settings, for <see cref="Encrypted"/>.</param>
    /// <exception cref="A2AClientException">The agent is down, is not an A2A agent, or its card does not verify.</exception>
    public static async Task<Peer> ConnectAsync(string agentId, Uri url, TrustStore trust, RequestSigner signer, A2AClientEncryption? encryption = null)
    {
        var unsignedHttp = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = CallTimeout };
        var recorder = new RequestRecorder(new SocketsHttpHandler { AllowAutoRedirect = false });
        var signedHttp = A2ASigningHandler.CreateHttpClient(signer, recorder);
        signedHttp.Timeout = CallTimeout;
        try
        {
            var clientOptions = new A2AClientOptions
            {
                CardTrust = trust,
                ExpectedAgentId = agentId,
                CardVerification = trust.GetKeys(agentId).Count > 0
                    ? null
                    : new() { AllowedJwkSetOrigins = [new Uri(url.GetLeftPart(UriPartial.Authority))], HttpClient = unsignedHttp },
            };
            var signed = await A2AClient.ConnectAsync(signedHttp, url, clientOptions);
            var unsigned = await A2AClient.ConnectAsync(unsignedHttp, url, clientOptions);
            var encrypted = encryption is null ? null : await A2AClient.ConnectAsync(signedHttp, url, new A2AClientOptions
            {
                CardTrust = clientOptions.CardTrust,
                ExpectedAgentId = agentId,
                CardVerification = clientOptions.CardVerification,
                Encryption = encryption,
            });
            return new Peer(agentId, signed, recorder, signedHttp, unsigned, unsignedHttp, encrypted is { EncryptsMessages: true } ? encrypted : null);
        }
        catch
        {
            signedHttp.Dispose();
            unsignedHttp.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A client whose requests are signed like <see cref="Signed"/>'s and carry a bearer token from
    /// <paramref name="bearerToken"/> (<c>Authorization: Bearer</c>), e.g. a Biscuit narrowed for each call.
    /// </summary>
    /// <param name="bearerToken">Gives each call's token.</param>
    public A2AClient WithBearerToken(A2ABearerTokenProvider bearerToken) =>
        new(_signedHttp, Endpoint, new A2AClientOptions { ExpectedAgentId = AgentId, BearerToken = bearerToken });

    /// <summary>How the card verified, for the table.</summary>
    public string DescribeCard()
    {
        var verification = Signed.Card?.Verification;
        return verification is { IsVerified: true, Key: { } key }
            ? $"{key.AgentId} kid {key.KeyId[..8]}…{(verification.KeyFromJwkSetUrl ? " (from its jwks.json)" : "")}"
            : $"{AgentId}: {verification?.ToString() ?? "not verified"}";
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _signedHttp.Dispose();
        _unsignedHttp.Dispose();
    }
}
