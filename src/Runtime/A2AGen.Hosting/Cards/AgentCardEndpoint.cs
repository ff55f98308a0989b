using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace A2AGen.Hosting;

/// <summary>
/// Serves <c>{path}/.well-known/agent-card.json</c> (spec §8.2, §8.6): the card bytes with <c>ETag</c> and
/// <c>Cache-Control</c>, and 304 Not Modified when <c>If-None-Match</c> names the current entity tag.
/// </summary>
internal static class AgentCardEndpoint
{
    public static Task HandleAsync(HttpContext context, AgentCardProvider provider, TimeSpan maxAge)
    {
        var document = provider.Get(context.Request);
        var response = context.Response;
        response.Headers.ETag = document.ETag;
        response.Headers.CacheControl = maxAge > TimeSpan.Zero
            ? string.Create(CultureInfo.InvariantCulture, $"public, max-age={(long)maxAge.TotalSeconds}")
            : "no-cache";
        if (provider.IsDerivedFromRequest)
        {
            response.Headers.Vary = "Host";
        }

        if (Matches(context.Request.Headers.IfNoneMatch, document.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonRpcResponseWriter.JsonContentType;
        response.ContentLength = document.Json.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(document.Json, 0, document.Json.Length, context.RequestAborted);
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0 || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        var current = new EntityTagHeaderValue(etag);
        foreach (var tag in tags)
        {
            if (tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false))
            {
                return true;
            }
        }

        return false;
    }
}
