using A2AGen.Protocol.JsonRpc;

namespace A2AGen.Hosting;

/// <summary>The A2A operations (spec §3.1), independent of the binding that carries them.</summary>
internal enum A2AOperation : byte
{
    /// <summary>Not (yet) known: the request was refused before its operation was read.</summary>
    Unknown,
    SendMessage,
    SendStreamingMessage,
    GetTask,
    ListTasks,
    CancelTask,
    SubscribeToTask,
    CreateTaskPushNotificationConfig,
    GetTaskPushNotificationConfig,
    ListTaskPushNotificationConfigs,
    DeleteTaskPushNotificationConfig,
    GetExtendedAgentCard,
}

/// <summary>Names and kinds of <see cref="A2AOperation"/>.</summary>
internal static class A2AOperations
{
    /// <summary>The operation's A2A name (the JSON-RPC method and gRPC method name); <c>_OTHER</c> when unknown.</summary>
    public static string Name(this A2AOperation operation) => operation switch
    {
        A2AOperation.SendMessage => A2AMethods.SendMessage,
        A2AOperation.SendStreamingMessage => A2AMethods.SendStreamingMessage,
        A2AOperation.GetTask => A2AMethods.GetTask,
        A2AOperation.ListTasks => A2AMethods.ListTasks,
        A2AOperation.CancelTask => A2AMethods.CancelTask,
        A2AOperation.SubscribeToTask => A2AMethods.SubscribeToTask,
        A2AOperation.CreateTaskPushNotificationConfig => A2AMethods.CreateTaskPushNotificationConfig,
        A2AOperation.GetTaskPushNotificationConfig => A2AMethods.GetTaskPushNotificationConfig,
        A2AOperation.ListTaskPushNotificationConfigs => A2AMethods.ListTaskPushNotificationConfigs,
        A2AOperation.DeleteTaskPushNotificationConfig => A2AMethods.DeleteTaskPushNotificationConfig,
        A2AOperation.GetExtendedAgentCard => A2AMethods.GetExtendedAgentCard,
        _ => KnownMethods.Other,
    };

    /// <summary>The operation a JSON-RPC method names, or <see cref="A2AOperation.Unknown"/>.</summary>
    public static A2AOperation FromMethod(string method) => method switch
    {
        A2AMethods.SendMessage => A2AOperation.SendMessage,
        A2AMethods.SendStreamingMessage => A2AOperation.SendStreamingMessage,
        A2AMethods.GetTask => A2AOperation.GetTask,
        A2AMethods.ListTasks => A2AOperation.ListTasks,
        A2AMethods.CancelTask => A2AOperation.CancelTask,
        A2AMethods.SubscribeToTask => A2AOperation.SubscribeToTask,
        A2AMethods.CreateTaskPushNotificationConfig => A2AOperation.CreateTaskPushNotificationConfig,
        A2AMethods.GetTaskPushNotificationConfig => A2AOperation.GetTaskPushNotificationConfig,
        A2AMethods.ListTaskPushNotificationConfigs => A2AOperation.ListTaskPushNotificationConfigs,
        A2AMethods.DeleteTaskPushNotificationConfig => A2AOperation.DeleteTaskPushNotificationConfig,
        A2AMethods.GetExtendedAgentCard => A2AOperation.GetExtendedAgentCard,
        _ => A2AOperation.Unknown,
    };

    /// <summary>Whether the operation carries a message to a skill (routing, passport and skill policy apply).</summary>
    public static bool IsMessage(this A2AOperation operation) => operation is A2AOperation.SendMessage or A2AOperation.SendStreamingMessage;

    /// <summary>Whether the operation is one of the four push-notification-config operations.</summary>
    public static bool IsPushConfig(this A2AOperation operation) => operation is >= A2AOperation.CreateTaskPushNotificationConfig and <= A2AOperation.DeleteTaskPushNotificationConfig;
}
