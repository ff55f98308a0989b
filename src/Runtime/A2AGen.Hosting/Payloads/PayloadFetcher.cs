using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Security;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting.Payloads;

/// <summary>
/// The receiving side of store-and-fetch: before the skill sees a message, every part carrying
/// <see cref="PayloadFormat.MetadataKey"/> is fetched and replaced by its content. Checked in this order, each refusal
/// naming its check: the part's <c>exp</c> has not passed; the message is signed and its signer has a declared source
/// (<see cref="A2APayloadOptions.Sources"/>); the URL lies under that source (scheme, host, port, path; no connection
/// is made otherwise, so a message cannot make the agent call an arbitrary host); the URL's JWS is the signer's, for
/// this agent, unexpired, and names the part's digest, size and expiry; the size is within
/// <see cref="A2APayloadOptions.MaxSize"/>. Then one signed GET (no redirects, a timeout, the body read up to the
/// declared size) and the SHA-256 compared in constant time.
/// </summary>
internal sealed class PayloadFetcher : IDisposable
{
    private static readonly long MaxUnixSeconds = DateTimeOffset.MaxValue.ToUnixTimeSeconds() - (long)PayloadFormat.ClockSkew.TotalSeconds;

    private readonly A2APayloadOptions _options;
    private readonly A2AKeyRing _keys;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;

