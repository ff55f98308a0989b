using A2AGen.Protocol;
using A2AGen.Security;

namespace A2AGen.Client;

/// <summary>An Agent Card as fetched: the parsed card, its exact bytes (what a signature covers) and where it came from.</summary>
/// <param name="Card">The parsed card.</param>
/// <param name="Json">The exact bytes served.</param>
/// <param name="Url">The URL it was fetched from.</param>
/// <param name="ETag">The entity tag the server sent, if any.</param>
public sealed record ResolvedAgentCard(AgentCard Card, ReadOnlyMemory<byte> Json, Uri Url, string? ETag)
{
    /// <summary>
    /// The outcome of the card's signature check: Verified (with the key and agent id that signed it) or, when the
    /// caller opted in to unverified cards, Unverified. Null when the card verifier checked something else.
    /// </summary>
    public AgentCardVerificationResult? Verification { get; init; }

    /// <summary>
    /// The first JSON-RPC interface for A2A 1.0 (<c>protocolBinding</c> <c>JSONRPC</c>, <c>protocolVersion</c> 1.0,
    /// an absolute http(s) URL), or null when the card has none.
    /// </summary>
    public Uri? JsonRpcEndpoint
    {
        get
        {
            foreach (var candidate in Card.SupportedInterfaces ?? [])
            {
                if (string.Equals(candidate.ProtocolBinding, AgentInterface.JsonRpcBinding, StringComparison.OrdinalIgnoreCase)
                    && TransportSelection.IsVersion1(candidate.ProtocolVersion)
                    && Uri.TryCreate(candidate.Url, UriKind.Absolute, out var url)
                    && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
                {
                    return url;
                }
            }

            return null;
        }
    }
}
