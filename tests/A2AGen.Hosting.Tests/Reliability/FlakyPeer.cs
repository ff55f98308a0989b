using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using A2AGen.Security;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Reliability;

/// <summary>What the peer saw of one request: the request signature's <c>jti</c> (null when unsigned) and the <c>messageId</c>.</summary>
public sealed record SeenRequest(string? Jti, string? MessageId);

/// <summary>
/// A real agent on Kestrel (<see cref="CountingAgent"/> at <c>/count</c>, both HTTP bindings) behind a gate that answers
/// the first requests with a chosen status (503, 429 with <c>Retry-After</c>, 403…) before letting them through, and
/// records every request that reached it. <see cref="ExecutionCounter"/> tells how often the skill really ran.
/// </summary>
public sealed class FlakyPeer : IAsyncDisposable
{
    private readonly ConcurrentQueue<SeenRequest> _seen = new();
    private int _requests;

    private FlakyPeer(WebApplication app, ExecutionCounter counter, Uri baseAddress)
    {
        App = app;
        Counter = counter;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    public ExecutionCounter Counter { get; }

    public Uri BaseAddress { get; }

    public Uri Url => new(BaseAddress, "/count");

    public TrustStore Trust => App.Services.GetRequiredService<A2AKeyRing>().TrustStore;

    public IReadOnlyList<SeenRequest> Seen => [.. _seen];

    /// <summary>The failing answer of the n-th request (1-based), or null to let it through.</summary>
    public Func<int, (int Status, string? RetryAfter)?> Failures { get; set; } = _ => null;

    /// <summary>Starts the peer on a free port, or on <paramref name="port"/>.</summary>
    public static async Task<FlakyPeer> StartAsync(int? port = null, Action<IServiceCollection>? services = null)
    {
        var counter = new ExecutionCounter();
        FlakyPeer? peer = null;
        var (app, _) = TestHost.Build(
            s =>
            {
                s.AddSingleton(counter).AddA2AAgent<CountingAgent>();
                services?.Invoke(s);
            },
            a =>
            {
                a.Use(async (context, next) =>
                {
                    if (context.Request.Path.StartsWithSegments("/count") && peer is not null && await peer.GateAsync(context))
                    {
                        return;
                    }

                    await next(context);
                });
                a.MapA2AAgent<CountingAgent>("/count");
            },
            urls: $"http://127.0.0.1:{port ?? 0}");
        await app.StartAsync();
        var address = app.Urls.First();
        peer = new FlakyPeer(app, counter, new Uri(address));
        return peer;
    }

    /// <summary>A port nothing listens on (taken from the OS and released).</summary>
    public static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    private async Task<bool> GateAsync(HttpContext context)
    {
        context.Request.EnableBuffering();
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8, leaveOpen: true);
        var body = await reader.ReadToEndAsync();
        context.Request.Body.Position = 0;
        _seen.Enqueue(new SeenRequest(JtiOf(context.Request.Headers["A2A-Signature"].ToString()), MessageIdOf(body)));
        if (Failures(Interlocked.Increment(ref _requests)) is not var (status, retryAfter))
        {
            return false;
        }

        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        await context.Response.WriteAsync("{\"error\":\"try later\"}");
        return true;
    }

    private static string? JtiOf(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        using var claims = JsonDocument.Parse(Convert.FromBase64String(Padded(parts[1])));
        return claims.RootElement.GetProperty("jti").GetString();
    }

    private static string Padded(string base64Url)
    {
        var text = base64Url.Replace('-', '+').Replace('_', '/');
        return text.PadRight(text.Length + (4 - text.Length % 4) % 4, '=');
    }

    private static string? MessageIdOf(string body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var request = root.TryGetProperty("params", out var parameters) ? parameters : root;
        return request.TryGetProperty("message", out var message) && message.TryGetProperty("messageId", out var id) ? id.GetString() : null;
    }
}
