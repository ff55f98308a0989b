using System.Buffers.Binary;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using A2AGen.Hosting.Tasks;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Security;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace A2AGen.Hosting;

/// <summary>
/// The gRPC binding (spec §10): <c>POST /lf.a2a.v1.A2AService/{Method}</c> over HTTP/2 with one length-prefixed protobuf
/// message of <c>a2a.proto</c>; service parameters are metadata (<c>a2a-version</c>, <c>a2a-extensions</c>,
/// <c>a2a-signature</c> — HTTP/2 header names, so the pipeline reads them as it reads the other bindings' headers); the
/// tenant is the request's <c>tenant</c> field. Results are one message, streams a server stream of
/// <c>StreamResponse</c> messages; the outcome is <c>grpc-status</c> with <c>grpc-message</c> and a <c>google.rpc.Status</c>
/// in <c>grpc-status-details-bin</c> (<see cref="GrpcStatus"/>). The message bytes are kept as received, so a request
/// signature's <c>bh</c> covers exactly them. One instance per method, fixed to its operation.
/// </summary>
internal sealed class GrpcBinding : IA2ABinding
{
    /// <summary>The binding's name in the card.</summary>
    public const string BindingName = "GRPC";

    /// <summary>The service of <c>a2a.proto</c>; a method's path is <c>/{ServiceName}/{Method}</c>.</summary>
    public const string ServiceName = "lf.a2a.v1.A2AService";

    /// <summary>The media type of requests and answers.</summary>
    public const string ContentType = "application/grpc";

    /// <summary>The length prefix of a gRPC message: a compression flag and a 4-byte big-endian length.</summary>
    public const int PrefixLength = 5;

    private static readonly Dictionary<string, GrpcBinding> ByMethod = Enum.GetValues<A2AOperation>()
        .Where(o => o != A2AOperation.Unknown)
        .ToDictionary(o => o.Name(), o => new GrpcBinding(o), StringComparer.Ordinal);

    private const int MaxCachedTargets = 64;

    private readonly A2AOperation _operation;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (RequestTarget Audience, RequestTarget Url)> _targets = new(StringComparer.Ordinal);

    private GrpcBinding(A2AOperation operation)
    {
        _operation = operation;
        MethodPath = "/" + ServiceName + "/" + operation.Name();
    }

    /// <summary>The method's path, e.g. <c>/lf.a2a.v1.A2AService/SendMessage</c>.</summary>
    public string MethodPath { get; }

    public string Name => BindingName;

    public int FramingOverhead => PrefixLength;

    public bool SendsKeepAlive => false;

    /// <summary>The binding of a method of <c>A2AService</c>, or null for a name the service does not define.</summary>
    public static GrpcBinding? ForMethod(string method) => ByMethod.GetValueOrDefault(method);

    /// <summary>Handles one gRPC call through the pipeline, then ends it with its status.</summary>
    public async Task HandleAsync(HttpContext http, AgentHost agent)
    {
        await A2APipeline.HandleAsync(http, agent, this).ConfigureAwait(false);
        if (http.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        var response = http.Response;
        if (response.Headers.ContainsKey(GrpcStatus.StatusKey) || Trailers(response).ContainsKey(GrpcStatus.StatusKey))
        {
            return; // an error already set the status
        }

        if (!response.HasStarted)
        {
            StartStream(response);
        }

        GrpcStatus.Write(Trailers(response), null);
    }

    public bool HasBody(A2ARequest request) => true;

    // application/grpc or application/grpc+proto (with parameters); application/grpc+json and others are not this binding.
    public bool AcceptsMediaType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var rest = contentType.AsSpan(ContentType.Length);
        var end = rest.IndexOf(';');
        var suffix = (end < 0 ? rest : rest[..end]).Trim();
        return suffix.IsEmpty || suffix.Equals("+proto", StringComparison.OrdinalIgnoreCase);
    }

    public void StartStream(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
    }

    public void PrepareEarlyRefusal(A2ARequest request)
    {
    }

