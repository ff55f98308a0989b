using System.Collections.Concurrent;
using A2AGen.Cli.Tests.Agents;
using A2AGen.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace A2AGen.Cli.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (port chosen by the OS) hosting the generated <see cref="LedgerAgent"/> at
/// <c>/agents/ledger</c>, plus documents a test serves at any other path (a signed card, a JWK Set, garbage, a slow
/// or an oversized answer) — the peers the CLI meets in the wild.
/// </summary>
public sealed class AgentHost : IAsyncLifetime
{
    public const string AgentPath = "/agents/ledger";

    private readonly ConcurrentDictionary<string, Document> _documents = new(StringComparer.Ordinal);
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public Uri AgentUrl => new(BaseAddress, AgentPath);

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/> (after <paramref name="delay"/>, with <paramref name="status"/>).</summary>
    public Uri Serve(string path, byte[] body, string contentType = "application/json", int status = 200, TimeSpan delay = default)
    {
        _documents[path] = new Document(body, contentType, status, delay);
        return new Uri(BaseAddress, path);
    }

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddA2AAgent<LedgerAgent>();
        _app = builder.Build();
        _app.Use(async (context, next) =>
        {
            if (!_documents.TryGetValue(context.Request.Path.Value ?? "", out var document))
            {
                await next(context);
                return;
            }

            if (document.Delay > TimeSpan.Zero)
            {
                await Task.Delay(document.Delay, context.RequestAborted);
            }

            context.Response.StatusCode = document.Status;
            context.Response.ContentType = document.ContentType;
            await context.Response.Body.WriteAsync(document.Body, context.RequestAborted);
        });
        _app.MapA2AAgent<LedgerAgent>(AgentPath);
        await _app.StartAsync();
        string address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private sealed record Document(byte[] Body, string ContentType, int Status, TimeSpan Delay);
}
