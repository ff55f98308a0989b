using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using A2AGen.Client;
using A2AGen.Protocol;
using A2AGen.Protocol.JsonRpc;
using A2AGen.Security;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using A2AService = Lf.A2a.V1.A2AService;

namespace A2AGen.Hosting;

/// <summary>
/// The gRPC binding of <see cref="A2AClient"/>: the spec's <c>A2AService</c> stub over a channel to the interface URL,
/// with <c>a2a-version</c> (and <c>a2a-extensions</c>) metadata on every call, server streaming for stream and
/// subscribe, and errors read from the status and its <c>grpc-status-details-bin</c> (<c>google.rpc.Status</c> with
/// <c>ErrorInfo</c>) into the same <see cref="A2AClientException"/> a JSON-RPC error gives.
/// </summary>
internal sealed class GrpcTransport : A2AClientTransport
{
    private const string StatusDetailsKey = "grpc-status-details-bin";
    private static readonly ActivitySource Source = new(A2AClient.ActivitySourceName);

    private readonly A2AService.A2AServiceClient _client;
    private readonly GrpcRetry _retry;

    public GrpcTransport(GrpcChannel channel, Uri endpoint, RequestSigner? signer, A2ARetryOptions? retry = null)
        : base(AgentInterface.GrpcBinding, endpoint)
    {
        _retry = new GrpcRetry(retry ?? A2ARetryOptions.Disabled);
        var invoker = signer is null ? channel.CreateCallInvoker() : channel.Intercept(new GrpcSigningInterceptor(signer, endpoint));
        _client = new A2AService.A2AServiceClient(invoker);
    }

    public override Task<SendMessageResponse> SendMessageAsync(SendMessageRequest request, A2ACallOptions call, CancellationToken cancellationToken) =>
        UnaryAsync<SendMessageRequest, Lf.A2a.V1.SendMessageRequest, Lf.A2a.V1.SendMessageResponse, SendMessageResponse>(
            A2AMethods.SendMessage, request, (r, o) => _client.SendMessageAsync(r, o), call, cancellationToken);

    public override IAsyncEnumerable<StreamResponse> SendStreamingMessageAsync(SendMessageRequest request, A2ACallOptions call, CancellationToken cancellationToken) =>
        StreamAsync<SendMessageRequest, Lf.A2a.V1.SendMessageRequest>(A2AMethods.SendStreamingMessage, request, (r, o) => _client.SendStreamingMessage(r, o), call, cancellationToken);

    public override Task<AgentTask> GetTaskAsync(GetTaskRequest request, A2ACallOptions call, CancellationToken cancellationToken) =>
        UnaryAsync<GetTaskRequest, Lf.A2a.V1.GetTaskRequest, Lf.A2a.V1.Task, AgentTask>(
            A2AMethods.GetTask, request, (r, o) => _client.GetTaskAsync(r, o), call, cancellationToken);

    public override Task<ListTasksResponse> ListTasksAsync(ListTasksRequest request, A2ACallOptions call, CancellationToken cancellationToken) =>
        UnaryAsync<ListTasksRequest, Lf.A2a.V1.ListTasksRequest, Lf.A2a.V1.ListTasksResponse, ListTasksResponse>(
            A2AMethods.ListTasks, request, (r, o) => _client.ListTasksAsync(r, o), call, cancellationToken);

    public override Task<AgentTask> CancelTaskAsync(CancelTaskRequest request, A2ACallOptions call, CancellationToken cancellationToken) =>
        UnaryAsync<CancelTaskRequest, Lf.A2a.V1.CancelTaskRequest, Lf.A2a.V1.Task, AgentTask>(
            A2AMethods.CancelTask, request, (r, o) => _client.CancelTaskAsync(r, o), call, cancellationToken);

    public override IAsyncEnumerable<StreamResponse> SubscribeToTaskAsync(SubscribeToTaskRequest request, A2ACallOptions call, CancellationToken cancellationToken) =>
        StreamAsync<SubscribeToTaskRequest, Lf.A2a.V1.SubscribeToTaskRequest>(A2AMethods.SubscribeToTask, request, (r, o) => _client.SubscribeToTask(r, o), call, cancellationToken);

