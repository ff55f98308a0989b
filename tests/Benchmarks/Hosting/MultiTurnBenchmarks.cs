using System.Text;
using A2AGen.Hosting;
using A2AGen.Hosting.Tasks;
using A2AGen.Protocol;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace A2AGen.Benchmarks.Hosting;

/// <summary>
/// A follow-up message that continues an INPUT_REQUIRED task, against a new <c>SendMessage</c> to the same skill, both
/// through the whole JSON-RPC pipeline without the network (as <see cref="HostingPipelineBenchmarks"/>) and both ending
/// in a completed, stored task. Before each iteration of the resumed case the store receives one interrupted task per
/// invocation (written as the pipeline writes it: user message, the agent's question, the skill recorded), so every
/// measured call continues a task of its own. Target (issue 14): resumed ≤ 1.2 × new.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Invocations)]
public class MultiTurnBenchmarks
{
    private const int Invocations = 4096;

    private long _messageCounter;

    private readonly byte[][] _followUps = new byte[Invocations][];
    private readonly string[] _seededTaskIds = new string[Invocations];
    private readonly byte[][] _newTasks = new byte[Invocations][];
    private WebApplication _app = null!;
    private AgentHost _agent = null!;
    private IServiceProvider _services = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<InMemoryTaskStoreOptions>(o =>
        {
            o.Capacity = 1_000_000;
            o.AnonymousCapacity = 1_000_000;
        });
        builder.Services.AddA2AAgent<BenchBookingAgent>(o =>
        {
            o.PublicUrl = "https://bench.example.com/a2a";
            o.TaskTimeToLive = TimeSpan.FromSeconds(20);
            o.SigningKey = A2AGen.Security.SigningKey.Create(A2AGen.Security.SigningAlgorithm.Ed25519);
        });
        _app = builder.Build();
        _services = _app.Services;
        var registration = _services.GetServices<A2AAgentRegistration>().Single();
        _agent = new AgentHost(registration, _services.GetRequiredService<IOptionsMonitor<A2AAgentOptions>>().Get(registration.AgentId), "/a2a", _services);

        // The two paths must do what they claim, or the comparison means nothing.
        SeedInterruptedTasks();
        Require(Call(NewTaskBody()), "\"TASK_STATE_COMPLETED\"", "booked Lisbon after 1 messages");
        Require(Call(_followUps[0]), "\"TASK_STATE_COMPLETED\"", "booked 12 May after 3 messages");
        Require(Call(FollowUp(_seededTaskIds[0], "again-" + _seededTaskIds[0])), "-32004", "accepts no further messages");
    }

    [IterationSetup(Target = nameof(ResumedTask))]
    public void SeedInterruptedTasks()
    {
        var now = _agent.Time.GetUtcNow();
        for (var i = 0; i < Invocations; i++)
        {
            var taskId = TaskIds.NewId();
            var contextId = TaskIds.NewId();
            var lifecycle = new TaskLifecycle(taskId, contextId, Message.UserText("ask", contextId, taskId), now, describeChanges: false);
            lifecycle.Working(now);
            lifecycle.Interrupt(TaskState.InputRequired, Message.AgentText("Which date?", contextId, taskId), "book", now);
            _agent.Store.SaveAsync(new TaskRecord { AgentId = _agent.AgentId, Task = lifecycle.Snapshot() }, _agent.Options.TaskTimeToLive, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            _seededTaskIds[i] = taskId;
            _followUps[i] = FollowUp(taskId, "answer-" + taskId);
        }

        _next = 0;
    }

    // Bodies are built before the iteration for both cases, so neither measures building its request.
    [IterationSetup(Target = nameof(NewTask))]
    public void PrepareNewTasks()
    {
        for (var i = 0; i < Invocations; i++)
        {
            _newTasks[i] = NewTaskBody();
        }

        _next = 0;
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await _app.DisposeAsync();

    [Benchmark(Baseline = true, Description = "new SendMessage (completed task)")]
    public Task NewTask() => JsonRpcBinding.HandleAsync(Context(_newTasks[_next++], Stream.Null), _agent);

    [Benchmark(Description = "follow-up on INPUT_REQUIRED (completed task)")]
    public Task ResumedTask() => JsonRpcBinding.HandleAsync(Context(_followUps[_next++], Stream.Null), _agent);

    // Message ids are remembered (idempotency): every measured message has its own, as a real client's would.
    private byte[] NewTaskBody() => Encoding.UTF8.GetBytes(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\",\"params\":{\"message\":{\"messageId\":\"bench-" + Interlocked.Increment(ref _messageCounter) +
        "\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"Lisbon\"}]}}}");

    private static byte[] FollowUp(string taskId, string messageId) => Encoding.UTF8.GetBytes(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"SendMessage\",\"params\":{\"message\":{\"messageId\":\"" + messageId + "\",\"taskId\":\"" + taskId +
        "\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"12 May\"}]}}}");

    private string Call(byte[] body)
    {
        using var response = new MemoryStream();
        JsonRpcBinding.HandleAsync(Context(body, response), _agent).GetAwaiter().GetResult();
        return Encoding.UTF8.GetString(response.ToArray());
    }

    private static void Require(string response, params string[] parts)
    {
        foreach (var part in parts)
        {
            if (!response.Contains(part, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Benchmark setup: expected '{part}' in {response}");
            }
        }
    }

    private DefaultHttpContext Context(byte[] body, Stream response)
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.Method = "POST";
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Headers["A2A-Version"] = "1.0";
        context.Request.Body = new MemoryStream(body, writable: false);
        context.Response.Body = response;
        return context;
    }
}
