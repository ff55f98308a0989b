namespace A2AGen.Hosting;

/// <summary>
/// Store-and-fetch for large payloads (issue 17 item 5), host-wide (<c>AddA2APayloads</c>). As a sender the host stores
/// large parts and serves them at <see cref="PublicUrl"/> (<c>MapA2APayloads</c>); as a recipient it fetches the url
/// parts of its callers, only from the place each caller is declared to serve them from (<see cref="Sources"/>).
/// </summary>
public sealed class A2APayloadOptions
{
    /// <summary>The hosted agent whose key signs payload URLs, and which the recipient must see as the message's signer.</summary>
    public string? AgentId { get; set; }

    /// <summary>The public absolute URL of this host's payload endpoint (<c>MapA2APayloads</c>), e.g. <c>https://desk.example/a2a/payloads</c>.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Parts whose content is larger than this are stored and sent as a URL (default 256 KiB).</summary>
    public int OffloadThreshold { get; set; } = 256 * 1024;

    /// <summary>The largest payload stored or fetched (default 16 MiB): a larger one is refused, before any byte is read when it says its size.</summary>
    public int MaxSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>How long a payload URL can be used (default 5 minutes).</summary>
    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one fetch may take, connection included (default 30 seconds).</summary>
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Where each caller's payloads may be fetched from: agent id → the absolute URL of that agent's payload endpoint.
    /// A url part from a caller that is not listed, or that points anywhere but under its URL (another scheme, host,
    /// port or path), is refused without any connection being made. Empty (the default): payload parts are refused.
    /// </summary>
    public IDictionary<string, string> Sources { get; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
