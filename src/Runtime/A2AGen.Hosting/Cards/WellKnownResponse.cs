using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace A2AGen.Hosting;

/// <summary>
/// Serves a well-known document (the Agent Card, the JWKS) as exact bytes with <c>ETag</c> and <c>Cache-Control</c>,
/// and 304 Not Modified when <c>If-None-Match</c> names the current entity tag (strong or weak, or <c>*</c>).
/// </summary>
internal static class WellKnownResponse
{
    public static Task ServeAsync(HttpContext context, byte[] body, string etag, string contentType, TimeSpan maxAge, bool varyHost)
    {
        var response = context.Response;
        response.Headers.ETag = etag;
        response.Headers.CacheControl = maxAge > TimeSpan.Zero
            ? string.Create(CultureInfo.InvariantCulture, $"public, max-age={(long)maxAge.TotalSeconds}")
            : "no-cache";
        if (varyHost)
        {
            response.Headers.Append(HeaderNames.Vary, "Host");
        }

        if (Matches(context.Request.Headers.IfNoneMatch, etag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, 0, body.Length, context.RequestAborted);
    }

    /// <summary>A strong entity tag of <paramref name="bytes"/>: 128 bits of their SHA-256, hex.</summary>
    public static string EntityTagOf(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[System.Security.Cryptography.SHA256.HashSizeInBytes];
        System.Security.Cryptography.SHA256.HashData(bytes, hash);
        return "\"" + Convert.ToHexStringLower(hash[..16]) + "\"";
    }

    private static bool Matches(StringValues ifNoneMatch, string etag)
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
