using A2AGen.Hosting.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace A2AGen.Benchmarks.Hosting;

/// <summary>
/// <c>hosting-echo-server [port]</c>: serves <see cref="BenchEchoAgent"/> at <c>/a2a/jsonrpc</c> on 127.0.0.1 with
/// production settings (no logging below warnings), prints <c>LISTENING &lt;port&gt;</c>, and stops when stdin closes.
/// The load test runs it as a separate process, like the Node peer.
/// </summary>
public static class EchoServer
{
    public static WebApplication Build(int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.Configure<InMemoryTaskStoreOptions>(o => o.Capacity = 1_000_000);
        builder.Services.AddA2AAgent<BenchEchoAgent>(o =>
        {
            o.PublicUrl = $"http://127.0.0.1:{port}/a2a/jsonrpc";
            // Tasks of a load test pile up quickly; a short time to live keeps memory flat.
            o.TaskTimeToLive = TimeSpan.FromSeconds(30);
        });
        var app = builder.Build();
        app.MapA2AAgent<BenchEchoAgent>("/a2a/jsonrpc");
        return app;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var port = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 0;
        await using var app = Build(port);
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        Console.Out.WriteLine($"LISTENING {address.Port}");
        Console.Out.Flush();
        await Task.Run(() => Console.In.ReadToEnd());
        await app.StopAsync();
        return 0;
    }
}
