using System.Text;
using A2AGen.Hosting;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace A2AGen.Benchmarks.Hosting;

/// <summary>
/// Server-side cost of one JSON-RPC request through the whole pipeline (media type, body, version, parse, extensions,
/// routing, security stages, dispatch, task store, response), without the network: what Kestrel hands us and what
/// we hand back.
/// </summary>
[MemoryDiagnoser]
public class HostingPipelineBenchmarks
{
    // A message id is remembered (idempotency): every new message needs its own, a repeated one is answered from the store.
    private static readonly byte[] RepeatedMessageBody = SendMessageBody("bench-repeated");

    private long _messageCounter;

    private static readonly byte[] UnknownMethodBody = Encoding.UTF8.GetBytes("""{"jsonrpc":"2.0","id":1,"method":"message/send","params":{}}""");

    private WebApplication _app = null!;
    private AgentHost _agent = null!;
    private AgentHost _replayAgent = null!;
    private IServiceProvider _services = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        // Every measured SendMessage stores a task: a bounded store with a short time to live keeps it at a steady
        // size, as in a long-running server, instead of growing by millions of entries over the run.
        builder.Services.Configure<A2AGen.Hosting.Tasks.InMemoryTaskStoreOptions>(o => o.Capacity = 100_000);
        builder.Services.AddA2AAgent<BenchEchoAgent>(o =>
        {
            o.PublicUrl = "https://bench.example.com/a2a";
            o.TaskTimeToLive = TimeSpan.FromSeconds(1);
            o.SigningKey = A2AGen.Security.SigningKey.Create(A2AGen.Security.SigningAlgorithm.Ed25519);
        });
        _app = builder.Build();
        _services = _app.Services;
        var registration = _services.GetServices<A2AAgentRegistration>().Single();
        _agent = new AgentHost(registration, _services.GetRequiredService<IOptionsMonitor<A2AAgentOptions>>().Get(registration.AgentId), "/a2a", _services);
        // The replayed message's task must stay readable for the whole run (the other cases' tasks live one second).
        _replayAgent = new AgentHost(registration, new A2AAgentOptions { PublicUrl = "https://bench.example.com/a2a", TaskTimeToLive = TimeSpan.FromHours(1) }, "/a2a", _services);
        JsonRpcBinding.HandleAsync(Context(RepeatedMessageBody), _replayAgent).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _app.DisposeAsync();

    [Benchmark(Description = "SendMessage echo (completed task)")]
    public Task SendMessage() => JsonRpcBinding.HandleAsync(Context(SendMessageBody("bench-" + Interlocked.Increment(ref _messageCounter))), _agent);

    [Benchmark(Description = "SendMessage sent again (idempotent replay)")]
    public Task SendMessageAgain() => JsonRpcBinding.HandleAsync(Context(RepeatedMessageBody), _replayAgent);

    [Benchmark(Description = "v0.3 method name (-32601)")]
    public Task Rejected() => JsonRpcBinding.HandleAsync(Context(UnknownMethodBody), _agent);

    [Benchmark(Description = "GET agent card (signed)")]
    public Task Card()
    {
        // The signed card is built once at startup; serving it costs no signature.
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.Method = "GET";
        context.Response.Body = Stream.Null;
        return AgentCardEndpoint.HandleAsync(context, _agent.Cards, TimeSpan.FromMinutes(5));
    }

    private static byte[] SendMessageBody(string messageId) => Encoding.UTF8.GetBytes(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\",\"params\":{\"message\":{\"messageId\":\"" + messageId + "\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"hello, benchmark\"}]}}}");

    private DefaultHttpContext Context(byte[] body)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Headers["A2A-Version"] = "1.0";
        context.Request.Body = new MemoryStream(body, writable: false);
        context.Response.Body = Stream.Null;
        return context;
    }
}