    public override Task<TaskPushNotificationConfig> CreateTaskPushNotificationConfigAsync(TaskPushNotificationConfig config, A2ACallOptions call, CancellationToken cancellationToken) =>
        UnaryAsync<TaskPushNotificationConfig, Lf.A2a.V1.TaskPushNotificationConfig, Lf.A2a.V1.TaskPushNotificationConfig, TaskPushNotificationConfig>(
            A2AMethods.CreateTaskPushNotificationConfig, config, (r, o) => _client.CreateTaskPushNotificationConfigAsync(r, o), call, cancellationToken);

    public override Task<AgentCard> GetExtendedAgentCardAsync(GetExtendedAgentCardRequest request, A2ACallOptions call, CancellationToken cancellationToken) =>
        UnaryAsync<GetExtendedAgentCardRequest, Lf.A2a.V1.GetExtendedAgentCardRequest, Lf.A2a.V1.AgentCard, AgentCard>(
            A2AMethods.GetExtendedAgentCard, request, (r, o) => _client.GetExtendedAgentCardAsync(r, o), call, cancellationToken);

    private async Task<TResult> UnaryAsync<TModel, TProto, TReply, TResult>(string method, TModel request, Func<TProto, CallOptions, AsyncUnaryCall<TReply>> invoke, A2ACallOptions call, CancellationToken cancellationToken)
        where TProto : IMessage<TProto>, new()
        where TReply : IMessage<TReply>
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = StartActivity(method);
        try
        {
            TReply reply;
            try
            {
                reply = await _retry.RunAsync(
                    token => invoke(ToProto<TModel, TProto>(request, method), Options(call, token)).ResponseAsync,
                    retry: method != A2AMethods.CreateTaskPushNotificationConfig, Endpoint, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException ex)
            {
                throw ErrorOf(method, ex, cancellationToken);
            }

            return FromProto<TResult>(reply, method);
        }
        catch (A2AClientException ex)
        {
            Failed(activity, ex);
            throw;
        }
    }

