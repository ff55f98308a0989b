using A2AGen.Hosting.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting.Tests;

/// <summary>Two server instances sharing one <see cref="IDistributedCache"/>: same tasks, cancellation across instances.</summary>
public sealed class SharedStoreTests : IAsyncLifetime
{
    private readonly IDistributedCache _cache = new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions()));

    private TestHost _a = null!;
    private TestHost _b = null!;

    public async Task InitializeAsync()
    {
        _a = await StartAsync();
        _b = await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    private Task<TestHost> StartAsync() => TestHost.StartAsync(
        s =>
        {
            s.AddSingleton(_cache);
            s.AddSingleton<SkillProbe>();
            s.AddA2ADistributedTaskStore(o => o.KeyPrefix = "test:");
            s.AddA2AAgent<ToolboxAgent>(o =>
            {
                o.Json.TypeInfoResolverChain.Insert(0, ToolboxJsonContext.Default);
                o.SharedStorePollInterval = TimeSpan.FromMilliseconds(100);
                o.AllowAnonymousTaskListing = true;
            });
        },
        app => app.MapA2AAgent<ToolboxAgent>("/toolbox"));

    [Fact]
    public async Task A_task_created_on_one_instance_is_read_on_the_other()
    {
        Assert.IsType<DistributedCacheTaskStore>(_a.Services.GetRequiredService<ITaskStore>());
        var created = await Rpc.CallAsync(_a.Client, "/toolbox", "SendMessage", Rpc.UserText("shared", extra: ",\"contextId\":\"ctx-shared\""));
        var taskId = created.Result.GetProperty("task").GetProperty("id").GetString();

        var read = await Rpc.CallAsync(_b.Client, "/toolbox", "GetTask", $$"""{"id":"{{taskId}}"}""");
        Assert.Equal("TASK_STATE_COMPLETED", read.Result.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("ctx-shared", read.Result.GetProperty("contextId").GetString());
        Assert.Equal("shared", read.Result.GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Ownership_holds_across_instances()
    {
        var created = await Rpc.CallAsync(_a.Client, "/toolbox", "SendMessage", Rpc.UserText("mine"), [Rpc.Header(TestHost.UserHeader, "alice")]);
        var taskId = created.Result.GetProperty("task").GetProperty("id").GetString();
        Assert.Equal(-32001, (await Rpc.CallAsync(_b.Client, "/toolbox", "GetTask", $$"""{"id":"{{taskId}}"}""", [Rpc.Header(TestHost.UserHeader, "bob")])).ErrorCode);
        Assert.False((await Rpc.CallAsync(_b.Client, "/toolbox", "GetTask", $$"""{"id":"{{taskId}}"}""", [Rpc.Header(TestHost.UserHeader, "alice")])).IsError);
    }

    [Fact]
    public async Task CancelTask_on_the_other_instance_reaches_the_running_skill()
    {
        var probeA = _a.Services.GetRequiredService<SkillProbe>();
        var parameters = """{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"x"}],"metadata":{"urn:a2agen:skill":"slow"}},"configuration":{"returnImmediately":true}}""";
        var taskId = (await Rpc.CallAsync(_a.Client, "/toolbox", "SendMessage", parameters)).Result.GetProperty("task").GetProperty("id").GetString();
        await probeA.Started.WaitAsync(TimeSpan.FromSeconds(10));

        var cancel = await Rpc.CallAsync(_b.Client, "/toolbox", "CancelTask", $$"""{"id":"{{taskId}}"}""");
        Assert.Equal("TASK_STATE_CANCELED", cancel.Result.GetProperty("status").GetProperty("state").GetString());

        await probeA.Canceled.WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 100; i++)
        {
            var state = (await Rpc.CallAsync(_a.Client, "/toolbox", "GetTask", $$"""{"id":"{{taskId}}"}""")).Result.GetProperty("status").GetProperty("state").GetString();
            if (state == "TASK_STATE_CANCELED" && _a.Services.GetRequiredService<TaskRunner>().Find("toolbox", taskId!) is null)
            {
                return;
            }

            await Task.Delay(20);
        }

        Assert.Fail("Instance A never settled the task as canceled.");
    }

    [Fact]
    public async Task SubscribeToTask_on_the_other_instance_follows_the_task_to_its_end()
    {
        var parameters = """{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"15"}],"metadata":{"urn:a2agen:skill":"count"}},"configuration":{"returnImmediately":true}}""";
        var taskId = (await Rpc.CallAsync(_a.Client, "/toolbox", "SendMessage", parameters)).Result.GetProperty("task").GetProperty("id").GetString();

        var events = await Rpc.StreamAsync(_b.Client, "/toolbox", "SubscribeToTask", $$"""{"id":"{{taskId}}"}""");
        Assert.Equal(taskId, events[0].GetProperty("result").GetProperty("task").GetProperty("id").GetString());
        Assert.Equal("TASK_STATE_COMPLETED", events[^1].GetProperty("result").GetProperty("statusUpdate").GetProperty("status").GetProperty("state").GetString());

        // Snapshot parts plus streamed parts add up to every element, each exactly once.
        var snapshot = events[0].GetProperty("result").GetProperty("task");
        var parts = snapshot.TryGetProperty("artifacts", out var artifacts) ? artifacts[0].GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("text").GetString()).ToList() : [];
        foreach (var update in events.Skip(1).Select(e => e.GetProperty("result")).Where(r => r.TryGetProperty("artifactUpdate", out _)))
        {
            parts.AddRange(update.GetProperty("artifactUpdate").GetProperty("artifact").GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("text").GetString()));
        }

        Assert.Equal(Enumerable.Range(1, 15).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), parts);
    }

    [Fact]
    public async Task ListTasks_is_unsupported_on_a_distributed_cache()
    {
        var reply = await Rpc.CallAsync(_a.Client, "/toolbox", "ListTasks", "{}");
        Assert.Equal(-32004, reply.ErrorCode);
        Assert.Contains("IDistributedCache", reply.ErrorMessage, StringComparison.Ordinal);
    }
}