    public PayloadFetcher(IOptions<A2APayloadOptions> options, A2AKeyRing keys, TimeProvider time)
    {
        _options = options.Value;
        _keys = keys;
        _time = time;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = _options.FetchTimeout,
        })
        {
            Timeout = _options.FetchTimeout,
        };
    }

    public void Dispose() => _http.Dispose();

    /// <summary>The request with every payload part replaced by its content, or the refusal of the first that could not be.</summary>
    public async ValueTask<(SendMessageRequest? Send, A2AError? Error)> ResolveAsync(A2ARequest request, SendMessageRequest send)
    {
        var parts = send.Message!.Parts;
        Part[]? resolved = null;
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i].Metadata is not { } metadata || !metadata.TryGetValue(PayloadFormat.MetadataKey, out var described))
            {
                continue;
            }

            var field = request.Field($"message.parts[{i}].url");
            var (part, error) = await FetchAsync(request, parts[i], described, field).ConfigureAwait(false);
            if (error is not null)
            {
                return (null, error);
            }

            resolved ??= [.. parts];
            resolved[i] = part!;
        }

        return resolved is null ? (send, null) : (send with { Message = send.Message with { Parts = resolved } }, null);
    }

    private async ValueTask<(Part? Part, A2AError? Error)> FetchAsync(A2ARequest request, Part part, JsonElement described, string field)
    {
        PayloadMetadata? metadata = null;
        try
        {
            metadata = described.Deserialize(PayloadMetadataContext.Default.PayloadMetadata);
        }
        catch (JsonException)
        {
        }

        if (metadata is null || metadata.Sha256 is not { Length: 43 } || metadata.Exp is not { } exp || metadata.Kind is not (PayloadFormat.KindRaw or PayloadFormat.KindText) || part.Url is null)
        {
            return Refuse(field, PayloadFormat.UrlInvalid, "a payload part needs a url and its sha256, size, exp and kind.");
        }

        // DESIGN §13: fetched only before exp. Checked on the part's own exp first (no I/O, no signature work), and
        // below against the exp its URL was signed with.
        if (exp > MaxUnixSeconds || _time.GetUtcNow() >= DateTimeOffset.FromUnixTimeSeconds(Math.Max(exp, 0)) + PayloadFormat.ClockSkew)
        {
            return Refuse(field, PayloadFormat.UrlExpired, "the part's exp has passed; the URL was not fetched.");
        }

        // Who sent it, and where that sender serves payloads from: nothing else is ever fetched.
        if (request.Signature?.Issuer is not { } sender)
        {
            return Refuse(field, PayloadFormat.SourceNotAllowed, "a payload part is only fetched for a message signed with A2A-Signature.");
        }

        if (!_options.Sources.TryGetValue(sender, out var source) || !Uri.TryCreate(source, UriKind.Absolute, out var sourceUri))
        {
            return Refuse(field, PayloadFormat.SourceNotAllowed, $"no payload source is declared for '{sender}' (A2APayloadOptions.Sources).");
        }

        if (!Uri.TryCreate(part.Url, UriKind.Absolute, out var url) || IdUnder(sourceUri, url) is not { } id)
        {
            return Refuse(field, PayloadFormat.HostNotAllowed, $"the URL is not under the payload source declared for '{sender}'; it was not fetched.");
        }

        var query = QueryHelpers.ParseQuery(url.Query);
        var jws = query.TryGetValue(PayloadFormat.TokenParameter, out var values) && values.Count == 1 ? values[0] : null;
        var (token, reason, problem) = PayloadToken.Verify(_keys.TrustStore, jws, sender, request.Agent.AgentId, _time);
        if (token is null)
        {
            return Refuse(field, reason!, problem + ".");
        }

        if (!string.Equals(token.Id, id, StringComparison.Ordinal))
        {
            return Refuse(field, PayloadFormat.UrlInvalid, "the URL's token names another payload.");
        }

        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(token.Sha256), System.Text.Encoding.ASCII.GetBytes(metadata.Sha256)) || token.Size != metadata.Size)
        {
            return Refuse(field, PayloadFormat.DigestMismatch, "the part's sha256 or size differs from what its URL was signed with.");
        }

        if (token.ExpiresAt.ToUnixTimeSeconds() != exp)
        {
            return Refuse(field, PayloadFormat.ExpiryMismatch, "the part's exp differs from the expiry its URL was signed with.");
        }

        if (token.Size > _options.MaxSize)
        {
            return Refuse(field, PayloadFormat.TooLarge, $"the payload has {token.Size} bytes; this agent accepts at most {_options.MaxSize}.");
        }

        byte[] content;
        try
        {
            var (body, status, refusal) = await GetAsync(request, url, (int)token.Size).ConfigureAwait(false);
            if (body is null)
            {
                return status == 0
                    ? Refuse(field, PayloadFormat.TooLarge, $"the sender served more than the {token.Size} bytes its URL was signed for.")
                    : Refuse(field, PayloadFormat.FetchRefused, $"the sender answered {status}{(refusal is null ? "" : " " + refusal)}.");
            }

            content = body;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !request.Aborted.IsCancellationRequested)
        {
            return (null, A2AError.Unavailable(PayloadFormat.SourceUnavailable, "The sender's payload could not be fetched; retry the message later."));
        }

        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(content, digest);
        if (content.Length != token.Size || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(System.Buffers.Text.Base64Url.EncodeToString(digest)), System.Text.Encoding.ASCII.GetBytes(token.Sha256)))
        {
            return Refuse(field, PayloadFormat.DigestMismatch, "the fetched content does not have the sha256 its URL was signed with.");
        }

        var rest = part.Metadata!.Where(m => m.Key != PayloadFormat.MetadataKey).ToDictionary(StringComparer.Ordinal);
        Part replaced;
        try
        {
            replaced = metadata.Kind == PayloadFormat.KindText
                ? new Part { Text = new System.Text.UTF8Encoding(false, true).GetString(content), MediaType = part.MediaType, Filename = part.Filename, Metadata = rest.Count == 0 ? null : rest }
                : new Part { Raw = content, MediaType = part.MediaType, Filename = part.Filename, Metadata = rest.Count == 0 ? null : rest };
        }
        catch (DecoderFallbackException)
        {
            return Refuse(field, PayloadFormat.UrlInvalid, "a text payload is not UTF-8.");
        }

        return (replaced, null);
    }

    // The signed GET; the body read up to the size the URL was signed for (null body: status 0 = too large, else refused).
    private async Task<(byte[]? Body, int Status, string? Refusal)> GetAsync(A2ARequest request, Uri url, int size)
    {
        var signer = _keys.CreateRequestSigner(request.Agent.AgentId, new RequestSigningOptions { TimeProvider = _time });
        using var get = new HttpRequestMessage(HttpMethod.Get, url);
        get.Headers.TryAddWithoutValidation("A2A-Signature", signer.Sign("GET", url, ReadOnlySpan<byte>.Empty));
        using var response = await _http.SendAsync(get, HttpCompletionOption.ResponseHeadersRead, request.Aborted).ConfigureAwait(false);
        await using var stream = await response.Content.ReadAsStreamAsync(request.Aborted).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var buffer = new byte[1024];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, request.Aborted).ConfigureAwait(false);
            string? reason = null;
            try
            {
                using var json = JsonDocument.Parse(buffer.AsMemory(0, read));
                reason = json.RootElement.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? CallerText.Sanitize(r.GetString(), 64) : null;
            }
            catch (JsonException)
            {
            }

            return (null, (int)response.StatusCode, reason);
        }

        if (response.Content.Headers.ContentLength is { } declared && declared > size)
        {
            return (null, 0, null);
        }

        var body = new byte[size];
        var total = await stream.ReadAtLeastAsync(body, size, throwOnEndOfStream: false, request.Aborted).ConfigureAwait(false);
        if (total == size && await stream.ReadAsync(new byte[1], request.Aborted).ConfigureAwait(false) > 0)
        {
            return (null, 0, null);
        }

        return (total == size ? body : body[..total], 200, null);
    }

    // The payload id when url is source/{id} exactly (same scheme, host, port; no user info, no fragment), else null.
    private static string? IdUnder(Uri source, Uri url)
    {
        if (url.Scheme is not ("http" or "https") || !string.Equals(url.Scheme, source.Scheme, StringComparison.OrdinalIgnoreCase) ||
            !string.Equals(url.IdnHost, source.IdnHost, StringComparison.OrdinalIgnoreCase) || url.Port != source.Port ||
            url.UserInfo.Length > 0 || url.Fragment.Length > 0)
        {
            return null;
        }

        var prefix = source.AbsolutePath.TrimEnd('/') + "/";
        var path = url.AbsolutePath;
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var id = path[prefix.Length..];
        return PayloadFormat.IsId(id) ? id : null;
    }

    private static (Part?, A2AError?) Refuse(string field, string reason, string message) =>
        (null, A2AError.InvalidParams(field, message, reason));
}
