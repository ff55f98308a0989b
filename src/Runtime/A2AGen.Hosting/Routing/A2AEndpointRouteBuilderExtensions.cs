using System.Diagnostics.CodeAnalysis;
using A2AGen;
using A2AGen.Hosting;
using A2AGen.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps A2AGen agents onto ASP.NET Core endpoints.</summary>
public static class A2AEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps an agent at <paramref name="path"/> with every binding (<see cref="A2ABindings.All"/>): the JSON-RPC endpoint
    /// (POST <c>{path}</c>), the HTTP+JSON routes (<c>{path}/message:send</c>, <c>{path}/tasks/{id}</c>, …, also under
    /// <c>{path}/{tenant}/</c>), gRPC (<c>/lf.a2a.v1.A2AService/{Method}</c> on the agent's own HTTP/2 endpoint,
    /// <see cref="A2AAgentOptions.GrpcUrl"/>), its signed card (GET <c>{path}/.well-known/agent-card.json</c>) and its public keys
    /// (GET <c>{path}/.well-known/jwks.json</c>). Call <c>AddA2AAgent&lt;TAgent&gt;()</c> first. The agent's keys and
    /// options are loaded when the host starts, so key and configuration problems stop the start with a message that
    /// says what to fix (one line and an exit code with <c>RunA2AAsync()</c>). The returned builder applies conventions
    /// (authorization, CORS, rate limiting, host filtering) to all of these endpoints.
    /// </summary>
    /// <typeparam name="TAgent">A generated agent class.</typeparam>
    /// <param name="endpoints">The application.</param>
    /// <param name="path">The agent's base path, e.g. <c>/agents/currency</c> (or <c>/</c>).</param>
    /// <exception cref="InvalidOperationException">The agent is not registered or the path is taken.</exception>
    /// <exception cref="ArgumentException">The path is not a plain absolute path.</exception>
    public static IEndpointConventionBuilder MapA2AAgent<TAgent>(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string path)
        where TAgent : class, IA2AAgent =>
        MapA2AAgent<TAgent>(endpoints, path, A2ABindings.All);

    /// <summary>
    /// Maps an agent at <paramref name="path"/> serving the chosen <paramref name="bindings"/> (see
    /// <see cref="MapA2AAgent{TAgent}(IEndpointRouteBuilder, string)"/>); its card lists exactly those.
    /// </summary>
    /// <typeparam name="TAgent">A generated agent class.</typeparam>
    /// <param name="endpoints">The application.</param>
    /// <param name="path">The agent's base path, e.g. <c>/agents/currency</c> (or <c>/</c>).</param>
    /// <param name="bindings">The bindings to serve (at least one).</param>
    /// <exception cref="InvalidOperationException">The agent is not registered or the path is taken.</exception>
    /// <exception cref="ArgumentException">The path is not a plain absolute path, or no binding is chosen.</exception>
    public static IEndpointConventionBuilder MapA2AAgent<TAgent>(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string path, A2ABindings bindings)
        where TAgent : class, IA2AAgent
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if ((bindings & A2ABindings.All) == 0 || (bindings & ~A2ABindings.All) != 0)
        {
            throw new ArgumentException($"Choose at least one of the bindings {A2ABindings.JsonRpc}, {A2ABindings.HttpJson} and {A2ABindings.Grpc} (got {bindings}).", nameof(bindings));
        }

        var normalized = NormalizePath(path);
        var services = endpoints.ServiceProvider;
        var registration = services.GetServices<A2AAgentRegistration>().FirstOrDefault(r => r.AgentType == typeof(TAgent))
            ?? throw new InvalidOperationException(
                $"MapA2AAgent<{typeof(TAgent).Name}>(\"{path}\"): the agent is not registered. Call builder.Services.AddA2AAgent<{typeof(TAgent).Name}>() before mapping it.");

        // Keys, options and the card are read when the host starts (A2AStartup), where a problem is a startup error.
        var registry = services.GetRequiredService<A2AEndpointRegistry>();
        var agent = registry.Claim(normalized, registration, bindings);
        var group = endpoints.MapGroup(normalized);
        if (bindings.HasFlag(A2ABindings.JsonRpc))
        {
            group.MapPost("", context => JsonRpcBinding.HandleAsync(context, agent.Host))
                .WithDisplayName($"A2A JSON-RPC {registration.AgentId}");
        }

        if (bindings.HasFlag(A2ABindings.HttpJson))
        {
            RestRoutes.Map(group, agent);
        }

        // gRPC method paths carry no agent path: one set of routes serves every agent, each on its own endpoint.
        if (bindings.HasFlag(A2ABindings.Grpc) && registry.ClaimGrpcRoutes())
        {
            GrpcRoutes.Map(endpoints, registry);
        }

        group.MapMethods(A2AProtocol.AgentCardPath, [HttpMethods.Get, HttpMethods.Head], context => AgentCardEndpoint.HandleAsync(context, agent.Host.Cards, agent.Host.Options.CardCacheDuration))
            .WithDisplayName($"A2A Agent Card {registration.AgentId}");
        group.MapMethods(A2AProtocol.JwksPath, [HttpMethods.Get, HttpMethods.Head], context => agent.Host.Jwks.HandleAsync(context, agent.Host.Options.CardCacheDuration))
            .WithDisplayName($"A2A JWKS {registration.AgentId}");
        return group;
    }

    /// <summary><c>/agents/currency/</c> → <c>/agents/currency</c>; refuses route parameters, queries and dot segments.</summary>
    internal static string NormalizePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.Length > 1 ? path.TrimEnd('/') : path;
        if (!trimmed.StartsWith('/'))
        {
            throw new ArgumentException($"The agent path '{path}' must start with '/', e.g. /agents/currency.", nameof(path));
        }

        foreach (var segment in trimmed.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment is "." or ".." || segment.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')))
            {
                throw new ArgumentException(
                    $"The agent path '{path}' may only contain segments of letters, digits, '-', '_', '.', '~' (no route parameters, query or '..').", nameof(path));
            }
        }

        if (trimmed.Contains("//", StringComparison.Ordinal))
        {
            throw new ArgumentException($"The agent path '{path}' has an empty segment.", nameof(path));
        }

        return trimmed;
    }
}
