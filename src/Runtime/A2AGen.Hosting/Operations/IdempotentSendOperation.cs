using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using A2AGen.Hosting.Idempotency;
using A2AGen.Hosting.Tasks;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Hosting;

/// <summary>
/// <c>SendMessage</c> and <c>SendStreamingMessage</c> made idempotent (DESIGN §13), after every security stage: a
/// message is remembered by (agent, verified caller or the anonymous bucket, <c>messageId</c>) for
/// <see cref="A2AAgentOptions.IdempotencyWindow"/>. The same message again — a retry with a fresh signature — answers
/// the original task (as stored now) or reply and never runs the skill twice; the same id with other parameters is
/// refused (<c>IDEMPOTENCY_KEY_REUSED</c>); another caller's same id is another message. A duplicate that arrives while
/// the first is still running waits for it. Keyed after authentication, so nobody can answer from another caller's
/// entries or block them.
/// </summary>
internal static class IdempotentSendOperation
{
    private static readonly TimeSpan PendingPoll = TimeSpan.FromMilliseconds(20);

    public static ValueTask<OperationResult<SendMessageResponse>> SendAsync(A2ARequest request, SendMessageRequest send, bool streaming)
    {
        var agent = request.Agent;
        return agent.Options.IdempotencyWindow is { } window && window > TimeSpan.Zero
            ? SendOnceAsync(request, send, streaming, window)
            : RunAsync(request, send, streaming);
    }

    // Runs the message: its payload parts fetched first (store-and-fetch), so the skill sees their content. After the
    // idempotency claim, so a replay answers from the first run and never fetches a (single-use) URL again.
    private static async ValueTask<OperationResult<SendMessageResponse>> RunAsync(A2ARequest request, SendMessageRequest send, bool streaming)
    {
        if (request.Http.RequestServices.GetService(typeof(Payloads.PayloadFetcher)) is Payloads.PayloadFetcher fetcher)
        {
            var (resolved, error) = await fetcher.ResolveAsync(request, send).ConfigureAwait(false);
            if (error is not null)
            {
                request.Stage = PipelineStage.Dispatch;
                return error;
            }

            send = resolved!;
        }

        return await SendMessageOperation.SendAsync(request, send, streaming).ConfigureAwait(false);
    }

