using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using A2AGen.Protocol;
using A2AGen.Protocol.JsonRpc;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Client;

/// <summary>
/// The HTTP+JSON binding (spec §11): the v1.0 route table under the interface URL (and under <c>/{tenant}</c> when the
/// interface names a tenant), ProtoJSON bodies (<c>application/a2a+json</c>), query parameters for reads, errors as
/// <c>google.rpc.Status</c> (<c>{"error":{code,status,message,details}}</c>) turned into the same
/// <see cref="A2AClientException"/> a JSON-RPC error gives, streams as Server-Sent Events of bare
/// <c>StreamResponse</c> objects (an <c>event: error</c> carries a status). Request signatures made by
/// <see cref="A2ASigningHandler"/> name the route's URL (<c>htu</c>) and the interface URL (<c>aud</c>).
/// </summary>
internal sealed class HttpJsonTransport : A2AClientTransport
{
    public const string ContentType = "application/a2a+json";

    private readonly HttpClient _http;
    private readonly A2AClientOptions _options;
    private readonly string _base;
    private readonly ClientRetry _retry;

    public HttpJsonTransport(HttpClient http, Uri endpoint, string? tenant, A2AClientOptions options)
        : base(AgentInterface.HttpJsonBinding, endpoint)
    {
        _http = http;
        _options = options;
        _retry = ClientRetry.Create(options.Retry);
        var root = endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _base = string.IsNullOrEmpty(tenant) ? root : root + "/" + Uri.EscapeDataString(tenant);
    }

    public override Task<SendMessageResponse> SendMessageAsync(SendMessageRequest request, A2ACallOptions call, CancellationToken cancellationToken) =>
        CallAsync(A2AMethods.SendMessage, HttpMethod.Post, "/message:send", Body(request), A2AJson.GetTypeInfo<SendMessageResponse>(), call, cancellationToken);

    public override IAsyncEnumerable<StreamResponse> SendStreamingMessageAsync(SendMessageRequest request, A2ACallOptions call, CancellationToken cancellationToken) =>
        StreamAsync(A2AMethods.SendStreamingMessage, "/message:stream", Body(request), call, cancellationToken);

    public override Task<AgentTask> GetTaskAsync(GetTaskRequest request, A2ACallOptions call, CancellationToken cancellationToken) =>
        CallAsync(A2AMethods.GetTask, HttpMethod.Get, "/tasks/" + Segment(request.Id) + Query(request, "id"), null, A2AJson.GetTypeInfo<AgentTask>(), call, cancellationToken);

    public override Task<ListTasksResponse> ListTasksAsync(ListTasksRequest request, A2ACallOptions call, CancellationToken cancellationToken) =>
        CallAsync(A2AMethods.ListTasks, HttpMethod.Get, "/tasks" + Query(request), null, A2AJson.GetTypeInfo<ListTasksResponse>(), call, cancellationToken);

    public override Task<AgentTask> CancelTaskAsync(CancelTaskRequest request, A2ACallOptions call, CancellationToken cancellationToken) =>
        CallAsync(A2AMethods.CancelTask, HttpMethod.Post, "/tasks/" + Segment(request.Id) + ":cancel", Body(request), A2AJson.GetTypeInfo<AgentTask>(), call, cancellationToken);

    // The spec text says POST, the proto's HTTP rule GET; servers (A2AGen, the JS SDK) accept both. POST, as the JS SDK's client sends.
    public override IAsyncEnumerable<StreamResponse> SubscribeToTaskAsync(SubscribeToTaskRequest request, A2ACallOptions call, CancellationToken cancellationToken) =>
        StreamAsync(A2AMethods.SubscribeToTask, "/tasks/" + Segment(request.Id) + ":subscribe", null, call, cancellationToken);

    public override Task<TaskPushNotificationConfig> CreateTaskPushNotificationConfigAsync(TaskPushNotificationConfig config, A2ACallOptions call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        return CallAsync(A2AMethods.CreateTaskPushNotificationConfig, HttpMethod.Post, "/tasks/" + Segment(config.TaskId ?? "") + "/pushNotificationConfigs", Body(config),
            A2AJson.GetTypeInfo<TaskPushNotificationConfig>(), call, cancellationToken);
    }

