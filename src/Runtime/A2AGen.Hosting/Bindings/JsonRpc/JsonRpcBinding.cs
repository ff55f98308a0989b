using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Security;
using Microsoft.AspNetCore.Http;

namespace A2AGen.Hosting;

/// <summary>
/// The JSON-RPC 2.0 binding (spec §9): POST <c>{path}</c> with a JSON-RPC request; the method names the operation and
/// <c>params</c> carries its typed request. Results and errors are JSON-RPC responses echoing the request's <c>id</c>;
/// streams are Server-Sent Events of JSON-RPC responses.
/// </summary>
internal sealed class JsonRpcBinding : IA2ABinding
{
    /// <summary>The binding's name in the card.</summary>
    public const string BindingName = AgentInterface.JsonRpcBinding;

    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();

    private JsonRpcBinding()
    {
    }

    public static JsonRpcBinding Instance { get; } = new();

    public string Name => BindingName;

    /// <summary>Handles one JSON-RPC request through the pipeline.</summary>
    public static Task HandleAsync(HttpContext http, AgentHost agent) => A2APipeline.HandleAsync(http, agent, Instance);

    public bool HasBody(A2ARequest request) => true;

    public void PrepareEarlyRefusal(A2ARequest request)
    {
        if (request.Body is { } body)
        {
            request.Id = JsonRpcEnvelope.ScanId(body.Memory.Span);
        }
    }

    public A2AError? Parse(A2ARequest request)
    {
        var error = JsonRpcEnvelope.TryParse(request.Body!.Memory, request.Agent.Options.MaxJsonDepth, out var envelope, out var id);
        request.Id = id;
        if (error is not null)
        {
            return error;
        }

        request.Envelope = envelope;
        request.Operation = A2AOperations.FromMethod(envelope!.Method);
        request.Method = KnownMethods.ForTelemetry(envelope.Method);
        return V03Dialect.Select(request, envelope.Method);
    }

    public A2AError? Decode(A2ARequest request)
    {
        var envelope = request.Envelope!;
        var parameters = envelope.Params;
        if (request.IsV03)
        {
            // 0.3 params become their 1.0 form here, and are read below exactly as a 1.0 request's.
            var translation = V03Requests.Translate(request.Operation, parameters, out var translated);
            if (translation is not null)
            {
                return translation;
            }

            parameters = translated;
        }

        A2AError? error;
        switch (request.Operation)
        {
            case A2AOperation.SendMessage:
            case A2AOperation.SendStreamingMessage:
                error = RequestReader.Read(parameters, "params", request.Method, out SendMessageRequest? send);
                request.Input = send;
                return error;
            case A2AOperation.GetTask:
                error = RequestReader.Read(parameters, "params", request.Method, out GetTaskRequest? get);
                request.Input = get;
                return error;
            case A2AOperation.ListTasks:
                if (parameters.ValueKind == JsonValueKind.Undefined)
                {
                    request.Input = new ListTasksRequest();
                    return null;
                }

                error = RequestReader.Read(parameters, "params", request.Method, out ListTasksRequest? list);
                request.Input = list;
                return error;
            case A2AOperation.CancelTask:
                error = RequestReader.Read(parameters, "params", request.Method, out CancelTaskRequest? cancel);
                request.Input = cancel;
                return error;
            case A2AOperation.SubscribeToTask:
                error = RequestReader.Read(parameters, "params", request.Method, out SubscribeToTaskRequest? subscribe);
                request.Input = subscribe;
                return error;
            case A2AOperation.CreateTaskPushNotificationConfig:
                error = RequestReader.Read(parameters, "params", request.Method, out TaskPushNotificationConfig? create);
                request.Input = create;
                return error;
            case A2AOperation.GetTaskPushNotificationConfig:
                error = RequestReader.Read(parameters, "params", request.Method, out GetTaskPushNotificationConfigRequest? getConfig);
                request.Input = getConfig;
                return error;
            case A2AOperation.ListTaskPushNotificationConfigs:
                error = RequestReader.Read(parameters, "params", request.Method, out ListTaskPushNotificationConfigsRequest? listConfigs);
                request.Input = listConfigs;
                return error;
            case A2AOperation.DeleteTaskPushNotificationConfig:
                error = RequestReader.Read(parameters, "params", request.Method, out DeleteTaskPushNotificationConfigRequest? deleteConfig);
                request.Input = deleteConfig;
                return error;
            case A2AOperation.Unknown:
                return LegacyMethodNames.Unknown(envelope.Method);
            default:
                return null;
        }
    }

    public string FieldPath(string path) => "params." + path;

    public RequestTarget UrlTarget(A2ARequest request) => request.Agent.SignatureTarget(request.Http.Request);

    public RequestTarget AudienceTarget(A2ARequest request) => request.Agent.SignatureTarget(request.Http.Request);

    public Task WriteResultAsync<T>(A2ARequest request, T result, JsonTypeInfo<T> typeInfo) => request.IsV03
        ? JsonRpcResponseWriter.WriteResultAsync(request.Http.Response, request.Id, V03Responses.Result(request.Operation, result, typeInfo), V03Responses.NodeTypeInfo)
        : JsonRpcResponseWriter.WriteResultAsync(request.Http.Response, request.Id, result, typeInfo);

    public Task WriteErrorAsync(A2ARequest request, A2AError error) =>
        JsonRpcResponseWriter.WriteErrorAsync(request.Http.Response, request.Id, error);

    public void WriteEvent(PooledBufferWriter buffer, A2ARequest request, StreamResponse item)
    {
        buffer.Write(DataPrefix);
        if (request.IsV03)
        {
            JsonRpcResponseWriter.WriteResult(buffer, request.Id, V03Responses.Event(item), V03Responses.NodeTypeInfo);
        }
        else
        {
            JsonRpcResponseWriter.WriteResult(buffer, request.Id, item, A2AJson.GetTypeInfo<StreamResponse>());
        }

        buffer.Write(EventEnd);
    }

    public void WriteErrorEvent(PooledBufferWriter buffer, A2ARequest request, A2AError error)
    {
        buffer.Write(DataPrefix);
        JsonRpcResponseWriter.WriteError(buffer, request.Id, error);
        buffer.Write(EventEnd);
    }

    public void Release(A2ARequest request) => request.Envelope?.Dispose();
}
