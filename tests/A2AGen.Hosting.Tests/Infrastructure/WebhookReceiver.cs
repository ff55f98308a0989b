using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace A2AGen.Hosting.Tests.Infrastructure;

/// <summary>
/// A webhook on a real Kestrel server (127.0.0.1, or another loopback address, port chosen by the OS) that records every
/// request it gets and answers what <see cref="Answer"/> says for the request's number (0-based): a status, or a
/// redirect when <see cref="RedirectTo"/> is set.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public Uri Url(string path = "hook") => new(BaseAddress, path);

    /// <summary>Every request, in arrival order.</summary>
    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The status for request number n (default 200).</summary>
    public Func<int, int> Answer { get; set; } = static _ => 200;

    /// <summary>When set, every request is answered 302 to it.</summary>
    public Uri? RedirectTo { get; set; }

    public static async Task<WebhookReceiver> StartAsync(string address = "127.0.0.1")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls($"http://{address}:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var number = receiver!.Requests.Count;
            receiver.Requests.Enqueue(new Received(
                context.Request.Path,
                context.Request.ContentType,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body.ToArray()));
            if (receiver.RedirectTo is { } target)
            {
                context.Response.StatusCode = StatusCodes.Status302Found;
                context.Response.Headers.Location = target.ToString();
                return;
            }

            context.Response.StatusCode = receiver.Answer(number);
        });
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, new Uri(url));
        return receiver;
    }

    /// <summary>Waits until <paramref name="done"/> holds for the requests received so far.</summary>
    public async Task WaitUntilAsync(Func<IReadOnlyList<Received>, bool> done, TimeSpan? timeout = null)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!done([.. Requests]))
        {
            Assert.True(watch.Elapsed < (timeout ?? TimeSpan.FromSeconds(30)), $"the webhook got {Requests.Count} requests, not what the test waits for");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record Received(string Path, string? ContentType, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    }
}
