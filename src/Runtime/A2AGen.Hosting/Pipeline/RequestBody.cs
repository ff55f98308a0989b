using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace A2AGen.Hosting;

/// <summary>
/// The request body, read whole into a pooled buffer within the agent's size limit. The exact bytes stay available
/// to later stages (a request signature covers them through its <c>bh</c> claim).
/// </summary>
internal sealed class RequestBody : IDisposable
{
    private byte[] _buffer;

    private int _start;

    private RequestBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; private set; }

    /// <summary>The body, or the part of it a binding kept (<see cref="Narrow"/>): what a request signature's <c>bh</c> covers.</summary>
    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(_start, Length);

    /// <summary>Keeps only <paramref name="length"/> bytes from <paramref name="start"/>: a binding's framing removed (gRPC's message prefix).</summary>
    public void Narrow(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, Length - start);
        _start += start;
        Length = length;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Checks the media type: JSON-RPC over HTTP is <c>application/json</c> (or an <c>application/*+json</c> type).</summary>
    public static bool IsJsonContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
        {
            return false;
        }

        if (mediaType.Charset.HasValue && !mediaType.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var type = mediaType.MediaType;
        return type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Reads the body, refusing more than <paramref name="messageLimit"/> bytes plus <paramref name="framing"/> (HTTP 413)
    /// before buffering them; the refusal names the message limit.
    /// </summary>
    public static async ValueTask<(RequestBody? Body, A2AError? Error)> ReadAsync(HttpContext context, long messageLimit, int framing = 0)
    {
        var limit = messageLimit + framing;
        var request = context.Request;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        if (request.ContentLength is { } declared && declared > limit)
        {
            return (null, A2AError.BodyTooLarge(messageLimit));
        }

        var capacity = request.ContentLength is { } known ? (int)Math.Max(known, 1) : 4096;
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(capacity, limit + 1));
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > limit)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return (null, A2AError.BodyTooLarge(messageLimit));
                    }

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (length > limit)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    return (null, A2AError.BodyTooLarge(messageLimit));
                }
            }
        }
        catch (BadHttpRequestException ex)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            return (null, ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? A2AError.BodyTooLarge(messageLimit)
                : A2AError.InvalidRequest("UNREADABLE_BODY", "The request body could not be read.", StatusCodes.Status400BadRequest));
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return (new RequestBody(buffer, length), null);
    }
}
