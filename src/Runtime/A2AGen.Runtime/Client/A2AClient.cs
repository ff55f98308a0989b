using System.Buffers;
using System.Diagnostics;
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
/// Calls an A2A 1.0 agent over JSON-RPC with a plain <see cref="HttpClient"/>: every request carries
/// <c>A2A-Version: 1.0</c> (and the configured <c>A2A-Extensions</c>), JSON-RPC errors become
/// <see cref="A2AClientException"/>, streams are read as Server-Sent Events. Request bodies are sent fully buffered,
/// so <see cref="DelegatingHandler"/>s in the client's pipeline (request signing) can read and hash them. Each call
/// runs in an activity of the <c>A2AGen.Client</c> source, and the W3C <c>traceparent</c> of the current activity
/// travels with the request. Thread-safe; share one per agent.
/// </summary>
public sealed class A2AClient
{
    /// <summary>The name of the client's <see cref="ActivitySource"/>.</summary>
    public const string ActivitySourceName = "A2AGen.Client";

    private const string JsonMediaType = "application/json";
    private const string EventStreamMediaType = "text/event-stream";

    private static readonly ActivitySource Source = new(ActivitySourceName);

    private readonly HttpClient _http;
    private readonly A2AClientOptions _options;
    private readonly string? _extensions;
    private readonly ClientProvenance? _provenance;
    private long _nextId;

    /// <summary>Creates a client for a known JSON-RPC endpoint.</summary>
    /// <param name="httpClient">The HTTP client (its handlers apply to every call).</param>
    /// <param name="endpoint">The agent's JSON-RPC URL (its card's interface URL).</param>
    /// <param name="options">Settings; defaults when null.</param>
    public A2AClient(HttpClient httpClient, Uri endpoint, A2AClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The endpoint '{endpoint}' must be an absolute http or https URL.", nameof(endpoint));
        }

