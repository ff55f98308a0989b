using A2AGen.Hosting.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace A2AGen.Benchmarks.Hosting;

/// <summary>
/// <c>hosting-echo-server [port]</c>: serves <see cref="BenchEchoAgent"/> at <c>/a2a/jsonrpc</c> (and over gRPC on a
/// second port) on 127.0.0.1 with production settings (no logging, a signed card with an in-memory key, callers trusted
/// through <c>A2AGEN_TRUSTED_KEYS</c>), prints <c>LISTENING &lt;port&gt; &lt;gRPC port&gt;</c>, and stops when stdin closes. The load test runs it
/// as a separate process, like the Node peer.
/// </summary>
public static class EchoServer
{
    public static WebApplication Build(int port)
    {
        // Signed requests name the URL they are sent to, so the public URL needs the real port.
        if (port == 0)
        {
            port = FreePort();
        }

        var grpcPort = FreePort();

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.Configure<InMemoryTaskStoreOptions>(o => o.Capacity = 1_000_000);
        builder.Services.AddA2AAgent<BenchEchoAgent>(o =>
        {
            o.PublicUrl = $"http://127.0.0.1:{port}/a2a/jsonrpc";
            o.GrpcUrl = $"http://127.0.0.1:{grpcPort}";
            // Tasks of a load test pile up quickly; a short time to live keeps memory flat.
            o.TaskTimeToLive = TimeSpan.FromSeconds(30);
            o.SigningKey = A2AGen.Security.SigningKey.Create(A2AGen.Security.SigningAlgorithm.Ed25519);
        });

        // Each signed request's token id stays 65 s: room for about 60,000 signed requests per second.
        builder.Services.AddSingleton<A2AGen.Security.IReplayCache>(new A2AGen.Security.InMemoryReplayCache(new A2AGen.Security.InMemoryReplayCacheOptions { Capacity = 4_000_000 }));
        var app = builder.Build();
        app.MapA2AAgent<BenchEchoAgent>("/a2a/jsonrpc");
        return app;
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var port = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 0;
        await using var app = Build(port);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a).Port).ToList();
        Console.Out.WriteLine($"LISTENING {addresses[0]} {addresses[^1]}");
        Console.Out.Flush();
        await Task.Run(() => Console.In.ReadToEnd());
        await app.StopAsync();
        return 0;
    }
}