    private static async ValueTask<OperationResult<SendMessageResponse>> SendOnceAsync(A2ARequest request, SendMessageRequest send, bool streaming, TimeSpan window)
    {
        var store = request.Agent.Idempotency;
        var key = new IdempotencyKey(request.Agent.AgentId, request.CallerId, send.Message!.MessageId);
        var hash = RequestHash(send);
        IdempotencyEntry? existing;
        try
        {
            existing = await store.TryClaimAsync(key, hash, window, request.Aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return StoreUnavailable(request);
        }

        if (existing is not null)
        {
            return await ReplayAsync(request, send, streaming, key, hash, existing, window).ConfigureAwait(false);
        }

        var completed = false;
        try
        {
            var result = await RunAsync(request, send, streaming).ConfigureAwait(false);
            if (result.Error is null && (request.CreatedTaskId is not null || request.DirectReply is not null))
            {
                await store.CompleteAsync(key, new IdempotencyEntry { RequestHash = hash, TaskId = request.CreatedTaskId, Reply = request.DirectReply }, window, CancellationToken.None).ConfigureAwait(false);
                completed = true;
            }

            return result;
        }
        finally
        {
            if (!completed)
            {
                // Refused, failed, or the caller left before anything was kept: the message may be sent again.
                await store.ReleaseAsync(key, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static async ValueTask<OperationResult<SendMessageResponse>> ReplayAsync(A2ARequest request, SendMessageRequest send, bool streaming, IdempotencyKey key, string hash, IdempotencyEntry entry, TimeSpan window)
    {
        request.Stage = PipelineStage.Dispatch;
        if (!string.Equals(entry.RequestHash, hash, StringComparison.Ordinal))
        {
            return A2AError.InvalidParams(request.Field("message.messageId"),
                "was already used for a different message by this caller; a new message needs a new messageId.", "IDEMPOTENCY_KEY_REUSED");
        }

        while (!entry.IsComplete)
        {
            // Wall-clock polling: a host on a test clock (FakeTimeProvider) must not stall a waiting duplicate.
            await Task.Delay(PendingPoll, request.Aborted).ConfigureAwait(false);
            IdempotencyEntry? now;
            try
            {
                now = await request.Agent.Idempotency.GetAsync(key, request.Aborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                return StoreUnavailable(request);
            }

            if (now is null)
            {
                // The first execution was refused or failed and released its claim: this one is now the first.
                return await SendOnceAsync(request, send, streaming, window).ConfigureAwait(false);
            }

            entry = now;
        }

        request.Activity?.SetTag("a2a.idempotent_replay", true);
        StreamResponse answer;
        if (entry.Reply is { } reply)
        {
            answer = new StreamResponse { Message = reply };
        }
        else
        {
            var record = await request.Agent.Store.GetAsync(request.Agent.AgentId, entry.TaskId!, request.Aborted).ConfigureAwait(false);
            if (record is null || !string.Equals(record.OwnerId, request.CallerId, StringComparison.Ordinal))
            {
                return A2AError.TaskNotFound(entry.TaskId!);
            }

            request.Activity?.SetTag("a2a.task.id", record.TaskId);
            answer = new StreamResponse { Task = TaskViews.WithHistory(record.Task, send.Configuration?.HistoryLength) };
        }

        if (!streaming)
        {
            return new SendMessageResponse { Task = answer.Task, Message = answer.Message };
        }

        // A repeated stream gets the outcome as one event; a client that wants the rest of a running task subscribes.
        using var events = new ServerSentEventWriter(request);
        await events.WriteAsync(answer, request.Aborted).ConfigureAwait(false);
        return OperationResult<SendMessageResponse>.Answered;
    }

    private static A2AError StoreUnavailable(A2ARequest request)
    {
        request.Stage = PipelineStage.Dispatch;
        return A2AError.Unavailable("STATE_STORE_UNAVAILABLE", "The agent cannot reach its state store; retry the request.");
    }

    // A published payload part as the hash counts it: no URL, and its fetch metadata without the expiry.
    private static Part ContentOnly(Part part, JsonElement described) => part with
    {
        Url = "",
        Metadata = new Dictionary<string, JsonElement>(part.Metadata!, StringComparer.Ordinal) { [Payloads.PayloadFormat.MetadataKey] = PayloadMetadata.WithoutExpiry(described) },
    };

    /// <summary>
    /// SHA-256 of the request's parameters written as A2A JSON: a request sent again gives the same bytes, whatever its
    /// whitespace. A published payload part counts by its content (the digest in its metadata), not its URL: a message
    /// sent again publishes its large parts again under new single-use URLs with new expiries, and is still the same message.
    /// </summary>
    private static string RequestHash(SendMessageRequest send)
    {
        var parts = send.Message!.Parts;
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i].Metadata?.ContainsKey(Payloads.PayloadFormat.MetadataKey) == true)
            {
                send = send with { Message = send.Message with { Parts = [.. parts.Select(p => p.Metadata?.TryGetValue(Payloads.PayloadFormat.MetadataKey, out var described) == true ? ContentOnly(p, described) : p)] } };
                break;
            }
        }

        // Written into a buffer and writer kept per thread (reset, not reallocated): every message is hashed once, so
        // this is on the path of every send and every replay.
        var buffer = t_hashBuffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_hashWriter ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = A2AJson.Options.Encoder });
        writer.Reset(buffer);
        A2AJson.Serialize(writer, send);
        writer.Flush();
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer.WrittenSpan, digest);
        if (buffer.Capacity > MaxKeptHashBuffer)
        {
            // A large message's buffer is not kept alive by the thread.
            t_hashBuffer = null;
            t_hashWriter = null;
        }

        return Base64Url.EncodeToString(digest);
    }

    private const int MaxKeptHashBuffer = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_hashBuffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_hashWriter;
}
