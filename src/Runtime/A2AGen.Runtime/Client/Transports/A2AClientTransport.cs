using A2AGen.Protocol;

namespace A2AGen.Client;

/// <summary>
/// One A2A protocol binding as <see cref="A2AClient"/> speaks it: every operation, typed, over one agent interface.
/// The runtime brings JSON-RPC and HTTP+JSON; <c>A2AGen.Hosting</c> adds gRPC. A transport reports every failure as an
/// <see cref="A2AClientException"/> with the same <see cref="A2AClientException.Code"/>, reason, domain, field and
/// metadata a JSON-RPC error of the same kind carries, so callers handle errors the same way on every binding. Requests
/// arrive with their tenant already filled in from the interface. Thread-safe implementations; one per interface.
/// </summary>
public abstract class A2AClientTransport
{
    /// <summary>Creates a transport for one interface.</summary>
    /// <param name="protocolBinding">The binding's card name (<c>JSONRPC</c>, <c>HTTP+JSON</c>, <c>GRPC</c>).</param>
    /// <param name="endpoint">The interface URL as the card lists it.</param>
    protected A2AClientTransport(string protocolBinding, Uri endpoint)
    {
        ArgumentException.ThrowIfNullOrEmpty(protocolBinding);
        ArgumentNullException.ThrowIfNull(endpoint);
        ProtocolBinding = protocolBinding;
        Endpoint = endpoint;
    }

    /// <summary>The binding's card name.</summary>
    public string ProtocolBinding { get; }

    /// <summary>The interface URL as the card lists it: what request signatures and passports name as their audience.</summary>
    public Uri Endpoint { get; }

    /// <summary><c>SendMessage</c>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="call">Per-call settings.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public abstract Task<SendMessageResponse> SendMessageAsync(SendMessageRequest request, A2ACallOptions call, CancellationToken cancellationToken);

    /// <summary><c>SendStreamingMessage</c>: the events as they arrive.</summary>
    /// <param name="request">The request.</param>
    /// <param name="call">Per-call settings.</param>
    /// <param name="cancellationToken">Cancellation (closes the stream).</param>
    public abstract IAsyncEnumerable<StreamResponse> SendStreamingMessageAsync(SendMessageRequest request, A2ACallOptions call, CancellationToken cancellationToken);

    /// <summary><c>GetTask</c>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="call">Per-call settings.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public abstract Task<AgentTask> GetTaskAsync(GetTaskRequest request, A2ACallOptions call, CancellationToken cancellationToken);

    /// <summary><c>ListTasks</c>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="call">Per-call settings.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public abstract Task<ListTasksResponse> ListTasksAsync(ListTasksRequest request, A2ACallOptions call, CancellationToken cancellationToken);

    /// <summary><c>CancelTask</c>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="call">Per-call settings.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public abstract Task<AgentTask> CancelTaskAsync(CancelTaskRequest request, A2ACallOptions call, CancellationToken cancellationToken);

    /// <summary><c>SubscribeToTask</c>: the task's current state, then every change.</summary>
    /// <param name="request">The request.</param>
    /// <param name="call">Per-call settings.</param>
    /// <param name="cancellationToken">Cancellation (closes the stream).</param>
    public abstract IAsyncEnumerable<StreamResponse> SubscribeToTaskAsync(SubscribeToTaskRequest request, A2ACallOptions call, CancellationToken cancellationToken);

    /// <summary><c>CreateTaskPushNotificationConfig</c>.</summary>
    /// <param name="config">The configuration (its task id set).</param>
    /// <param name="call">Per-call settings.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public abstract Task<TaskPushNotificationConfig> CreateTaskPushNotificationConfigAsync(TaskPushNotificationConfig config, A2ACallOptions call, CancellationToken cancellationToken);

    /// <summary><c>GetExtendedAgentCard</c>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="call">Per-call settings.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public abstract Task<AgentCard> GetExtendedAgentCardAsync(GetExtendedAgentCardRequest request, A2ACallOptions call, CancellationToken cancellationToken);
}
