using A2AGen.Security;
using A2AGen.Protocol.JsonRpc;

namespace A2AGen.Hosting;

/// <summary>
/// The A2A v0.3 JSON-RPC method names and the 1.0 operations they are (v0.3 has no <c>tasks/list</c> on JSON-RPC).
/// Under 1.0 a 0.3 name is answered -32601 with its 1.0 name.
/// </summary>
internal static class LegacyMethodNames
{
    private static readonly Dictionary<string, (string Current, A2AOperation Operation)> ToCurrent = new(StringComparer.Ordinal)
    {
        ["message/send"] = (A2AMethods.SendMessage, A2AOperation.SendMessage),
        ["message/stream"] = (A2AMethods.SendStreamingMessage, A2AOperation.SendStreamingMessage),
        ["tasks/get"] = (A2AMethods.GetTask, A2AOperation.GetTask),
        ["tasks/list"] = (A2AMethods.ListTasks, A2AOperation.Unknown),
        ["tasks/cancel"] = (A2AMethods.CancelTask, A2AOperation.CancelTask),
        ["tasks/resubscribe"] = (A2AMethods.SubscribeToTask, A2AOperation.SubscribeToTask),
        ["tasks/pushNotificationConfig/set"] = (A2AMethods.CreateTaskPushNotificationConfig, A2AOperation.CreateTaskPushNotificationConfig),
        ["tasks/pushNotificationConfig/get"] = (A2AMethods.GetTaskPushNotificationConfig, A2AOperation.GetTaskPushNotificationConfig),
        ["tasks/pushNotificationConfig/list"] = (A2AMethods.ListTaskPushNotificationConfigs, A2AOperation.ListTaskPushNotificationConfigs),
        ["tasks/pushNotificationConfig/delete"] = (A2AMethods.DeleteTaskPushNotificationConfig, A2AOperation.DeleteTaskPushNotificationConfig),
        ["agent/getAuthenticatedExtendedCard"] = (A2AMethods.GetExtendedAgentCard, A2AOperation.GetExtendedAgentCard),
    };

    /// <summary>The 1.0 operation a 0.3 method name is, or <see cref="A2AOperation.Unknown"/>.</summary>
    public static A2AOperation Operation(string method) => ToCurrent.TryGetValue(method, out var entry) ? entry.Operation : A2AOperation.Unknown;

    public static A2AError Unknown(string method) => ToCurrent.TryGetValue(method, out var entry)
        ? A2AError.MethodNotFound($"'{method}' is an A2A 0.3 method; this server speaks A2A 1.0, where it is '{entry.Current}'.")
        : A2AError.MethodNotFound($"Method '{CallerText.Sanitize(method, 64)}' is not an A2A 1.0 method.");
}
