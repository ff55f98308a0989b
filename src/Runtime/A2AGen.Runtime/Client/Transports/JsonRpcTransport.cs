using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using A2AGen.Protocol;
using A2AGen.Protocol.JsonRpc;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Client;

/// <summary>
/// The JSON-RPC binding: every call is a POST of a JSON-RPC 2.0 envelope to the interface URL, answered with a
/// JSON-RPC response (or, for streams, Server-Sent Events of JSON-RPC responses). Request ids are numbers from 1.
/// </summary>
internal sealed class JsonRpcTransport : A2AClientTransport
{
    private readonly HttpClient _http;
    private readonly A2AClientOptions _options;
    private readonly ClientRetry _retry;
    private long _nextId;

    public JsonRpcTransport(HttpClient http, Uri endpoint, A2AClientOptions options)
        : base(AgentInterface.JsonRpcBinding, endpoint)
    {
        _http = http;
        _options = options;
        _retry = ClientRetry.Create(options.Retry);
    }

    public override Task<SendMessageResponse> SendMessageAsync(SendMessageRequest request, A2ACallOptions call, CancellationToken cancellationToken) =>
        CallAsync(A2AMethods.SendMessage, request, A2AJson.GetTypeInfo<SendMessageResponse>(), call, cancellationToken);

    public override IAsyncEnumerable<StreamResponse> SendStreamingMessageAsync(SendMessageRequest request, A2ACallOptions call, CancellationToken cancellationToken) =>
        StreamAsync(A2AMethods.SendStreamingMessage, request, call, cancellationToken);

    public override Task<AgentTask> GetTaskAsync(GetTaskRequest request, A2ACallOptions call, CancellationToken cancellationToken) =>
        CallAsync(A2AMethods.GetTask, request, A2AJson.GetTypeInfo<AgentTask>(), call, cancellationToken);

    public override Task<ListTasksResponse> ListTasksAsync(ListTasksRequest request, A2ACallOptions call, CancellationToken cancellationToken) =>
        CallAsync(A2AMethods.ListTasks, request, A2AJson.GetTypeInfo<ListTasksResponse>(), call, cancellationToken);

    public override Task<AgentTask> CancelTaskAsync(CancelTaskRequest request, A2ACallOptions call, CancellationToken cancellationToken) =>
        CallAsync(A2AMethods.CancelTask, request, A2AJson.GetTypeInfo<AgentTask>(), call, cancellationToken);

    public override IAsyncEnumerable<StreamResponse> SubscribeToTaskAsync(SubscribeToTaskRequest request, A2ACallOptions call, CancellationToken cancellationToken) =>
        StreamAsync(A2AMethods.SubscribeToTask, request, call, cancellationToken);

    public override Task<TaskPushNotificationConfig> CreateTaskPushNotificationConfigAsync(TaskPushNotificationConfig config, A2ACallOptions call, CancellationToken cancellationToken) =>
        CallAsync(A2AMethods.CreateTaskPushNotificationConfig, config, A2AJson.GetTypeInfo<TaskPushNotificationConfig>(), call, cancellationToken);

    public override Task<AgentCard> GetExtendedAgentCardAsync(GetExtendedAgentCardRequest request, A2ACallOptions call, CancellationToken cancellationToken) =>
        CallAsync(A2AMethods.GetExtendedAgentCard, request, A2AJson.GetTypeInfo<AgentCard>(), call, cancellationToken);

    private async Task<TResult> CallAsync<TParams, TResult>(string method, TParams parameters, JsonTypeInfo<TResult> resultType, A2ACallOptions call, CancellationToken cancellationToken)
    {
        using var activity = ClientActivity.Start(method, "jsonrpc", Endpoint);
        var id = Interlocked.Increment(ref _nextId);
        var envelope = Envelope(method, id, parameters);
        var log = new DeliveryLog();
        try
        {
            using var response = await _retry.SendAsync(_http, () => CreateRequest(envelope, HttpCalls.JsonMediaType, call), HttpCompletionOption.ResponseContentRead, Endpoint,
                retry: method != A2AMethods.CreateTaskPushNotificationConfig, log, cancellationToken).ConfigureAwait(false);
            var body = await ResponseBodies.ReadAsync(response, _options.MaxResponseSize, cancellationToken).ConfigureAwait(false);
            return ReadResult(body, id, method, response.StatusCode, resultType);
        }
        catch (A2AClientException ex)
        {
            ex.Attempts = log.Attempts;
            ClientActivity.Failed(activity, ex);
            throw;
        }
    }

