using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace A2AGen.Hosting;

/// <summary>
/// The HTTP+JSON route table (spec §11.3, <c>a2a.proto</c>'s <c>google.api.http</c> options), each route also under
/// <c>/{tenant}/</c>. <c>SubscribeToTask</c> answers both GET (the proto) and POST (the spec text); the JS SDK's client
/// sends POST.
/// </summary>
internal static class RestRoutes
{
    /// <summary>The routes: HTTP methods, template (relative to the agent's path) and operation.</summary>
    public static readonly (string[] Methods, string Template, A2AOperation Operation)[] Table =
    [
        ([HttpMethods.Post], "message:send", A2AOperation.SendMessage),
        ([HttpMethods.Post], "message:stream", A2AOperation.SendStreamingMessage),
        ([HttpMethods.Get], "tasks/{id}", A2AOperation.GetTask),
        ([HttpMethods.Get], "tasks", A2AOperation.ListTasks),
        ([HttpMethods.Post], "tasks/{id}:cancel", A2AOperation.CancelTask),
        ([HttpMethods.Get, HttpMethods.Post], "tasks/{id}:subscribe", A2AOperation.SubscribeToTask),
        ([HttpMethods.Post], "tasks/{taskId}/pushNotificationConfigs", A2AOperation.CreateTaskPushNotificationConfig),
        ([HttpMethods.Get], "tasks/{taskId}/pushNotificationConfigs/{configId}", A2AOperation.GetTaskPushNotificationConfig),
        ([HttpMethods.Get], "tasks/{taskId}/pushNotificationConfigs", A2AOperation.ListTaskPushNotificationConfigs),
        ([HttpMethods.Delete], "tasks/{taskId}/pushNotificationConfigs/{configId}", A2AOperation.DeleteTaskPushNotificationConfig),
        ([HttpMethods.Get], "extendedAgentCard", A2AOperation.GetExtendedAgentCard),
    ];

    /// <summary>Maps every route, and its tenant form, onto the agent's route group.</summary>
    public static void Map(RouteGroupBuilder group, MappedAgent agent)
    {
        foreach (var (methods, template, operation) in Table)
        {
            var binding = new RestBinding(operation);
            RequestDelegate handler = context => binding.HandleAsync(context, agent.Host);
            group.MapMethods(template, methods, handler).WithDisplayName($"A2A HTTP+JSON {operation.Name()} {agent.Registration.AgentId}");
            group.MapMethods("{tenant}/" + template, methods, handler).WithDisplayName($"A2A HTTP+JSON {operation.Name()} (tenant) {agent.Registration.AgentId}");
        }
    }
}
