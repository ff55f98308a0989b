using Microsoft.AspNetCore.Http;

namespace A2AGen.Hosting;

/// <summary>
/// Serves <c>{path}/.well-known/agent-card.json</c> (spec §8.2, §8.6): the card's exact bytes (signed unless the agent
/// opted out) with <c>ETag</c> and <c>Cache-Control</c>, and 304 Not Modified for a matching <c>If-None-Match</c>.
/// </summary>
internal static class AgentCardEndpoint
{
    public static Task HandleAsync(HttpContext context, AgentCardProvider provider, TimeSpan maxAge)
    {
        var document = provider.Get(context.Request);
        return WellKnownResponse.ServeAsync(context, document.Json, document.ETag, JsonRpcResponseWriter.JsonContentType, maxAge, provider.IsDerivedFromRequest);
    }
}
