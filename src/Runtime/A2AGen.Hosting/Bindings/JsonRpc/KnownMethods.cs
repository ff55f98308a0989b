using A2AGen.Protocol.JsonRpc;

namespace A2AGen.Hosting;

/// <summary>
/// The method name as telemetry records it: A2A 1.0 and 0.3 names as they are, anything else <c>_OTHER</c>, so a
/// caller inventing method names cannot grow metric series or log dimensions without bound.
/// </summary>
internal static class KnownMethods
{
    public const string Other = "_OTHER";

    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        A2AMethods.SendMessage,
        A2AMethods.SendStreamingMessage,
        A2AMethods.GetTask,
        A2AMethods.ListTasks,
        A2AMethods.CancelTask,
        A2AMethods.SubscribeToTask,
        A2AMethods.CreateTaskPushNotificationConfig,
        A2AMethods.GetTaskPushNotificationConfig,
        A2AMethods.ListTaskPushNotificationConfigs,
        A2AMethods.DeleteTaskPushNotificationConfig,
        A2AMethods.GetExtendedAgentCard,
        "message/send",
        "message/stream",
        "tasks/get",
        "tasks/list",
        "tasks/cancel",
        "tasks/resubscribe",
        "tasks/pushNotificationConfig/set",
        "tasks/pushNotificationConfig/get",
        "tasks/pushNotificationConfig/list",
        "tasks/pushNotificationConfig/delete",
        "agent/getAuthenticatedExtendedCard",
    };

    public static string ForTelemetry(string method) => Names.TryGetValue(method, out var known) ? known : Other;
}
