using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace A2AGen.Hosting;

/// <summary>
/// Serves <c>{path}/.well-known/agent-card.json</c> (spec §8.2, §8.6): the card's exact bytes (signed unless the agent
/// opted out) with <c>ETag</c> and <c>Cache-Control</c>, and 304 Not Modified for a matching <c>If-None-Match</c>; the
/// A2A 0.3 shape of the same card to a request with <c>A2A-Version: 0.3</c> (<see cref="A2AAgentOptions.AcceptProtocolV03"/>).
/// </summary>
internal static class AgentCardEndpoint
{
    public static Task HandleAsync(HttpContext context, AgentCardProvider provider, TimeSpan maxAge)
    {
        var document = provider.Get(context.Request);
        if (provider.ServesV03)
        {
            // The 0.3 shape is served on request only (A2A-Version: 0.3): without a version, clients get the 1.0 card
            // they have always got. Caches must keep the two apart.
            context.Response.Headers.Append(HeaderNames.Vary, A2AGen.Protocol.A2AProtocol.VersionHeader);
            if (ProtocolVersion.Read(context.Request) is { } version && ProtocolVersion.IsV03(version))
            {
                document = provider.GetV03(document);
            }
        }

        return WellKnownResponse.ServeAsync(context, document.Json, document.ETag, JsonRpcResponseWriter.JsonContentType, maxAge, provider.IsDerivedFromRequest);
    }
}
