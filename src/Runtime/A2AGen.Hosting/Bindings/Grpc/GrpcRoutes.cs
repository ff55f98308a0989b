using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace A2AGen.Hosting;

/// <summary>
/// The gRPC routes: <c>POST /lf.a2a.v1.A2AService/{method}</c>, mapped once for the host (gRPC method paths carry no
/// agent path). A call is served by the agent whose gRPC endpoint it came in through (<see cref="GrpcListeners"/>);
/// on any other endpoint, or for a method the service does not define, it is answered <c>UNIMPLEMENTED</c>.
/// </summary>
internal static class GrpcRoutes
{
    public static void Map(IEndpointRouteBuilder endpoints, A2AEndpointRegistry registry)
    {
        endpoints.MapPost("/" + GrpcBinding.ServiceName + "/{method}", context => HandleAsync(context, registry))
            .WithDisplayName("A2A gRPC " + GrpcBinding.ServiceName);
    }

    private static Task HandleAsync(HttpContext http, A2AEndpointRegistry registry)
    {
        var agent = registry.GrpcAgentFor(http);
        var method = http.Request.RouteValues["method"] as string ?? "";
        if (agent is null || GrpcBinding.ForMethod(method) is not { } binding)
        {
            var response = http.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = GrpcBinding.ContentType;
            GrpcStatus.Write(response.Headers, GrpcStatus.Unimplemented, agent is null
                ? "No A2A agent serves gRPC on this endpoint; use the gRPC interface URL of the agent's card."
                : $"{GrpcBinding.ServiceName} has no method '{A2AGen.Security.CallerText.Sanitize(method, 64)}'.");
            return Task.CompletedTask;
        }

        return binding.HandleAsync(http, agent.Host);
    }
}
