using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using A2AGen.Hosting.Tasks;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Security;
using Microsoft.AspNetCore.Http;

namespace A2AGen.Hosting;

/// <summary>
/// The HTTP+JSON binding (spec §11): the route names the operation (<see cref="RestRoutes"/>), path and query carry
/// ids and options, a POST body carries the typed request as ProtoJSON. Results are the bare ProtoJSON objects;
/// errors are <c>google.rpc.Status</c> objects (<c>{"error":{code,status,message,details}}</c>) with the same
/// <c>ErrorInfo</c> JSON-RPC carries; streams are Server-Sent Events of <c>StreamResponse</c> objects, ending with an
/// <c>event: error</c> when an error ends them. One instance per route, fixed to its operation.
/// </summary>
internal sealed class RestBinding : IA2ABinding
{
    /// <summary>The binding's name in the card.</summary>
    public const string BindingName = "HTTP+JSON";

    /// <summary>The media type of results and errors (spec §11.1).</summary>
    public const string ContentType = "application/a2a+json";

    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] ErrorEventPrefix = "event: error\ndata: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    private readonly A2AOperation _operation;

    public RestBinding(A2AOperation operation) => _operation = operation;

    public string Name => BindingName;

    /// <summary>Handles one HTTP+JSON request through the pipeline.</summary>
    public Task HandleAsync(HttpContext http, AgentHost agent) => A2APipeline.HandleAsync(http, agent, this);

    // A body is checked when one is sent (a POST without one, like the JS SDK's cancel, needs no media type).
    public bool HasBody(A2ARequest request) => request.Http.Request.ContentLength is not 0 && !HttpMethods.IsGet(request.Http.Request.Method) && !HttpMethods.IsDelete(request.Http.Request.Method);

    public void PrepareEarlyRefusal(A2ARequest request)
    {
    }

    public A2AError? Parse(A2ARequest request)
    {
        request.Operation = _operation;
        request.Method = _operation.Name();
        var tenant = request.Http.Request.RouteValues["tenant"] as string;
        if (tenant is not null && !TaskIds.IsValid(tenant))
        {
            return A2AError.InvalidParams("tenant", TaskIds.Rule + ".");
        }

        var body = request.Body!.Memory;
        if (body.IsEmpty || !HasBody(request))
        {
            return null;
        }

        var maxDepth = request.Agent.Options.MaxJsonDepth;
        try
        {
            request.Document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = maxDepth });
        }
        catch (JsonException)
        {
            return JsonRpcEnvelope.IsTooDeep(body.Span, maxDepth)
                ? A2AError.JsonTooDeep(maxDepth)
                : A2AError.ParseError(JsonTextCheck.DescribeSyntaxError(body.Span, maxDepth));
        }

        if (JsonTextCheck.FindInvalidUnicode(body.Span) is { } invalid)
        {
            return A2AError.InvalidParams(invalid.Length == 0 ? "body" : invalid,
                "is not valid Unicode (an unpaired surrogate escape such as \\udc00, or bytes that are not UTF-8).", JsonRpcEnvelope.InvalidUnicode);
        }

        return null;
    }

    public A2AError? Decode(A2ARequest request)
    {
        var http = request.Http.Request;
        var tenant = http.RouteValues["tenant"] as string;
        var id = http.RouteValues["id"] as string ?? "";
        var body = request.Document?.RootElement ?? default;
        A2AError? error;
        switch (_operation)
        {
            case A2AOperation.SendMessage:
            case A2AOperation.SendStreamingMessage:
                error = RequestReader.Read(body, "", request.Method, out SendMessageRequest? send);
                request.Input = tenant is null || send is null ? send : send with { Tenant = tenant };
                return error;
            case A2AOperation.GetTask:
                error = FromQuery(http, request.Method, ["historyLength"], out GetTaskRequest? get);
                request.Input = get is null ? null : get with { Id = id, Tenant = tenant };
                return error;
            case A2AOperation.ListTasks:
                error = FromQuery(http, request.Method, ["contextId", "status", "pageSize", "pageToken", "historyLength", "statusTimestampAfter", "includeArtifacts"], out ListTasksRequest? list);
                request.Input = list is null ? null : list with { Tenant = tenant };
                return error;
            case A2AOperation.CancelTask:
                CancelTaskRequest? cancel = new();
                error = body.ValueKind == JsonValueKind.Undefined ? null : RequestReader.Read(body, "", request.Method, out cancel);
                request.Input = cancel is null ? null : cancel with { Id = id, Tenant = tenant };
                return error;
            case A2AOperation.SubscribeToTask:
                request.Input = new SubscribeToTaskRequest { Id = id, Tenant = tenant };
                return null;
            case A2AOperation.CreateTaskPushNotificationConfig:
                error = RequestReader.Read(body, "", request.Method, out TaskPushNotificationConfig? create);
                request.Input = create is null ? null : create with { TaskId = TaskIdRoute(http), Tenant = tenant ?? create.Tenant };
                return error;
            case A2AOperation.GetTaskPushNotificationConfig:
                request.Input = new GetTaskPushNotificationConfigRequest { TaskId = TaskIdRoute(http), Id = http.RouteValues["configId"] as string ?? "", Tenant = tenant };
                return null;
            case A2AOperation.ListTaskPushNotificationConfigs:
                error = FromQuery(http, request.Method, ["pageSize", "pageToken"], out ListTaskPushNotificationConfigsRequest? listConfigs);
                request.Input = listConfigs is null ? null : listConfigs with { TaskId = TaskIdRoute(http), Tenant = tenant };
                return error;
            case A2AOperation.DeleteTaskPushNotificationConfig:
                request.Input = new DeleteTaskPushNotificationConfigRequest { TaskId = TaskIdRoute(http), Id = http.RouteValues["configId"] as string ?? "", Tenant = tenant };
                return null;
            default:
                return null;
        }
    }

    public string FieldPath(string path) => path;

    private static string TaskIdRoute(HttpRequest http) => http.RouteValues["taskId"] as string ?? "";

    /// <summary>
    /// <c>htu</c> names the URL of this request — the agent's URL (its public URL, or the one the request reached)
    /// followed by the route — so a signature covers the operation and its ids, not just the agent.
    /// </summary>
    public RequestTarget UrlTarget(A2ARequest request) => RequestTarget.Create(RequestUrls(request));

    /// <summary><c>aud</c> names the agent (its URL) or, as a signer that signs the URL it calls writes it, this request's URL.</summary>
    public RequestTarget AudienceTarget(A2ARequest request) =>
        RequestTarget.Create([.. request.Agent.SignatureTarget(request.Http.Request).Urls, .. RequestUrls(request)]);

    private static string[] RequestUrls(A2ARequest request)
    {
        var agent = request.Agent;
        var http = request.Http.Request;
        var path = http.Path.ToUriComponent();
        var route = agent.Path == "/" ? path : path[Math.Min(agent.Path.Length, path.Length)..];
        var urls = agent.SignatureTarget(http).Urls;
        var targets = new string[urls.Count];
        for (var i = 0; i < targets.Length; i++)
        {
            targets[i] = urls[i].TrimEnd('/') + route;
        }

        return targets;
    }

    public async Task WriteResultAsync<T>(A2ARequest request, T result, JsonTypeInfo<T> typeInfo)
    {
        using var buffer = new PooledBufferWriter();
        var writer = JsonRpcResponseWriter.RentWriter(buffer);
        try
        {
            JsonSerializer.Serialize(writer, result, typeInfo);
            writer.Flush();
        }
        finally
        {
            writer.Reset();
        }

        await JsonRpcResponseWriter.SendAsync(request.Http.Response, StatusCodes.Status200OK, buffer, ContentType).ConfigureAwait(false);
    }

    public async Task WriteErrorAsync(A2ARequest request, A2AError error)
    {
        using var buffer = new PooledBufferWriter(1024);
        WriteStatus(buffer, error);
        await JsonRpcResponseWriter.SendAsync(request.Http.Response, RestErrors.Of(error).HttpStatus, buffer, ContentType).ConfigureAwait(false);
    }

    public void WriteEvent(PooledBufferWriter buffer, A2ARequest request, StreamResponse item)
    {
        buffer.Write(DataPrefix);
        var writer = JsonRpcResponseWriter.RentWriter(buffer);
        try
        {
            JsonSerializer.Serialize(writer, item, A2AJson.GetTypeInfo<StreamResponse>());
            writer.Flush();
        }
        finally
        {
            writer.Reset();
        }

        buffer.Write(EventEnd);
    }

    public void WriteErrorEvent(PooledBufferWriter buffer, A2ARequest request, A2AError error)
    {
        buffer.Write(ErrorEventPrefix);
        WriteStatus(buffer, error);
        buffer.Write(EventEnd);
    }

    public void Release(A2ARequest request) => request.Document?.Dispose();

    // google.rpc.Status in its HTTP form: {"error":{"code":404,"status":"NOT_FOUND","message":…,"details":[…]}}.
    private static void WriteStatus(PooledBufferWriter buffer, A2AError error)
    {
        var (httpStatus, status) = RestErrors.Of(error);
        var writer = JsonRpcResponseWriter.RentWriter(buffer);
        try
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error"u8);
            writer.WriteNumber("code"u8, httpStatus);
            writer.WriteString("status"u8, status);
            writer.WriteString("message"u8, error.Message);
            writer.WriteStartArray("details"u8);
            ErrorDetails.WriteItems(writer, error);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.Flush();
        }
        finally
        {
            writer.Reset();
        }
    }

    // Query parameters (spec §11.5: camelCase names, numbers and booleans as text) become a JSON object read like a
    // body, so a value that does not fit is refused with the parameter's name, in the same words as a body field.
    private static A2AError? FromQuery<T>(HttpRequest http, string operation, string[] names, out T? value)
        where T : class
    {
        using var buffer = new PooledBufferWriter(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var name in names)
            {
                var values = http.Query[name];
                if (values.Count == 0 || values[0] is not { } text)
                {
                    continue;
                }

                if (values.Count > 1)
                {
                    value = null;
                    return A2AError.InvalidParams(name, "is given more than once.");
                }

                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && name is "pageSize" or "historyLength")
                {
                    writer.WriteNumber(name, number);
                }
                else if (name == "includeArtifacts" && bool.TryParse(text, out var flag))
                {
                    writer.WriteBoolean(name, flag);
                }
                else
                {
                    writer.WriteString(name, text);
                }
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return RequestReader.Read(document.RootElement, "", operation, out value);
    }
}
