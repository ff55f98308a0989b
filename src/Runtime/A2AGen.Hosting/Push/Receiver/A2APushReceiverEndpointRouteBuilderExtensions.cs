using System.Diagnostics.CodeAnalysis;
using A2AGen.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps A2A push-notification receivers: webhooks other agents call back with task updates.</summary>
public static class A2APushReceiverEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps a push-notification receiver at <paramref name="pattern"/> (POST). Each notification is checked —
    /// media type, size, the sender's A2AGen signature (trusted key, body hash, <c>aud</c>/<c>htu</c> =
    /// <see cref="A2APushReceiverOptions.PublicUrl"/>, method, expiry with skew, replay through the host's
    /// <c>IReplayCache</c>) or, when configured, its <c>Authorization</c> token — and parsed as one A2A
    /// <c>StreamResponse</c> before <paramref name="handler"/> sees it; the sender then gets 204. Refusals are
    /// 400/401/403/413/415 (503 when the replay cache is down) with a <c>google.rpc.Status</c> body whose
    /// <c>ErrorInfo.reason</c> names the failed check. Call <c>AddA2APushReceiver()</c> first.
    /// </summary>
    /// <param name="endpoints">The application.</param>
    /// <param name="pattern">The route, e.g. <c>/a2a/push</c>.</param>
    /// <param name="handler">Handles each verified notification; keep it short (queue slow work).</param>
    /// <exception cref="InvalidOperationException"><c>AddA2APushReceiver()</c> was not called.</exception>
    public static IEndpointConventionBuilder MapA2APushReceiver(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern, Func<A2APushNotification, CancellationToken, Task> handler) =>
        MapA2APushReceiver(endpoints, pattern, Options.DefaultName, handler);

    /// <summary>Maps the named receiver (<c>AddA2APushReceiver(name, …)</c>); see <see cref="MapA2APushReceiver(IEndpointRouteBuilder, string, Func{A2APushNotification, CancellationToken, Task})"/>.</summary>
    /// <param name="endpoints">The application.</param>
    /// <param name="pattern">The route, e.g. <c>/a2a/push</c>.</param>
    /// <param name="name">The name the receiver's options were registered under.</param>
    /// <param name="handler">Handles each verified notification.</param>
    /// <exception cref="InvalidOperationException"><c>AddA2APushReceiver()</c> was not called.</exception>
    public static IEndpointConventionBuilder MapA2APushReceiver(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern, string name, Func<A2APushNotification, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(handler);
        var registry = endpoints.ServiceProvider.GetService<PushReceiverRegistry>()
            ?? throw new InvalidOperationException($"MapA2APushReceiver(\"{pattern}\"): the push receiver is not registered. Call builder.Services.AddA2APushReceiver(…) before mapping it.");
        var mapped = registry.Add(pattern, name);
        return endpoints.MapPost(pattern, context => mapped.Receiver.HandleAsync(context, handler))
            .WithDisplayName($"A2A push receiver {pattern}");
    }

    /// <summary>
    /// Maps a push-notification receiver whose notifications go to <typeparamref name="THandler"/>, resolved from each
    /// request's services (register it, e.g. <c>services.AddScoped&lt;THandler&gt;()</c>); see
    /// <see cref="MapA2APushReceiver(IEndpointRouteBuilder, string, Func{A2APushNotification, CancellationToken, Task})"/>.
    /// </summary>
    /// <typeparam name="THandler">The handler.</typeparam>
    /// <param name="endpoints">The application.</param>
    /// <param name="pattern">The route, e.g. <c>/a2a/push</c>.</param>
    /// <exception cref="InvalidOperationException"><c>AddA2APushReceiver()</c> was not called.</exception>
    public static IEndpointConventionBuilder MapA2APushReceiver<THandler>(this IEndpointRouteBuilder endpoints, [StringSyntax("Route")] string pattern)
        where THandler : class, IA2APushNotificationHandler =>
        MapA2APushReceiver(endpoints, pattern, Options.DefaultName,
            static (notification, cancellationToken) => notification.Services.GetRequiredService<THandler>().HandleAsync(notification, cancellationToken));
}
