using A2AGen;
using A2AGen.Hosting;
using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TravelDesk.AgentHosting;

/// <summary>
/// A web host serving one A2AGen agent at <c>/</c> over all three A2A bindings: <c>POST /</c> (JSON-RPC), the HTTP+JSON
/// routes (<c>/message:send</c>, <c>/tasks/{id}</c>, …), gRPC on an HTTP/2 endpoint of its own (A2AGen.Hosting opens it
/// beside the <c>--urls</c> address, on a free port, and the card lists it), <c>/.well-known/agent-card.json</c> (its
/// signed card) and <c>/.well-known/jwks.json</c> (its public keys). The standalone agents run it until stopped; the
/// orchestrator starts both agents with it in its own process.
/// </summary>
public static class AgentServer
{
    /// <summary>The configuration key (<c>--public-url</c>) for the URL callers use, when it is not the listening address.</summary>
    public const string PublicUrlKey = "public-url";

    /// <summary>
    /// The configuration key (environment variable <c>A2AGEN_REDIS</c>) of a StackExchange.Redis configuration string:
    /// when set, the agent keeps its replay cache, tasks and task events in that Redis (A2AGen.Hosting.Redis), so several
    /// instances of it behind a load balancer act as one.
    /// </summary>
    public const string RedisKey = "A2AGEN_REDIS";

    /// <summary>
    /// Builds the host; the agent's keys are loaded when it starts (<c>RunA2AAsync</c>/<c>StartA2AAsync</c> report a
    /// problem as one line naming the agent and the fix), or here when <see cref="AgentServerOptions.TrustedCallers"/>
    /// must join the trust store. Command-line options: <c>--urls</c>, <c>--public-url</c>, <c>--environment</c>.
    /// </summary>
    /// <typeparam name="TAgent">The generated agent.</typeparam>
    /// <param name="args">The command line.</param>
    /// <param name="options">Defaults, the agent's settings, keys and logging.</param>
    public static WebApplication Build<TAgent>(string[] args, AgentServerOptions options)
        where TAgent : class, IA2AAgent
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, EnvironmentName = options.EnvironmentName });
        builder.WebHost.UseKestrel();
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(options.DefaultUrl);
        }

        builder.Logging.ClearProviders();
        if (options.LogProvider is { } provider)
        {
            builder.Logging.AddProvider(provider);
        }
        else
        {
            builder.Logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "HH:mm:ss ";
            });
        }

        // Warnings and up: A2AGen logs every refused request as a warning (event 1002, with the check that failed).
        // A failed start is one line from RunA2AAsync/StartA2AAsync, which leave the host's own report of it out of the log.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        // Callers reach a standalone agent at the one address it listens on; that is what its card names and what
        // request signatures must be made for (hosting needs it outside Development). Port 0 and wildcards say nothing.
        var publicUrl = builder.Configuration[PublicUrlKey];
        if (string.IsNullOrEmpty(publicUrl) && FixedAddress(builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? options.DefaultUrl) is { } fixedAddress)
        {
            publicUrl = fixedAddress;
        }

        builder.Services.AddA2AAgent<TAgent>(agent =>
        {
            if (!string.IsNullOrEmpty(publicUrl))
            {
                agent.PublicUrl = publicUrl;
            }

            options.ConfigureAgent?.Invoke(agent);
        });
        if (builder.Configuration[RedisKey] is { Length: > 0 } redis)
        {
            builder.Services.AddA2ARedis(redis);
        }

        if (options.ConfigureKeys is { } configureKeys)
        {
            builder.Services.Configure(configureKeys);
        }

        options.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapA2AAgent<TAgent>("/");

        // Callers known only at run time (the orchestrator's key for one run) join the trust store here. Reading it loads
        // the keys, so a standalone agent, which has none, leaves that to the start, where a problem is one line.
        if (options.TrustedCallers is { Count: > 0 } callers)
        {
            var trust = app.Services.GetRequiredService<A2AKeyRing>().TrustStore;
            foreach (var (callerId, key) in callers)
            {
                trust.Add(callerId, key);
            }

            foreach (var (callerId, key) in options.TrustedCallerEncryptionKeys ?? new Dictionary<string, JweEncryptionKey>())
            {
                trust.AddEncryptionKey(callerId, key);
            }
        }

        return app;
    }

    /// <summary>
    /// Runs a standalone agent until Ctrl+C with A2AGen.Hosting's <c>RunA2AAsync</c>: once it listens, prints where, its
    /// key and whom it trusts. A failed start prints one line per problem to standard error and returns the package's
    /// exit code (<see cref="A2AExitCodes"/>: 78 configuration, 75 port in use).
    /// </summary>
    /// <param name="agentId">The agent's id (for the banner).</param>
    /// <param name="build">Builds the host (<see cref="Build{TAgent}"/> with the agent's settings).</param>
    public static async Task<int> RunAsync(string agentId, Func<WebApplication> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var app = build();
        app.Lifetime.ApplicationStarted.Register(() => Console.WriteLine(Describe(app, agentId)));
        return await app.RunA2AAsync();
    }

    /// <summary>The agent's base URL once the host listens: its first address with a trailing slash.</summary>
    /// <param name="app">A started host.</param>
    public static Uri ListeningUrl(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var address = app.Urls.FirstOrDefault() ?? throw new InvalidOperationException("The host has not started.");
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }

    private static string? FixedAddress(string urls)
    {
        var addresses = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return addresses.Length == 1 && Uri.TryCreate(addresses[0], UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            && url.Port > 0 && url.Host is not ("0.0.0.0" or "[::]" or "*" or "+")
            ? url.GetLeftPart(UriPartial.Authority) + "/"
            : null;
    }

    private static string Describe(WebApplication app, string agentId)
    {
        var url = ListeningUrl(app);
        var keys = app.Services.GetRequiredService<A2AKeyRing>();
        var kid = keys.GetSigningKey(agentId)?.PublicKey.Thumbprint ?? "none";
        var callers = keys.TrustStore.AgentIds.Where(id => id != agentId).Order(StringComparer.Ordinal).ToList();
        var trusted = Path.Combine(keys.KeysDirectory, "trusted");
        // The addresses beyond the --urls one are the agent's gRPC endpoint (HTTP/2 only), which the card lists too.
        var grpc = app.Urls.Skip(1).FirstOrDefault() is { } grpcAddress ? grpcAddress.TrimEnd('/') : "none";
        return $"""
            {agentId} is listening on {url} ({app.Environment.EnvironmentName})
              rpc   {url} (JSON-RPC; HTTP+JSON at {url}message:send, {url}tasks/…)
              grpc  {grpc} (lf.a2a.v1.A2AService over HTTP/2)
              card  {url}.well-known/agent-card.json (signed, kid {kid})
              keys  {url}.well-known/jwks.json
              trusts signed requests and passports from: {(callers.Count == 0 ? "no other agent yet" : string.Join(", ", callers))} (trust folder {trusted})
            Ctrl+C stops it.
            """;
    }
}
