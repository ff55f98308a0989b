using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace A2AGen.Samples.Tests.Infrastructure;

/// <summary>A small Kestrel server on 127.0.0.1 that answers fixed bytes by path (a peer that is not, or not quite, an A2A agent).</summary>
public sealed class StubServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StubServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>Its base URL (with a trailing slash).</summary>
    public Uri Url { get; }

    /// <summary>Starts a server answering each path of <paramref name="answers"/> with its content type and body; anything else with <paramref name="fallback"/> (HTTP 200).</summary>
    /// <param name="answers">Path → (content type, body).</param>
    /// <param name="fallback">The answer to every other path.</param>
    public static async Task<StubServer> StartAsync(IReadOnlyDictionary<string, (string ContentType, byte[] Body)> answers, (string ContentType, byte[] Body) fallback)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(async context =>
        {
            var (type, body) = answers.TryGetValue(context.Request.Path.Value ?? "/", out var answer) ? answer : fallback;
            context.Response.ContentType = type;
            await context.Response.Body.WriteAsync(body);
        });
        await app.StartAsync();
        return new StubServer(app, new Uri(app.Urls.First().TrimEnd('/') + "/"));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