    public A2AError? Parse(A2ARequest request)
    {
        request.Operation = _operation;
        request.Method = _operation.Name();
        var body = request.Body!;
        var span = body.Memory.Span;
        if (span.Length < PrefixLength)
        {
            return A2AError.InvalidRequest("GRPC_MESSAGE_MALFORMED", "The request does not carry a length-prefixed gRPC message.");
        }

        if (span[0] != 0)
        {
            return A2AError.InvalidRequest("GRPC_COMPRESSION_NOT_SUPPORTED", "Compressed messages are not accepted; send the message uncompressed (grpc-encoding identity).");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(span[1..]);
        if (length != span.Length - PrefixLength)
        {
            return A2AError.InvalidRequest("GRPC_MESSAGE_MALFORMED", "The request must carry exactly one gRPC message, whose length prefix matches it.");
        }

        // From here on the body is the message as received: what a request signature's bh covers.
        body.Narrow(PrefixLength, (int)length);
        var descriptor = ProtoMessages.RequestOf(_operation);
        IMessage message;
        try
        {
            message = descriptor.Parser.ParseFrom(body.Memory.Span);
        }
        catch (InvalidProtocolBufferException)
        {
            return A2AError.InvalidRequest("PARSE_ERROR", $"The request message is not a valid {descriptor.FullName} (protobuf).");
        }

        request.GrpcMessage = message;
        var tenant = ProtoMessages.Tenant(message);
        return tenant.Length > 0 && !TaskIds.IsValid(tenant) ? A2AError.InvalidParams("tenant", TaskIds.Rule + ".") : null;
    }

    public A2AError? Decode(A2ARequest request)
    {
        // The hot path maps a plain message directly; anything with structured values takes the ProtoJSON reader.
        if (request.GrpcMessage is Lf.A2a.V1.SendMessageRequest wire && ProtoMapping.TryRead(wire, out var direct))
        {
            request.Input = direct;
            return null;
        }

        var maxDepth = request.Agent.Options.MaxJsonDepth;
        try
        {
            request.Document = ProtoMessages.ToJson(request.GrpcMessage!, maxDepth);
        }
        catch (JsonException)
        {
            return A2AError.JsonTooDeep(maxDepth);
        }

        var body = request.Document.RootElement;
        A2AError? error;
        switch (_operation)
        {
            case A2AOperation.SendMessage:
            case A2AOperation.SendStreamingMessage:
                error = RequestReader.Read(body, "", request.Method, out SendMessageRequest? send);
                request.Input = send;
                return error;
            case A2AOperation.GetTask:
                error = RequestReader.Read(body, "", request.Method, out GetTaskRequest? get);
                request.Input = get;
                return error;
            case A2AOperation.ListTasks:
                error = RequestReader.Read(body, "", request.Method, out ListTasksRequest? list);
                request.Input = list;
                return error;
            case A2AOperation.CancelTask:
                error = RequestReader.Read(body, "", request.Method, out CancelTaskRequest? cancel);
                request.Input = cancel;
                return error;
            case A2AOperation.SubscribeToTask:
                error = RequestReader.Read(body, "", request.Method, out SubscribeToTaskRequest? subscribe);
                request.Input = subscribe;
                return error;
            case A2AOperation.CreateTaskPushNotificationConfig:
                error = RequestReader.Read(body, "", request.Method, out TaskPushNotificationConfig? create);
                request.Input = create;
                return error;
            case A2AOperation.GetTaskPushNotificationConfig:
                error = RequestReader.Read(body, "", request.Method, out GetTaskPushNotificationConfigRequest? getConfig);
                request.Input = getConfig;
                return error;
            case A2AOperation.ListTaskPushNotificationConfigs:
                error = RequestReader.Read(body, "", request.Method, out ListTaskPushNotificationConfigsRequest? listConfigs);
                request.Input = listConfigs;
                return error;
            case A2AOperation.DeleteTaskPushNotificationConfig:
                error = RequestReader.Read(body, "", request.Method, out DeleteTaskPushNotificationConfigRequest? deleteConfig);
                request.Input = deleteConfig;
                return error;
            default:
                return null;
        }
    }

    public string FieldPath(string path) => path;

    /// <summary><c>htu</c> names the method: the agent's gRPC interface URL with its path replaced by the method's path.</summary>
    public RequestTarget UrlTarget(A2ARequest request) => Targets(request.Agent.GrpcUrl(request.Http.Request)).Url;

    /// <summary>
    /// <c>aud</c> names the agent's gRPC interface URL, as its card lists it — or, as signers that sign the URL they call
    /// write it (and as on HTTP+JSON), the method's URL.
    /// </summary>
    public RequestTarget AudienceTarget(A2ARequest request) => Targets(request.Agent.GrpcUrl(request.Http.Request)).Audience;

    // Normalizing URLs costs a few microseconds per signed call; an interface URL is one of a few (bounded like the cards).
    private (RequestTarget Audience, RequestTarget Url) Targets(string grpcUrl)
    {
        if (_targets.TryGetValue(grpcUrl, out var cached))
        {
            return cached;
        }

        var methodUrl = MethodUrl(grpcUrl);
        cached = (RequestTarget.Create(grpcUrl, methodUrl), RequestTarget.Create(methodUrl));
        if (_targets.Count < MaxCachedTargets)
        {
            _targets.TryAdd(grpcUrl, cached);
        }

        return cached;
    }

    /// <summary>A passport names the agent's URL (one passport for every binding), not the gRPC endpoint.</summary>
    public RequestTarget PassportAudience(A2ARequest request) => request.Agent.AgentTargetForGrpc(request.Http);

    private string MethodUrl(string grpcUrl) => new Uri(grpcUrl).GetLeftPart(UriPartial.Authority) + MethodPath;

    public async Task WriteResultAsync<T>(A2ARequest request, T result, JsonTypeInfo<T> typeInfo)
    {
        IMessage message = result switch
        {
            SendMessageResponse send => ProtoMapping.ToProto(send),
            AgentTask task => ProtoMapping.ToProto(task),
            _ => ProtoMessages.FromRecord(result, typeInfo, ProtoMessages.ResponseOf(_operation)),
        };
        using var buffer = new PooledBufferWriter(PrefixLength + message.CalculateSize());
        ProtoMessages.WriteFrame(buffer, message);
        var response = request.Http.Response;
        StartStream(response);
        await response.Body.WriteAsync(buffer.WrittenMemory, request.Aborted).ConfigureAwait(false);
    }

    public Task WriteErrorAsync(A2ARequest request, A2AError error)
    {
        var response = request.Http.Response;
        if (response.HasStarted)
        {
            GrpcStatus.Write(Trailers(response), error);
            return Task.CompletedTask;
        }

        // Trailers-Only: the status travels in the headers of an answer without messages. A request that is not gRPC
        // at all (another media type) also gets HTTP 415, as the gRPC protocol asks.
        response.StatusCode = error.Reason == "UNSUPPORTED_MEDIA_TYPE" ? StatusCodes.Status415UnsupportedMediaType : StatusCodes.Status200OK;
        response.ContentType = ContentType;
        GrpcStatus.Write(response.Headers, error);
        return Task.CompletedTask;
    }

    public void WriteLateError(A2ARequest request, A2AError error) => GrpcStatus.Write(Trailers(request.Http.Response), error);

    public void WriteEvent(PooledBufferWriter buffer, A2ARequest request, StreamResponse item) =>
        ProtoMessages.WriteFrame(buffer, ProtoMapping.ToProto(item));

    // The error that ends a stream is its status, in the trailers; no message is written.
    public void WriteErrorEvent(PooledBufferWriter buffer, A2ARequest request, A2AError error) =>
        GrpcStatus.Write(Trailers(request.Http.Response), error);

    public void Release(A2ARequest request) => request.Document?.Dispose();

    private static IHeaderDictionary Trailers(HttpResponse response) =>
        response.HttpContext.Features.Get<IHttpResponseTrailersFeature>()?.Trailers ?? new HeaderDictionary();
}
