using System.Text.Json;
using A2AGen.Hosting;
using A2AGen.Hosting.Payloads;
using A2AGen.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Serves the payloads this host published (store-and-fetch, issue 17 item 5).</summary>
public static class A2APayloadEndpointExtensions
{
    /// <summary>
    /// Maps <c>GET {pattern}/{id}?token=…</c>: the stored payload, once, to the recipient it is bound to. The request must
    /// carry an <c>A2A-Signature</c> (a key this host trusts, for the URL without its query, <c>GET</c>, empty body, a
    /// fresh <c>jti</c>) whose issuer is the token's <c>aud</c>; the token must be this host's own, unexpired and name the
    /// id. Refusals are JSON <c>{"reason","message"}</c>: 401 (signature), 403 (token, wrong recipient), 410 (expired,
    /// already fetched or unknown), 503 (replay cache unreachable). A refused request never uses up the payload.
    /// <see cref="A2APayloadOptions.PublicUrl"/> must be the URL this pattern is reached under.
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <param name="pattern">The route prefix (default <c>/a2a/payloads</c>).</param>
    public static IEndpointConventionBuilder MapA2APayloads(this IEndpointRouteBuilder endpoints, string pattern = "/a2a/payloads")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        return endpoints.MapGet(pattern.TrimEnd('/') + "/{id}", static context => ServeAsync(context, context.Request.RouteValues["id"] as string ?? ""));
    }

    private static async Task ServeAsync(HttpContext context, string id)
    {
        var services = context.RequestServices;
        var options = services.GetRequiredService<IOptions<A2APayloadOptions>>().Value;
        var keys = services.GetRequiredService<A2AKeyRing>();
        var time = services.GetRequiredService<TimeProvider>();
        context.Response.Headers.CacheControl = "no-store";
        if (options.AgentId is not { } self || options.PublicUrl is not { } publicUrl)
        {
            await RefuseAsync(context, StatusCodes.Status404NotFound, PayloadFormat.UrlUsed, "This host publishes no payloads.").ConfigureAwait(false);
            return;
        }

        if (!PayloadFormat.IsId(id))
        {
            await RefuseAsync(context, StatusCodes.Status410Gone, PayloadFormat.UrlUsed, "No payload has this id.").ConfigureAwait(false);
            return;
        }

        // 1. Who asks: a signed request for this exact URL (query excluded), by a key this host trusts.
        if (!context.Request.Headers.TryGetValue("A2A-Signature", out var signatures) || signatures.Count != 1 || string.IsNullOrEmpty(signatures[0]))
        {
            await RefuseAsync(context, StatusCodes.Status401Unauthorized, PayloadFormat.SignatureRequired, "A payload is fetched with one A2A-Signature header.").ConfigureAwait(false);
            return;
        }

        var target = RequestTarget.Create(publicUrl.TrimEnd('/') + "/" + id);
        var validator = new RequestSignatureValidator(keys.TrustStore, services.GetRequiredService<IReplayCache>(), new RequestSignatureValidationOptions { TimeProvider = time });
        var signature = await validator.ValidateAsync(signatures[0]!, HttpMethods.Get, target, ReadOnlyMemory<byte>.Empty, context.RequestAborted).ConfigureAwait(false);
        if (!signature.IsValid)
        {
            await RefuseAsync(context, signature.IsUnavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status401Unauthorized, signature.Reason!,
                "The A2A-Signature was refused: " + signature.Detail + ".").ConfigureAwait(false);
            return;
        }

        // 2. What it may have: this host's own token for this id, unexpired, bound to the signer.
        var own = new TrustStore();
        foreach (var key in keys.GetPublishedKeys(self))
        {
            own.Add(self, key);
        }

        var (token, reason, problem) = PayloadToken.Verify(own, context.Request.Query[PayloadFormat.TokenParameter].ToString(), self, signature.Signature!.Issuer, time);
        if (token is null || !string.Equals(token.Id, id, StringComparison.Ordinal))
        {
            reason ??= PayloadFormat.UrlInvalid;
            await RefuseAsync(context, reason switch
            {
                PayloadFormat.UrlExpired => StatusCodes.Status410Gone,
                _ => StatusCodes.Status403Forbidden,
            }, reason, "The payload URL was refused: " + (problem ?? "its token names another payload") + ".").ConfigureAwait(false);
            return;
        }

        // 3. Once: the store hands a payload out a single time.
        var payload = await services.GetRequiredService<IPayloadStore>().TakeAsync(id, context.RequestAborted).ConfigureAwait(false);
        if (payload is null || !string.Equals(payload.Recipient, token.Audience, StringComparison.Ordinal))
        {
            await RefuseAsync(context, StatusCodes.Status410Gone, PayloadFormat.UrlUsed, "The payload was already fetched, has expired, or was never stored here.").ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = payload.MediaType ?? "application/octet-stream";
        context.Response.ContentLength = payload.Content.Length;
        await context.Response.Body.WriteAsync(payload.Content, context.RequestAborted).ConfigureAwait(false);
    }

    private static Task RefuseAsync(HttpContext context, int status, string reason, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        var body = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(body))
        {
            writer.WriteStartObject();
            writer.WriteString("reason", reason);
            writer.WriteString("message", message);
            writer.WriteEndObject();
        }

        return context.Response.Body.WriteAsync(body.WrittenMemory, context.RequestAborted).AsTask();
    }
}