    public override Task<AgentCard> GetExtendedAgentCardAsync(GetExtendedAgentCardRequest request, A2ACallOptions call, CancellationToken cancellationToken) =>
        CallAsync(A2AMethods.GetExtendedAgentCard, HttpMethod.Get, "/extendedAgentCard", null, A2AJson.GetTypeInfo<AgentCard>(), call, cancellationToken);

    private async Task<TResult> CallAsync<TResult>(string method, HttpMethod httpMethod, string route, byte[]? body, JsonTypeInfo<TResult> resultType, A2ACallOptions call, CancellationToken cancellationToken)
    {
        using var activity = ClientActivity.Start(method, "http+json", Endpoint);
        var log = new DeliveryLog();
        try
        {
            using var response = await _retry.SendAsync(_http, () => CreateRequest(httpMethod, route, body, ContentType, call), HttpCompletionOption.ResponseContentRead, Endpoint,
                retry: method != A2AMethods.CreateTaskPushNotificationConfig, log, cancellationToken).ConfigureAwait(false);
            var answer = await ResponseBodies.ReadAsync(response, _options.MaxResponseSize, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw ErrorOf(method, answer, response.StatusCode);
            }

            return Read(answer, method, response.StatusCode, resultType);
        }
        catch (A2AClientException ex)
        {
            ex.Attempts = log.Attempts;
            ClientActivity.Failed(activity, ex);
            throw;
        }
    }