    private async IAsyncEnumerable<StreamResponse> StreamAsync<TModel, TProto>(string method, TModel request, Func<TProto, CallOptions, AsyncServerStreamingCall<Lf.A2a.V1.StreamResponse>> invoke, A2ACallOptions call, [EnumeratorCancellation] CancellationToken cancellationToken)
        where TProto : IMessage<TProto>, new()
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = StartActivity(method);
        using var stream = invoke(ToProto<TModel, TProto>(request, method), Options(call, cancellationToken));
        while (true)
        {
            bool more;
            try
            {
                more = await stream.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException ex)
            {
                var error = ErrorOf(method, ex, cancellationToken);
                Failed(activity, error);
                throw error;
            }

            if (!more)
            {
                yield break;
            }

            yield return FromProto<StreamResponse>(stream.ResponseStream.Current, method);
        }
    }

    private static CallOptions Options(A2ACallOptions call, CancellationToken cancellationToken)
    {
        var headers = new Metadata { { "a2a-version", A2AProtocol.Version } };
        if (call.BearerToken is { Length: > 0 } token)
        {
            headers.Add("authorization", "Bearer " + token);
        }

        if (call.Extensions is { } extensions)
        {
            headers.Add("a2a-extensions", extensions);
        }

        return new CallOptions(headers, cancellationToken: cancellationToken);
    }

    private static TProto ToProto<TModel, TProto>(TModel request, string method)
        where TProto : IMessage<TProto>, new()
    {
        try
        {
            return ProtoJsonBridge.ToProto<TModel, TProto>(request);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException)
        {
            // The model allows what the proto cannot carry (e.g. a part with two kinds of content).
            throw new ArgumentException($"The {method} request cannot be written as its a2a.proto message: {ex.Message}", nameof(request), ex);
        }
    }

    private static TResult FromProto<TResult>(IMessage reply, string method)
    {
        try
        {
            return ProtoJsonBridge.FromProto<TResult>(reply)
                ?? throw new A2AClientException($"{method}: the result is null.", JsonRpcErrorCodes.InvalidAgentResponse, "INVALID_RESPONSE");
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new A2AClientException($"{method}: the result does not fit the A2A 1.0 schema: {ex.Message}", JsonRpcErrorCodes.InvalidAgentResponse, "INVALID_RESPONSE", innerException: ex);
        }
    }

    private A2AClientException ErrorOf(string method, RpcException ex, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var details = ex.Trailers.GetValueBytes(StatusDetailsKey) is { } bytes ? ReadDetails(bytes) : default;
        if (details.Reason is null && ex.StatusCode == StatusCode.Unavailable && ex.Status.DebugException is not null)
        {
            return new A2AClientException($"Could not reach the agent at {Endpoint}: {ex.Status.Detail}", reason: "AGENT_UNREACHABLE", innerException: ex);
        }

        return A2AClientException.FromStatus(method, StatusName(ex.StatusCode), ex.Status.Detail, details.Reason, details.Domain, details.Metadata, details.Field, innerException: ex);
    }

    private static (string? Reason, string? Domain, Dictionary<string, string>? Metadata, string? Field) ReadDetails(byte[] bytes)
    {
        try
        {
            var status = Google.Rpc.Status.Parser.ParseFrom(bytes);
            string? reason = null, domain = null, field = null;
            Dictionary<string, string>? metadata = null;
            foreach (var detail in status.Details)
            {
                if (detail.TryUnpack<Google.Rpc.ErrorInfo>(out var info))
                {
                    reason = info.Reason.Length == 0 ? null : info.Reason;
                    domain = info.Domain.Length == 0 ? null : info.Domain;
                    metadata = new Dictionary<string, string>(info.Metadata, StringComparer.Ordinal);
                }
                else if (detail.TryUnpack<Google.Rpc.BadRequest>(out var badRequest) && badRequest.FieldViolations.Count > 0)
                {
                    field = badRequest.FieldViolations[0].Field;
                }
            }

            return (reason, domain, metadata, field);
        }
        catch (InvalidProtocolBufferException)
        {
            return default; // unreadable details: the status code and message still say what failed
        }
    }

    // google.rpc.Code names, as HTTP+JSON spells them in google.rpc.Status.status.
    private static string StatusName(StatusCode code) => code switch
    {
        StatusCode.OK => "OK",
        StatusCode.Cancelled => "CANCELLED",
        StatusCode.Unknown => "UNKNOWN",
        StatusCode.InvalidArgument => "INVALID_ARGUMENT",
        StatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        StatusCode.NotFound => "NOT_FOUND",
        StatusCode.AlreadyExists => "ALREADY_EXISTS",
        StatusCode.PermissionDenied => "PERMISSION_DENIED",
        StatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        StatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        StatusCode.Aborted => "ABORTED",
        StatusCode.OutOfRange => "OUT_OF_RANGE",
        StatusCode.Unimplemented => "UNIMPLEMENTED",
        StatusCode.Internal => "INTERNAL",
        StatusCode.Unavailable => "UNAVAILABLE",
        StatusCode.DataLoss => "DATA_LOSS",
        StatusCode.Unauthenticated => "UNAUTHENTICATED",
        _ => "UNKNOWN",
    };

    private Activity? StartActivity(string method)
    {
        var activity = Source.StartActivity("A2A " + method, ActivityKind.Client);
        if (activity is not null)
        {
            activity.SetTag("rpc.system", "grpc");
            activity.SetTag("rpc.method", method);
            activity.SetTag("server.address", Endpoint.Host);
        }

        return activity;
    }

    private static void Failed(Activity? activity, A2AClientException error)
    {
        activity?.SetStatus(ActivityStatusCode.Error, error.Reason ?? error.Message);
        activity?.SetTag("error.type", error.Reason ?? error.Status ?? "GRPC");
    }
}
