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
/// or an oversized answer) — the peers the CLI meets in the wild. Keys are made with the CLI: the agent signs its
/// card with a key from <c>a2agen keys gen</c>, and trusts a caller ("travel-desk") whose key set came from
/// <c>a2agen keys show --as-jwks</c>.
/// </summary>
public sealed class AgentHost : IAsyncLifetime
{
    public const string AgentPath = "/agents/ledger";

    public const string AgentId = "ledger-agent";
    public const string CallerId = "travel-desk";

    private readonly ConcurrentDictionary<string, Document> _documents = new(StringComparer.Ordinal);
    private readonly TempDirectory _keys = new();
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public Uri AgentUrl => new(BaseAddress, AgentPath);

    /// <summary>The host's key directory: <c>ledger-agent/</c> (the agent's key) and <c>trusted/travel-desk.jwks.json</c>.</summary>
    public string HostKeys => _keys["host"];

    /// <summary>The caller's key directory (<c>signing.key.pem</c> of "travel-desk", trusted by the host).</summary>
    public string CallerKeys => _keys["caller"];

    /// <summary>A trust folder for the CLI holding the agent's published keys as <c>ledger-agent.jwks.json</c>.</summary>
    public string AgentTrust => _keys["agent-trust"];

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/> (after <paramref name="delay"/>, with <paramref name="status"/>).</summary>
    public Uri Serve(string path, byte[] body, string contentType = "application/json", int status = 200, TimeSpan delay = default)
    {
        _documents[path] = new Document(body, contentType, status, delay);
        return new Uri(BaseAddress, path);
    }

    public async Task InitializeAsync()
    {
        await MakeKeysAsync();
        // Development lets the card's URL follow the request (the port is the OS's choice); the key is a real one regardless.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.Configure<A2AKeyOptions>(o =>
        {
            o.KeysDirectory = HostKeys;
            o.AllowDevelopmentKeys = false;
            o.GetEnvironmentVariable = _ => null;
        });
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

        _keys.Dispose();
    }

    private async Task MakeKeysAsync()
    {
        await Expect(Tool.RunAsync("keys", "gen", "--out", Path.Combine(HostKeys, AgentId)));
        await Expect(Tool.RunAsync("keys", "gen", "--alg", "es256", "--out", CallerKeys));
        Directory.CreateDirectory(Path.Combine(HostKeys, "trusted"));
        File.WriteAllText(Path.Combine(HostKeys, "trusted", CallerId + ".jwks.json"), (await Expect(Tool.RunAsync("keys", "show", "--dir", CallerKeys, "--as-jwks"))).Output);
        Directory.CreateDirectory(AgentTrust);
        File.WriteAllText(Path.Combine(AgentTrust, AgentId + ".jwks.json"), (await Expect(Tool.RunAsync("keys", "show", "--dir", Path.Combine(HostKeys, AgentId), "--as-jwks"))).Output);
    }

    private static async Task<CliRun> Expect(Task<CliRun> running)
    {
        var run = await running;
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }

    private sealed record Document(byte[] Body, string ContentType, int Status, TimeSpan Delay);
}
