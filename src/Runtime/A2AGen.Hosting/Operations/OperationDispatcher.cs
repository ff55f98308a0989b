using System.Text.Json.Serialization.Metadata;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Hosting;

/// <summary>
/// Connects the pipeline to the operations: the params stage (the binding decodes the typed request, the operation
/// validates it) and the dispatch stage (the operation runs; the binding encodes its typed result).
/// </summary>
internal static class OperationDispatcher
{
    /// <summary>Params stage.</summary>
    public static A2AError? Decode(A2ARequest request)
    {
        var agent = request.Agent;
        switch (request.Operation)
        {
            case A2AOperation.SendStreamingMessage when !agent.SupportsStreaming:
                return A2AError.UnsupportedOperation($"Agent '{agent.AgentId}' does not stream (capabilities.streaming is false); use SendMessage.");
            case A2AOperation.SubscribeToTask when !agent.SupportsStreaming:
                return A2AError.UnsupportedOperation($"Agent '{agent.AgentId}' does not stream (capabilities.streaming is false); poll with GetTask.");
            case A2AOperation.GetExtendedAgentCard:
                return null;
            case var push when push.IsPushConfig() && !agent.SupportsPushNotifications:
                return null; // answered PushNotificationNotSupportedError at dispatch, after the security stages
            case var push when push.IsPushConfig() && request.IsV03:
                return A2AError.UnsupportedOperation("Push-notification configurations are served over A2A 1.0 only; send A2A-Version: 1.0 with the 1.0 method names.");
        }

        var error = request.Binding.Decode(request);
        if (error is not null)
        {
            return error;
        }

        return request.Input switch
        {
            SendMessageRequest send => SendMessageOperation.Validate(request, send),
            GetTaskRequest get => TaskOperations.ValidateGet(request, get),
            ListTasksRequest list => TaskOperations.ValidateList(request, list),
            CancelTaskRequest cancel => TaskOperations.CheckId(request, cancel.Id),
            SubscribeToTaskRequest subscribe => TaskOperations.CheckId(request, subscribe.Id),
            _ when request.Operation.IsPushConfig() => PushConfigOperations.Validate(request),
            _ => null,
        };
    }

    /// <summary>Dispatch stage.</summary>
    public static async ValueTask<A2AError?> DispatchAsync(A2ARequest request)
    {
        switch (request.Operation)
        {
            case A2AOperation.SendMessage:
                return await EncodeAsync(request, await IdempotentSendOperation.SendAsync(request, (SendMessageRequest)request.Input!, streaming: false).ConfigureAwait(false), A2AJson.GetTypeInfo<SendMessageResponse>()).ConfigureAwait(false);
            case A2AOperation.SendStreamingMessage:
                return await EncodeAsync(request, await IdempotentSendOperation.SendAsync(request, (SendMessageRequest)request.Input!, streaming: true).ConfigureAwait(false), A2AJson.GetTypeInfo<SendMessageResponse>()).ConfigureAwait(false);
            case A2AOperation.GetTask:
                return await EncodeAsync(request, await TaskOperations.GetAsync(request, (GetTaskRequest)request.Input!).ConfigureAwait(false), A2AJson.GetTypeInfo<AgentTask>()).ConfigureAwait(false);
            case A2AOperation.ListTasks:
                return await EncodeAsync(request, await TaskOperations.ListAsync(request, (ListTasksRequest)request.Input!).ConfigureAwait(false), A2AJson.GetTypeInfo<ListTasksResponse>()).ConfigureAwait(false);
            case A2AOperation.CancelTask:
                return await EncodeAsync(request, await TaskOperations.CancelAsync(request, (CancelTaskRequest)request.Input!).ConfigureAwait(false), A2AJson.GetTypeInfo<AgentTask>()).ConfigureAwait(false);
            case A2AOperation.SubscribeToTask:
                return await TaskOperations.SubscribeAsync(request, (SubscribeToTaskRequest)request.Input!).ConfigureAwait(false);
            case A2AOperation.GetExtendedAgentCard:
                return await EncodeAsync(request, ExtendedCardOperation.Get(request), A2AJson.GetTypeInfo<AgentCard>()).ConfigureAwait(false);
            case var push when push.IsPushConfig() && !request.Agent.SupportsPushNotifications:
                return A2AError.PushNotificationNotSupported();
            case A2AOperation.CreateTaskPushNotificationConfig:
                return await EncodeAsync(request, await PushConfigOperations.CreateAsync(request, (TaskPushNotificationConfig)request.Input!).ConfigureAwait(false), A2AJson.GetTypeInfo<TaskPushNotificationConfig>()).ConfigureAwait(false);
            case A2AOperation.GetTaskPushNotificationConfig:
                return await EncodeAsync(request, await PushConfigOperations.GetAsync(request, (GetTaskPushNotificationConfigRequest)request.Input!).ConfigureAwait(false), A2AJson.GetTypeInfo<TaskPushNotificationConfig>()).ConfigureAwait(false);
            case A2AOperation.ListTaskPushNotificationConfigs:
                return await EncodeAsync(request, await PushConfigOperations.ListAsync(request, (ListTaskPushNotificationConfigsRequest)request.Input!).ConfigureAwait(false), A2AJson.GetTypeInfo<ListTaskPushNotificationConfigsResponse>()).ConfigureAwait(false);
            case A2AOperation.DeleteTaskPushNotificationConfig:
                return await EncodeAsync(request, await PushConfigOperations.DeleteAsync(request, (DeleteTaskPushNotificationConfigRequest)request.Input!).ConfigureAwait(false), V03Responses.NodeTypeInfo).ConfigureAwait(false);
            default:
                throw new InvalidOperationException($"Operation {request.Operation} reached dispatch.");
        }
    }

    private static async ValueTask<A2AError?> EncodeAsync<T>(A2ARequest request, OperationResult<T> result, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (result.Error is not null)
        {
            return result.Error;
        }

        if (result.Value is { } value)
        {
            await request.Binding.WriteResultAsync(request, value, typeInfo).ConfigureAwait(false);
        }

        return null;
    }
}
