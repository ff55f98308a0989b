using System.Text;
using System.Text.Json;
using A2AGen.Hosting;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Security;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace A2AGen.Benchmarks.Hosting;

/// <summary>
/// Issue 17's encryption target: the server's cost of a SendMessage with one 4 KB text part, encrypted (the pipeline
/// decrypts the part, the echo skill runs, the answer is encrypted to the caller's X25519 key) against the same call in
/// plaintext; target: encrypted ≥ 0.5× the plaintext throughput, i.e. a mean at most twice as long. The request's JWE is
/// made once (only the message id changes per call, as idempotency needs). A third case adds the caller's own work
/// (encrypting the request, decrypting the answer) to show the whole exchange's cost on one CPU. All go through the whole
/// JSON-RPC pipeline without the network.
/// </summary>
[MemoryDiagnoser]
public class EncryptedSendMessageBenchmarks
{
    private const string Caller = "bench-caller";

    private readonly string _text = BuildText();
    private WebApplication _app = null!;
    private AgentHost _agent = null!;
    private IServiceProvider _services = null!;
    private JweEncryptionKey _agentKey = null!;
    private JweDecryptionKey _callerKey = null!;
    private Part _encryptedPart = null!;
    private long _counter;

    [GlobalSetup]
    public void Setup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<A2AGen.Hosting.Tasks.InMemoryTaskStoreOptions>(o => o.Capacity = 100_000);
        var agentKey = JweDecryptionKey.Generate(JweKeyType.X25519);
        builder.Services.AddA2AAgent<BenchEchoAgent>(o =>
        {
            o.PublicUrl = "https://bench.example.com/a2a";
            o.TaskTimeToLive = TimeSpan.FromSeconds(1);
            o.SigningKey = SigningKey.Create(SigningAlgorithm.Ed25519);
            o.EncryptionKey = agentKey;
        });
        _app = builder.Build();
        _services = _app.Services;
        var registration = _services.GetServices<A2AAgentRegistration>().Single();
        _agent = new AgentHost(registration, _services.GetRequiredService<IOptionsMonitor<A2AAgentOptions>>().Get(registration.AgentId), "/a2a", _services);
        _agentKey = agentKey.PublicKey;
        _callerKey = JweDecryptionKey.Generate(JweKeyType.X25519);
        _services.GetRequiredService<A2AKeyRing>().TrustStore.AddEncryptionKey(Caller, _callerKey.PublicKey);
        _encryptedPart = EncryptedParts.Encrypt([Part.FromText(_text)], _agentKey, Caller, "bench-echo");

        // Every path must answer the text it sent, or the comparison means nothing.
        if (Plaintext() != _text.Length || RoundTrip() != _text.Length || !EncryptedParts.IsEncrypted(Send([_encryptedPart])))
        {
            throw new InvalidOperationException("The benchmark calls do not echo the 4 KB part.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _app.DisposeAsync();
        _callerKey.Dispose();
    }

    [Benchmark(Baseline = true, Description = "SendMessage 4 KB part, plaintext")]
    public int Plaintext()
    {
        var answer = Send([Part.FromText(_text)]);
        return answer.Text!.Length;
    }

    [Benchmark(Description = "SendMessage 4 KB part, encrypted (server: decrypt + encrypt the answer)")]
    public int Encrypted() => Send([_encryptedPart]).Data!.Value.GetRawText().Length;

    [Benchmark(Description = "the same, plus the caller encrypting and decrypting")]
    public int RoundTrip()
    {
        var answer = Send([EncryptedParts.Encrypt([Part.FromText(_text)], _agentKey, Caller, "bench-echo")]);
        var opened = EncryptedParts.Decrypt(answer, [_callerKey]);
        return opened.Succeeded ? opened.Parts![0].Text!.Length : throw new InvalidOperationException(opened.Reason);
    }

    private Part Send(Part[] parts)
    {
        var message = new Message { MessageId = "bench-" + Interlocked.Increment(ref _counter), Role = Role.User, Parts = parts };
        var body = Encoding.UTF8.GetBytes("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\",\"params\":" + A2AJson.Serialize(new SendMessageRequest { Message = message }) + "}");
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Headers["A2A-Version"] = "1.0";
        context.Request.Body = new MemoryStream(body, writable: false);
        var response = new MemoryStream();
        context.Response.Body = response;
        JsonRpcBinding.HandleAsync(context, _agent).GetAwaiter().GetResult();
        using var document = JsonDocument.Parse(response.GetBuffer().AsMemory(0, (int)response.Length));
        var part = document.RootElement.GetProperty("result").GetProperty("task").GetProperty("artifacts")[0].GetProperty("parts")[0];
        return A2AJson.Deserialize<Part>(part)!;
    }

    // 4 KB of mixed text (a little non-ASCII), like a document excerpt.
    private static string BuildText()
    {
        var builder = new StringBuilder(4096);
        for (var i = 0; builder.Length < 4096 - 40; i++)
        {
            builder.Append("Line ").Append(i).Append(": Zürich → Lisboa, 1 234,50 €. ");
        }

        return builder.ToString()[..4000];
    }
}
