namespace A2AGen.Protocol.JsonRpc;

/// <summary>A2A v1.0 JSON-RPC method names (spec §5.3).</summary>
public static class A2AMethods
{
    /// <summary>Send a message.</summary>
    public const string SendMessage = "SendMessage";

    /// <summary>Send a message and stream updates (SSE).</summary>
    public const string SendStreamingMessage = "SendStreamingMessage";

    /// <summary>Get a task.</summary>
    public const string GetTask = "GetTask";

    /// <summary>List tasks.</summary>
    public const string ListTasks = "ListTasks";

    /// <summary>Cancel a task.</summary>
    public const string CancelTask = "CancelTask";

    /// <summary>Stream updates of an existing task (SSE).</summary>
    public const string SubscribeToTask = "SubscribeToTask";

    /// <summary>Create a push notification config.</summary>
    public const string CreateTaskPushNotificationConfig = "CreateTaskPushNotificationConfig";

    /// <summary>Get a push notification config.</summary>
    public const string GetTaskPushNotificationConfig = "GetTaskPushNotificationConfig";

    /// <summary>List push notification configs.</summary>
    public const string ListTaskPushNotificationConfigs = "ListTaskPushNotificationConfigs";

    /// <summary>Delete a push notification config.</summary>
    public const string DeleteTaskPushNotificationConfig = "DeleteTaskPushNotificationConfig";

    /// <summary>Get the authenticated extended card.</summary>
    public const string GetExtendedAgentCard = "GetExtendedAgentCard";
}