    private async IAsyncEnumerable<StreamResponse> StreamAsync(string method, string route, byte[]? body, A2ACallOptions call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var activity = ClientActivity.Start(method, "http+json", Endpoint);
        var log = new DeliveryLog();
        using var response = await _retry.SendAsync(_http, () => CreateRequest(HttpMethod.Post, route, body, HttpCalls.EventStreamMediaType, call), HttpCompletionOption.ResponseHeadersRead, Endpoint,
            retry: true, log, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != HttpCalls.EventStreamMediaType)
        {
            // An error before the stream started comes as a plain status object.
            var answer = await ResponseBodies.ReadAsync(response, _options.MaxResponseSize, cancellationToken).ConfigureAwait(false);
            var error = response.IsSuccessStatusCode
                ? new A2AClientException($"{method} answered {response.Content.Headers.ContentType?.MediaType ?? "no content type"} instead of an event stream.", JsonRpcErrorCodes.InvalidAgentResponse, "INVALID_RESPONSE", response.StatusCode)
                : ErrorOf(method, answer, response.StatusCode);
            error.Attempts = log.Attempts;
            ClientActivity.Failed(activity, error);
            throw error;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var item in ServerSentEventReader.ReadAsync(stream, _options.MaxEventSize, cancellationToken).ConfigureAwait(false))
        {
            if (item.EventType == "error")
            {
                var error = ErrorOf(method, item.Data.Span, response.StatusCode);
                ClientActivity.Failed(activity, error);
                throw error;
            }

            yield return Read(item.Data.Span, method, response.StatusCode, A2AJson.GetTypeInfo<StreamResponse>());
        }
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, string route, byte[]? body, string accept, A2ACallOptions call)
    {
        // A request signature's aud names the agent's interface; htu names this route's URL.
        var request = new AgentRouteRequest(method, new Uri(_base + route), Endpoint);
        if (body is not null)
        {
            var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue(ContentType);
            request.Content = content;
        }

        HttpCalls.AddHeaders(request, accept, call);
        if (accept == ContentType)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(HttpCalls.JsonMediaType));
        }

        return request;
    }

    private static byte[] Body<T>(T request) => A2AJson.SerializeToUtf8Bytes(request);

    private static string Segment(string id) => Uri.EscapeDataString(id);

    // Query parameters (spec §11.5): the request's ProtoJSON fields by their camelCase names, numbers, booleans and
    // enum names as text; path and tenant fields are in the path.
    private static string Query<T>(T request, string? pathField = null)
    {
        var query = new StringBuilder();
        var element = A2AJson.SerializeToElement(request);
        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals("tenant") || (pathField is not null && property.NameEquals(pathField)))
            {
                continue;
            }

            var text = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => property.Value.GetRawText(),
                _ => null,
            };
            if (text is not null)
            {
                query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(property.Name)).Append('=').Append(Uri.EscapeDataString(text));
            }
        }

        return query.ToString();
    }

    private static TResult Read<TResult>(ReadOnlySpan<byte> body, string method, HttpStatusCode status, JsonTypeInfo<TResult> resultType)
    {
        using var document = Parse(body, method, status);
        return ResultReader.Read(document.RootElement, method, status, resultType);
    }

    private static JsonDocument Parse(ReadOnlySpan<byte> body, string method, HttpStatusCode status)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException ex)
        {
            throw new A2AClientException(
                (int)status >= 400 ? $"{method} failed with HTTP {(int)status} and no A2A error object." : $"{method} answered with invalid JSON: {ex.Message}",
                reason: (int)status >= 400 ? "HTTP_ERROR" : "INVALID_RESPONSE", statusCode: status, innerException: ex);
        }

        // Before any string is read: text that is not valid Unicode cannot be read as a string.
        if (JsonTextCheck.FindInvalidUnicode(body) is { } invalid)
        {
            document.Dispose();
            throw new A2AClientException($"{method} answered with text that is not valid Unicode (at '{A2AGen.Security.CallerText.Sanitize(invalid)}').", JsonRpcErrorCodes.InvalidAgentResponse, "INVALID_RESPONSE", status);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new A2AClientException($"{method} answered with something other than a JSON object (HTTP {(int)status}).", JsonRpcErrorCodes.InvalidAgentResponse, "INVALID_RESPONSE", status);
        }

        return document;
    }

    // google.rpc.Status in its HTTP form: {"error":{"code":404,"status":"NOT_FOUND","message":…,"details":[ErrorInfo, BadRequest]}}.
    private static A2AClientException ErrorOf(string method, ReadOnlySpan<byte> body, HttpStatusCode status)
    {
        JsonDocument document;
        try
        {
            document = Parse(body, method, status);
        }
        catch (A2AClientException ex) when ((int)status >= 400)
        {
            return new A2AClientException($"{method} failed with HTTP {(int)status}.", reason: "HTTP_ERROR", statusCode: status, innerException: ex);
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty("error"u8, out var error) || error.ValueKind != JsonValueKind.Object)
            {
                return (int)status >= 400
                    ? new A2AClientException($"{method} failed with HTTP {(int)status}.", reason: "HTTP_ERROR", statusCode: status)
                    : new A2AClientException($"{method}: the error event is not a google.rpc.Status.", JsonRpcErrorCodes.InvalidAgentResponse, "INVALID_RESPONSE", status);
            }

            var statusName = error.TryGetProperty("status"u8, out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : StatusOf(status);
            var message = error.TryGetProperty("message"u8, out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;
            var details = error.TryGetProperty("details"u8, out var array) ? ErrorDetailsReader.Read(array) : default;
            var httpStatus = (int)status >= 400 ? status
                : error.TryGetProperty("code"u8, out var code) && code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out var number) && number is >= 400 and < 600 ? (HttpStatusCode)number
                : status;
            return A2AClientException.FromStatus(method, statusName, message, details.Reason, details.Domain, details.Metadata, details.Field, httpStatus);
        }
    }

    // Without a status name, the one HTTP's status stands for (google.rpc's HTTP mapping).
    private static string StatusOf(HttpStatusCode status) => (int)status switch
    {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ABORTED",
        429 => "RESOURCE_EXHAUSTED",
        501 => "UNIMPLEMENTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ => (int)status >= 500 ? "INTERNAL" : "UNKNOWN",
    };
}
