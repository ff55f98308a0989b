using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using A2AGen.Protocol.Serialization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Wire = Lf.A2a.V1;

namespace A2AGen.Hosting;

/// <summary>
/// The protobuf messages of <c>a2a.proto</c> for each operation, and the bridge between them and A2AGen's protocol
/// records. A2AGen's records are ProtoJSON-shaped, so a message crosses through its ProtoJSON form: protobuf →
/// <see cref="JsonFormatter"/> → <see cref="RequestReader"/> (the same reader, checks and field paths as the other
/// bindings), and records → <see cref="A2AJson"/> → <see cref="JsonParser"/> → protobuf.
/// </summary>
internal static class ProtoMessages
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    /// <summary>The request message of an operation's gRPC method.</summary>
    public static MessageDescriptor RequestOf(A2AOperation operation) => operation switch
    {
        A2AOperation.SendMessage or A2AOperation.SendStreamingMessage => Wire.SendMessageRequest.Descriptor,
        A2AOperation.GetTask => Wire.GetTaskRequest.Descriptor,
        A2AOperation.ListTasks => Wire.ListTasksRequest.Descriptor,
        A2AOperation.CancelTask => Wire.CancelTaskRequest.Descriptor,
        A2AOperation.SubscribeToTask => Wire.SubscribeToTaskRequest.Descriptor,
        A2AOperation.CreateTaskPushNotificationConfig => Wire.TaskPushNotificationConfig.Descriptor,
        A2AOperation.GetTaskPushNotificationConfig => Wire.GetTaskPushNotificationConfigRequest.Descriptor,
        A2AOperation.ListTaskPushNotificationConfigs => Wire.ListTaskPushNotificationConfigsRequest.Descriptor,
        A2AOperation.DeleteTaskPushNotificationConfig => Wire.DeleteTaskPushNotificationConfigRequest.Descriptor,
        A2AOperation.GetExtendedAgentCard => Wire.GetExtendedAgentCardRequest.Descriptor,
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    /// <summary>The response message of an operation's gRPC method (a stream's items are <c>StreamResponse</c>).</summary>
    public static MessageDescriptor ResponseOf(A2AOperation operation) => operation switch
    {
        A2AOperation.SendMessage => Wire.SendMessageResponse.Descriptor,
        A2AOperation.SendStreamingMessage or A2AOperation.SubscribeToTask => Wire.StreamResponse.Descriptor,
        A2AOperation.GetTask or A2AOperation.CancelTask => Wire.Task.Descriptor,
        A2AOperation.ListTasks => Wire.ListTasksResponse.Descriptor,
        A2AOperation.GetExtendedAgentCard => Wire.AgentCard.Descriptor,
        A2AOperation.CreateTaskPushNotificationConfig or A2AOperation.GetTaskPushNotificationConfig => Wire.TaskPushNotificationConfig.Descriptor,
        A2AOperation.ListTaskPushNotificationConfigs => Wire.ListTaskPushNotificationConfigsResponse.Descriptor,
        A2AOperation.DeleteTaskPushNotificationConfig => Google.Protobuf.WellKnownTypes.Empty.Descriptor,
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    /// <summary>The tenant field every request message has (<c>TaskPushNotificationConfig</c>'s included).</summary>
    public static string Tenant(IMessage message) =>
        message.Descriptor.FindFieldByName("tenant") is { } field ? field.Accessor.GetValue(message) as string ?? "" : "";

    /// <summary>The request's ProtoJSON form, parsed within <paramref name="maxDepth"/>.</summary>
    public static JsonDocument ToJson(IMessage message, int maxDepth) =>
        JsonDocument.Parse(Formatter.Format(message), new JsonDocumentOptions { MaxDepth = maxDepth });

    /// <summary>A protocol record as the protobuf message <paramref name="descriptor"/> describes.</summary>
    public static IMessage FromRecord<T>(T value, JsonTypeInfo<T> typeInfo, MessageDescriptor descriptor)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);
        return Parser.Parse(Encoding.UTF8.GetString(json), descriptor);
    }

    /// <summary>Writes a length-prefixed gRPC message (flag 0: not compressed; length big-endian).</summary>
    public static void WriteFrame(PooledBufferWriter buffer, IMessage message)
    {
        var size = message.CalculateSize();
        var span = buffer.GetSpan(5 + size);
        span[0] = 0;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(span[1..], (uint)size);
        message.WriteTo(span.Slice(5, size));
        buffer.Advance(5 + size);
    }
}
