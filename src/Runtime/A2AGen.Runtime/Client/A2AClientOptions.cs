namespace A2AGen.Client;

/// <summary>Settings of an <see cref="A2AClient"/>.</summary>
public sealed class A2AClientOptions
{
    /// <summary>Extension URIs to request on every call (the <c>A2A-Extensions</c> header).</summary>
    public IReadOnlyList<string> Extensions { get; init; } = [];

    /// <summary>Checks a fetched Agent Card before the client trusts it (card signatures); none by default.</summary>
    public IAgentCardVerifier? CardVerifier { get; init; }

    /// <summary>The largest JSON-RPC response accepted, in bytes (default 16 MiB).</summary>
    public int MaxResponseSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>The largest single streamed event accepted, in bytes (default 4 MiB).</summary>
    public int MaxEventSize { get; init; } = 4 * 1024 * 1024;
}