        _http = httpClient;
        _options = options ?? new A2AClientOptions();
        Endpoint = endpoint;
        _extensions = _options.Extensions.Count > 0 ? string.Join(", ", _options.Extensions) : null;
    }

    /// <summary>The agent's JSON-RPC endpoint.</summary>
    public Uri Endpoint { get; }

    /// <summary>The card this client was created from, when it was (see <see cref="ConnectAsync"/>).</summary>
    public ResolvedAgentCard? Card
    {
        get;
        private init
        {
            field = value;
            _provenance = ClientProvenance.For(value, _options);
        }
    }

    /// <summary>
    /// The provenance check of an artifact or agent message this client returned, when the agent's card declares the
    /// provenance extension (see <see cref="A2AClientOptions.Provenance"/>): Verified (with the chain of custody),
    /// Unverified or Invalid with the reason. Null when nothing was checked. For a streamed artifact, ask with its last chunk's artifact.
    /// </summary>
    /// <param name="artifact">An artifact from a task or an artifact update this client returned.</param>
    public A2AGen.Provenance.ProvenanceVerificationResult? ProvenanceOf(Artifact artifact) => _provenance?.ResultOf(artifact);

    /// <summary>The provenance check of an agent message this client returned (a direct reply, or an interrupted task's status message); null when nothing was checked.</summary>
    /// <param name="message">The message.</param>
    public A2AGen.Provenance.ProvenanceVerificationResult? ProvenanceOf(Message message) => _provenance?.ResultOf(message);

    /// <summary>
    /// Fetches and verifies the agent's card (<c>{agentUrl}/.well-known/agent-card.json</c>) and returns a client for
    /// its JSON-RPC 1.0 interface. The card must be signed by a key in <see cref="A2AClientOptions.CardTrust"/> unless
    /// <see cref="A2AClientOptions.AllowUnverifiedCard"/> is set (see <see cref="ResolvedAgentCard.Verification"/>).
    /// </summary>
    /// <param name="httpClient">The HTTP client.</param>
    /// <param name="agentUrl">The agent's base URL, or its card URL.</param>
    /// <param name="options">Settings (including the card verifier).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="A2AClientException">The card cannot be fetched or trusted, or it has no JSON-RPC 1.0 interface.</exception>
    public static async Task<A2AClient> ConnectAsync(HttpClient httpClient, Uri agentUrl, A2AClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        var verifier = options?.CardVerifier
            ?? new AgentCardTrustVerifier(options?.CardTrust, options?.ExpectedAgentId, options?.AllowUnverifiedCard == true, options?.CardVerification);
        var card = await new AgentCardResolver(httpClient, verifier).ResolveAsync(agentUrl, cancellationToken).ConfigureAwait(false);
        var endpoint = card.JsonRpcEndpoint
            ?? throw new A2AClientException($"The Agent Card at {card.Url} declares no JSON-RPC interface for A2A 1.0.", reason: "NO_COMPATIBLE_INTERFACE");
        return new A2AClient(httpClient, endpoint, options) { Card = card };
    }

    /// <summary>Sends a message (<c>SendMessage</c>); the answer is a task or a direct message.</summary>
    /// <param name="request">The message and its configuration.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public Task<SendMessageResponse> SendMessageAsync(SendMessageRequest request, CancellationToken cancellationToken = default) =>
        Checked(CallAsync(A2AMethods.SendMessage, request, A2AJson.GetTypeInfo<SendMessageResponse>(), cancellationToken));

    /// <summary>Sends a user message with default configuration.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public Task<SendMessageResponse> SendMessageAsync(Message message, CancellationToken cancellationToken = default) =>
        SendMessageAsync(new SendMessageRequest { Message = message }, cancellationToken);

    /// <summary>Sends a message and reads its events as they happen (<c>SendStreamingMessage</c>).</summary>
    /// <param name="request">The message and its configuration.</param>
    /// <param name="cancellationToken">Cancellation (closes the stream; the task goes on).</param>
    public IAsyncEnumerable<StreamResponse> SendStreamingMessageAsync(SendMessageRequest request, CancellationToken cancellationToken = default) =>
        Checked(StreamAsync(A2AMethods.SendStreamingMessage, request, cancellationToken));

    /// <summary>Reads a task (<c>GetTask</c>).</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="historyLength">How many history messages to include (null: the agent's default).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public Task<AgentTask> GetTaskAsync(string taskId, int? historyLength = null, CancellationToken cancellationToken = default) =>
        Checked(CallAsync(A2AMethods.GetTask, new GetTaskRequest { Id = taskId, HistoryLength = historyLength }, A2AJson.GetTypeInfo<AgentTask>(), cancellationToken));

    /// <summary>Lists the caller's tasks (<c>ListTasks</c>).</summary>
    /// <param name="request">Filters and paging; null lists the first page.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public Task<ListTasksResponse> ListTasksAsync(ListTasksRequest? request = null, CancellationToken cancellationToken = default) =>
        CallAsync(A2AMethods.ListTasks, request ?? new ListTasksRequest(), A2AJson.GetTypeInfo<ListTasksResponse>(), cancellationToken);

    /// <summary>Cancels a task (<c>CancelTask</c>) and returns its new state.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public Task<AgentTask> CancelTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        CallAsync(A2AMethods.CancelTask, new CancelTaskRequest { Id = taskId }, A2AJson.GetTypeInfo<AgentTask>(), cancellationToken);

    /// <summary>Follows a running task: its current state first, then every change (<c>SubscribeToTask</c>).</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="cancellationToken">Cancellation (closes the stream; the task goes on).</param>
    public IAsyncEnumerable<StreamResponse> SubscribeToTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        Checked(StreamAsync(A2AMethods.SubscribeToTask, new SubscribeToTaskRequest { Id = taskId }, cancellationToken));

    /// <summary>Fetches the authenticated extended card (<c>GetExtendedAgentCard</c>).</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    public Task<AgentCard> GetExtendedAgentCardAsync(CancellationToken cancellationToken = default) =>
        CallAsync(A2AMethods.GetExtendedAgentCard, new GetExtendedAgentCardRequest(), A2AJson.GetTypeInfo<AgentCard>(), cancellationToken);

    /// <summary><c>SendMessage</c> that also activates <paramref name="extension"/> for this call (e.g. the Secure Passport).</summary>
    internal Task<SendMessageResponse> SendMessageAsync(SendMessageRequest request, string extension, CancellationToken cancellationToken) =>
        Checked(CallAsync(A2AMethods.SendMessage, request, A2AJson.GetTypeInfo<SendMessageResponse>(), cancellationToken, extension));

    /// <summary><c>SendStreamingMessage</c> that also activates <paramref name="extension"/> for this call.</summary>
    internal IAsyncEnumerable<StreamResponse> SendStreamingMessageAsync(SendMessageRequest request, string extension, CancellationToken cancellationToken) =>
        Checked(StreamAsync(A2AMethods.SendStreamingMessage, request, cancellationToken, extension));

    // Provenance checks (when the card declares the extension) wrap the calls that return artifacts or agent messages.
    private Task<SendMessageResponse> Checked(Task<SendMessageResponse> call) => _provenance is null ? call : _provenance.CheckAsync(call);

    private Task<AgentTask> Checked(Task<AgentTask> call) => _provenance is null ? call : _provenance.CheckAsync(call);

    private IAsyncEnumerable<StreamResponse> Checked(IAsyncEnumerable<StreamResponse> events) => _provenance is null ? events : _provenance.CheckAsync(events);

    private async Task<TResult> CallAsync<TParams, TResult>(string method, TParams parameters, JsonTypeInfo<TResult> resultType, CancellationToken cancellationToken, string? extension = null)
    {
        using var activity = StartActivity(method);
        var id = Interlocked.Increment(ref _nextId);
        using var request = CreateRequest(method, id, parameters, JsonMediaType, extension);
        try
        {
            using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var body = await ResponseBodies.ReadAsync(response, _options.MaxResponseSize, cancellationToken).ConfigureAwait(false);
            return ReadResult(body, id, method, response.StatusCode, resultType);
        }
        catch (A2AClientException ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Reason ?? ex.Message);
            activity?.SetTag("error.type", ex.Reason ?? ex.Code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "HTTP");
            throw;
        }
    }

    private async IAsyncEnumerable<StreamResponse> StreamAsync<TParams>(string method, TParams parameters, [EnumeratorCancellation] CancellationToken cancellationToken, string? extension = null)
    {
        using var activity = StartActivity(method);
        var id = Interlocked.Increment(ref _nextId);
        using var request = CreateRequest(method, id, parameters, EventStreamMediaType, extension);
        using var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentType?.MediaType != EventStreamMediaType)
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

    private Activity? StartActivity(string method)
    {
        var activity = Source.StartActivity("A2A " + method, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("rpc.system", "jsonrpc");
            activity.SetTag("rpc.method", method);
            activity.SetTag("server.address", Endpoint.Host);
        }

        return activity;
    }

    private HttpRequestMessage CreateRequest<TParams>(string method, long id, TParams parameters, string accept, string? extension)
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

        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue(JsonMediaType);
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = content };
        request.Headers.Add(A2AProtocol.VersionHeader, A2AProtocol.Version);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        var extensions = extension is null || _options.Extensions.Contains(extension, StringComparer.Ordinal)
            ? _extensions
            : _extensions is null ? extension : _extensions + ", " + extension;
        if (extensions is not null)
        {
            request.Headers.Add(A2AProtocol.ExtensionsHeader, extensions);
        }

        TraceContext.Inject(request);
        return request;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new A2AClientException($"Could not reach the agent at {Endpoint}: {ex.Message}", reason: "AGENT_UNREACHABLE", innerException: ex);
        }
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

            try
            {
                return A2AJson.Deserialize<TResult>(result)
                    ?? throw new A2AClientException($"{method}: the result is null.", JsonRpcErrorCodes.InvalidAgentResponse, "INVALID_RESPONSE", status);
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException)
            {
                throw new A2AClientException($"{method}: the result does not fit the A2A 1.0 schema: {ex.Message}", JsonRpcErrorCodes.InvalidAgentResponse, "INVALID_RESPONSE", status, ex);
            }
        }
    }

    private static A2AClientException ErrorOf(string method, JsonElement error, HttpStatusCode status)
    {
        int? code = error.TryGetProperty("code"u8, out var codeElement) && codeElement.ValueKind == JsonValueKind.Number && codeElement.TryGetInt32(out var c) ? c : null;
        var message = error.TryGetProperty("message"u8, out var messageElement) && messageElement.ValueKind == JsonValueKind.String ? messageElement.GetString() : null;
        string? reason = null, domain = null, field = null;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonElement? data = null;
        if (error.TryGetProperty("data"u8, out var dataElement))
        {
            data = dataElement.Clone();
            if (dataElement.ValueKind == JsonValueKind.Array)
            {
                foreach (var detail in dataElement.EnumerateArray())
                {
                    if (detail.ValueKind != JsonValueKind.Object || !detail.TryGetProperty("@type"u8, out var type) || type.ValueKind != JsonValueKind.String)
                    {
                        continue;
                    }

                    var typeName = type.GetString()!;
                    if (typeName.EndsWith("google.rpc.ErrorInfo", StringComparison.Ordinal))
                    {
                        reason = StringOf(detail, "reason");
                        domain = StringOf(detail, "domain");
                        if (detail.TryGetProperty("metadata"u8, out var entries) && entries.ValueKind == JsonValueKind.Object)
                        {
                            foreach (var entry in entries.EnumerateObject())
                            {
                                if (entry.Value.ValueKind == JsonValueKind.String)
                                {
                                    metadata[entry.Name] = entry.Value.GetString()!;
                                }
                            }
                        }
                    }
                    else if (typeName.EndsWith("google.rpc.BadRequest", StringComparison.Ordinal)
                        && detail.TryGetProperty("fieldViolations"u8, out var violations) && violations.ValueKind == JsonValueKind.Array && violations.GetArrayLength() > 0)
                    {
                        field = StringOf(violations[0], "field");
                    }
                }
            }
        }

        field ??= metadata.GetValueOrDefault("field");
        return new A2AClientException($"{method} failed: {message ?? "no message"} (JSON-RPC {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}{(reason is null ? "" : ", " + reason)})", code, reason, status)
        {
            Domain = domain,
            Field = field,
            Metadata = metadata,
            ErrorData = data,
        };
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
