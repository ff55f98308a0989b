using A2AGen.Security;
using A2AGen.Protocol.JsonRpc;

namespace A2AGen.Hosting;

/// <summary>The A2A v0.3 JSON-RPC method names, so a v0.3 call is answered -32601 with its 1.0 name.</summary>
internal static class LegacyMethodNames
{
    private static readonly Dictionary<string, string> ToCurrent = new(StringComparer.Ordinal)
    {
        ["message/send"] = A2AMethods.SendMessage,
        ["message/stream"] = A2AMethods.SendStreamingMessage,
        ["tasks/get"] = A2AMethods.GetTask,
        ["tasks/list"] = A2AMethods.ListTasks,
        ["tasks/cancel"] = A2AMethods.CancelTask,
        ["tasks/resubscribe"] = A2AMethods.SubscribeToTask,
        ["tasks/pushNotificationConfig/set"] = A2AMethods.CreateTaskPushNotificationConfig,
        ["tasks/pushNotificationConfig/get"] = A2AMethods.GetTaskPushNotificationConfig,
        ["tasks/pushNotificationConfig/list"] = A2AMethods.ListTaskPushNotificationConfigs,
        ["tasks/pushNotificationConfig/delete"] = A2AMethods.DeleteTaskPushNotificationConfig,
        ["agent/getAuthenticatedExtendedCard"] = A2AMethods.GetExtendedAgentCard,
    };

    public static A2AError Unknown(string method) => ToCurrent.TryGetValue(method, out var current)
        ? A2AError.MethodNotFound($"'{method}' is an A2A 0.3 method; this server speaks A2A 1.0, where it is '{current}'.")
        : A2AError.MethodNotFound($"Method '{CallerText.Sanitize(method, 64)}' is not an A2A 1.0 method.");
}
