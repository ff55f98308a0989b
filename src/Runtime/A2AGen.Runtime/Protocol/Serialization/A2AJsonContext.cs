using System.Text.Json;
using System.Text.Json.Serialization;
using A2AGen.Protocol.JsonRpc;

namespace A2AGen.Protocol.Serialization;

/// <summary>
/// Source-generated JSON metadata for every protocol type (AOT and trim safe). Use it through
/// <see cref="A2AJson"/>, which adds the ProtoJSON rules (omit empty values, read snake_case).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(ProtoTimestampConverter)],
    MaxDepth = 64)]
[JsonSerializable(typeof(AgentCard))]
[JsonSerializable(typeof(AgentTask))]
[JsonSerializable(typeof(Message))]
[JsonSerializable(typeof(Part))]
[JsonSerializable(typeof(StreamResponse))]
[JsonSerializable(typeof(SendMessageRequest))]
[JsonSerializable(typeof(SendMessageResponse))]
[JsonSerializable(typeof(GetTaskRequest))]
[JsonSerializable(typeof(ListTasksRequest))]
[JsonSerializable(typeof(ListTasksResponse))]
[JsonSerializable(typeof(CancelTaskRequest))]
[JsonSerializable(typeof(SubscribeToTaskRequest))]
[JsonSerializable(typeof(GetExtendedAgentCardRequest))]
[JsonSerializable(typeof(TaskPushNotificationConfig))]
[JsonSerializable(typeof(GetTaskPushNotificationConfigRequest))]
[JsonSerializable(typeof(DeleteTaskPushNotificationConfigRequest))]
[JsonSerializable(typeof(ListTaskPushNotificationConfigsRequest))]
[JsonSerializable(typeof(ListTaskPushNotificationConfigsResponse))]
[JsonSerializable(typeof(TaskStatusUpdateEvent))]
[JsonSerializable(typeof(TaskArtifactUpdateEvent))]
[JsonSerializable(typeof(ErrorInfo))]
[JsonSerializable(typeof(ErrorInfo[]))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, JsonElement>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class A2AJsonContext : JsonSerializerContext
{
}
