using A2AGen.Security;

namespace A2AGen.Hosting;

/// <summary>
/// How a push-notification receiver (<c>app.MapA2APushReceiver(…)</c>, registered with
/// <c>services.AddA2APushReceiver(…)</c>) authenticates the agents that call it back. A notification is accepted when it
/// carries an A2AGen request signature (<c>A2A-Signature</c>) by a trusted agent whose <c>aud</c> and <c>htu</c> name
/// <see cref="PublicUrl"/>, or — only when <see cref="TokenSenders"/> is not empty — an <c>Authorization</c> (or
/// <c>X-A2A-Notification-Token</c>) header equal to one of those tokens (the forms the official SDKs send).
/// </summary>
public sealed class A2APushReceiverOptions
{
    /// <summary>The default largest body: 1 MiB.</summary>
    public const long DefaultMaxBodySize = 1024 * 1024;

    /// <summary>
    /// The webhook URL exactly as the senders were given it (the <c>url</c> of the push configuration): a signature's
    /// <c>aud</c> and <c>htu</c> must name it (query ignored). Required outside the Development environment; without it,
    /// the URL the request reached is used, which a caller chooses through the <c>Host</c> header.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>Further URLs the receiver is reached under (an old host name during a move), accepted like <see cref="PublicUrl"/>.</summary>
    public IList<string> AcceptedUrls { get; } = [];

    /// <summary>
    /// The agent ids whose signed notifications are accepted (the agents of <see cref="SenderJwks"/> always are); a
    /// verified signature of any other agent is refused with 403. Empty (the default): every agent whose key the host
    /// trusts (<see cref="A2AKeyRing.TrustStore"/>: the trust folder, <c>A2AGEN_TRUSTED_KEYS</c>, keys added in code,
    /// the host's own agents).
    /// </summary>
    public ISet<string> TrustedSenders { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Senders whose keys are fetched from their published JWKS (<c>{agent}/.well-known/jwks.json</c>) instead of a
    /// trust file: agent id → JWKS URL. Only <c>https</c> URLs unless <see cref="AllowHttpJwks"/>. The set is fetched
    /// when a notification of that agent first arrives, again after <see cref="JwksRefreshInterval"/>, and when a
    /// notification names a key it does not hold (at most once per <see cref="JwksMinimumRefetchInterval"/>).
    /// </summary>
    public IDictionary<string, Uri> SenderJwks { get; } = new Dictionary<string, Uri>(StringComparer.Ordinal);

    /// <summary>Allows <c>http</c> JWKS URLs in <see cref="SenderJwks"/> (tests, a loopback sidecar). Off by default.</summary>
    public bool AllowHttpJwks { get; set; }

    /// <summary>How long a fetched JWKS is used before it is fetched again (default 10 minutes).</summary>
    public TimeSpan JwksRefreshInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The shortest time between two fetches of one JWKS (default 30 seconds), so unknown <c>kid</c>s cannot make the receiver hammer the sender.</summary>
    public TimeSpan JwksMinimumRefetchInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Senders authenticated by a plain <c>Authorization: {scheme} {credentials}</c> token — what the official JS SDK's
    /// push sender sends from the push configuration's <c>authentication</c>. Empty (the default): tokens are not
    /// accepted and every notification must be signed. A token proves only that the sender knows it: unlike a signature
    /// it does not cover the body, expire or refuse replays, so prefer signatures wherever the sender can make them.
    /// </summary>
    public IList<A2APushTokenSender> TokenSenders { get; } = [];

    /// <summary>The largest accepted body in bytes (default 1 MiB); larger ones are refused with HTTP 413 before they are buffered.</summary>
    public long MaxBodySize { get; set; } = DefaultMaxBodySize;

    /// <summary>Tolerance for the sender's clock (default 5 seconds).</summary>
    public TimeSpan ClockSkew { get; set; } = RequestSignatureFormat.DefaultClockSkew;

    /// <summary>The longest accepted signature lifetime, <c>exp</c> − <c>iat</c> (default 5 minutes).</summary>
    public TimeSpan MaxSignatureLifetime { get; set; } = RequestSignatureFormat.DefaultMaxLifetime;

    /// <summary>
    /// Accepts <paramref name="token"/> in the <c>X-A2A-Notification-Token</c> header as <paramref name="senderId"/>'s:
    /// what the official SDKs send for a push configuration's <c>token</c> when it has no <c>authentication</c>.
    /// </summary>
    /// <param name="senderId">Who the token stands for.</param>
    /// <param name="token">The <c>token</c> of the push configuration given to that agent.</param>
    /// <returns>These options.</returns>
    public A2APushReceiverOptions AcceptNotificationToken(string senderId, string token)
    {
        TokenSenders.Add(new A2APushTokenSender(senderId, token, header: A2APushTokenHeader.NotificationToken));
        return this;
    }

    /// <summary>Accepts <paramref name="credentials"/> under <paramref name="scheme"/> as <paramref name="senderId"/>'s token.</summary>
    /// <param name="senderId">Who the token stands for (the sending agent's id, as the handler will see it).</param>
    /// <param name="credentials">The token given to that agent in the push configuration's <c>authentication.credentials</c>.</param>
    /// <param name="scheme">The HTTP authentication scheme (default <c>Bearer</c>).</param>
    /// <returns>These options.</returns>
    public A2APushReceiverOptions AcceptToken(string senderId, string credentials, string scheme = "Bearer")
    {
        TokenSenders.Add(new A2APushTokenSender(senderId, credentials, scheme));
        return this;
    }
}

/// <summary>A sender authenticated by a plain token (<see cref="A2APushReceiverOptions.TokenSenders"/>).</summary>
/// <param name="senderId">Who the token stands for.</param>
/// <param name="credentials">The expected credentials (compared in constant time; never logged or printed).</param>
/// <param name="scheme">The HTTP authentication scheme, compared case-insensitively (<see cref="A2APushTokenHeader.Authorization"/> only).</param>
/// <param name="header">Which header carries the token.</param>
public sealed class A2APushTokenSender(string senderId, string credentials, string scheme = "Bearer", A2APushTokenHeader header = A2APushTokenHeader.Authorization)
{
    /// <summary>Who the token stands for (what <see cref="A2APushSender.Id"/> will say).</summary>
    public string SenderId { get; } = senderId;

    /// <summary>The expected credentials.</summary>
    public string Credentials { get; } = credentials;

    /// <summary>The HTTP authentication scheme (<c>Bearer</c>) of an <see cref="A2APushTokenHeader.Authorization"/> token.</summary>
    public string Scheme { get; } = scheme;

    /// <summary>Which header carries the token.</summary>
    public A2APushTokenHeader Header { get; } = header;

    /// <inheritdoc />
    public override string ToString() => Header == A2APushTokenHeader.Authorization ? $"{Scheme} token of {SenderId}" : $"X-A2A-Notification-Token of {SenderId}";
}

/// <summary>Where a push sender puts its token.</summary>
public enum A2APushTokenHeader
{
    /// <summary><c>Authorization: {scheme} {credentials}</c>, from the push configuration's <c>authentication</c>.</summary>
    Authorization,

    /// <summary><c>X-A2A-Notification-Token: {token}</c>, from the push configuration's <c>token</c> (the SDKs' older form).</summary>
    NotificationToken,
}