    private async IAsyncEnumerable<StreamResponse> StreamAsync<TParams>(string method, TParams parameters, A2ACallOptions call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var activity = ClientActivity.Start(method, "jsonrpc", Endpoint);
        var id = Interlocked.Increment(ref _nextId);
        var envelope = Envelope(method, id, parameters);
        using var response = await _retry.SendAsync(_http, () => CreateRequest(envelope, HttpCalls.EventStreamMediaType, call), HttpCompletionOption.ResponseHeadersRead, Endpoint,
            retry: true, new DeliveryLog(), cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentType?.MediaType != HttpCalls.EventStreamMediaType)
        {
            // An error before the stream started comes as a plain JSON-RPC response.
            var body = await ResponseBodies.ReadAsync(response, _options.MaxResponseSize, cancellationToken).ConfigureAwait(false);
            ReadResult(body, id, method, response.StatusCode, A2AJson.GetTypeInfo<StreamResponse>());
            throw new A2AClientException($"{method} answered {response.Content.Headers.ContentType?.MediaType ?? "no content type"} instead of an event stream.", JsonRpcErrorCodes.InvalidAgentResponse, "INVALID_RESPONSE", response.StatusCode);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var item in ServerSentEventReader.ReadAsync(stream, _options.MaxEventSize, cancellationToken).ConfigureAwait(false))
        {
            yield return ReadResult(item.Data.Span, id, method, response.StatusCode, A2AJson.GetTypeInfo<StreamResponse>());
        }
    }

    private static byte[] Envelope<TParams>(string method, long id, TParams parameters)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc"u8, "2.0"u8);
            writer.WriteNumber("id"u8, id);
            writer.WriteString("method"u8, method);
            writer.WritePropertyName("params"u8);
            A2AJson.Serialize(writer, parameters);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    // One request per attempt over the same bytes: each attempt is signed afresh by the client's handlers.
    private HttpRequestMessage CreateRequest(byte[] envelope, string accept, A2ACallOptions call)
    {
        var content = new ByteArrayContent(envelope);
        content.Headers.ContentType = new MediaTypeHeaderValue(HttpCalls.JsonMediaType);
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = content };
        HttpCalls.AddHeaders(request, accept, call);
        return request;
    }

    private static TResult ReadResult<TResult>(ReadOnlySpan<byte> body, long id, string method, HttpStatusCode status, JsonTypeInfo<TResult> resultType)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException ex)
        {
            throw new A2AClientException(
                (int)status >= 400 ? $"{method} failed with HTTP {(int)status} and no JSON-RPC answer." : $"{method} answered with invalid JSON: {ex.Message}",
                reason: "INVALID_RESPONSE", statusCode: status, innerException: ex);
        }

        using (document)
        {
            // Before any string is read: text that is not valid Unicode cannot be read as a string.
            if (JsonTextCheck.FindInvalidUnicode(body) is { } invalid)
            {
                throw new A2AClientException($"{method} answered with text that is not valid Unicode (at '{A2AGen.Security.CallerText.Sanitize(invalid)}').", JsonRpcErrorCodes.InvalidAgentResponse, "INVALID_RESPONSE", status);
            }

            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("jsonrpc"u8, out var version) || version.ValueKind != JsonValueKind.String || !version.ValueEquals("2.0"u8))
            {
                throw new A2AClientException($"{method} answered with something other than a JSON-RPC 2.0 response (HTTP {(int)status}).", reason: "INVALID_RESPONSE", statusCode: status);
            }

            if (root.TryGetProperty("error"u8, out var error))
            {
                throw error.ValueKind == JsonValueKind.Object
                    ? ErrorOf(method, error, status)
                    : new A2AClientException($"{method}: the response's error is not a JSON-RPC error object.", JsonRpcErrorCodes.InvalidAgentResponse, "INVALID_RESPONSE", status);
            }

            if ((int)status >= 400)
            {
                throw new A2AClientException($"{method} failed with HTTP {(int)status}.", reason: "HTTP_ERROR", statusCode: status);
            }

            if (!root.TryGetProperty("id"u8, out var echoed) || echoed.ValueKind != JsonValueKind.Number || !echoed.TryGetInt64(out var echoedId) || echoedId != id)
            {
                throw new A2AClientException($"{method}: the response id does not match the request id {id}.", JsonRpcErrorCodes.InvalidAgentResponse, "INVALID_RESPONSE", status);
            }

            if (!root.TryGetProperty("result"u8, out var result))
            {
                throw new A2AClientException($"{method}: the response has neither result nor error.", JsonRpcErrorCodes.InvalidAgentResponse, "INVALID_RESPONSE", status);
            }

            return ResultReader.Read(result, method, status, resultType);
        }
    }

    private static A2AClientException ErrorOf(string method, JsonElement error, HttpStatusCode status)
    {
        int? code = error.TryGetProperty("code"u8, out var codeElement) && codeElement.ValueKind == JsonValueKind.Number && codeElement.TryGetInt32(out var c) ? c : null;
        var message = error.TryGetProperty("message"u8, out var messageElement) && messageElement.ValueKind == JsonValueKind.String ? messageElement.GetString() : null;
        JsonElement? data = null;
        var details = default(ErrorDetailsReader.Details);
        if (error.TryGetProperty("data"u8, out var dataElement))
        {
            data = dataElement.Clone();
            details = ErrorDetailsReader.Read(dataElement);
        }

        return new A2AClientException($"{method} failed: {message ?? "no message"} (JSON-RPC {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}{(details.Reason is null ? "" : ", " + details.Reason)})", code, details.Reason, status)
        {
            Domain = details.Domain,
            Field = details.Field,
            Metadata = details.Metadata,
            ErrorData = data,
        };
    }
}
