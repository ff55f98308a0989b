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
    private readonly KeyRecordingCache _cache = new(new MemoryDistributedCache(Options.Create(new MemoryDistributedCacheOptions())));

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
            s.AddSingleton<IDistributedCache>(_cache);
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
    public async Task ListTasks_sees_the_callers_tasks_from_every_instance()
    {
        var alice = new[] { Rpc.Header(TestHost.UserHeader, "alice") };
        var onA = (await Rpc.CallAsync(_a.Client, "/toolbox", "SendMessage", Rpc.UserText("a"), alice)).Result.GetProperty("task").GetProperty("id").GetString();
        var onB = (await Rpc.CallAsync(_b.Client, "/toolbox", "SendMessage", Rpc.UserText("b"), alice)).Result.GetProperty("task").GetProperty("id").GetString();
        await Rpc.CallAsync(_b.Client, "/toolbox", "SendMessage", Rpc.UserText("bob's"), [Rpc.Header(TestHost.UserHeader, "bob")]);

        foreach (var host in new[] { _a, _b })
        {
            var list = await Rpc.CallAsync(host.Client, "/toolbox", "ListTasks", "{}", alice);
            Assert.Equal(2, list.Result.GetProperty("totalSize").GetInt32());
            Assert.Equal([onB, onA], list.Result.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        }
    }

    [Fact]
    public async Task Concurrent_creations_on_both_instances_all_end_up_listed()
    {
        var carol = new[] { Rpc.Header(TestHost.UserHeader, "carol") };
        var created = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            var host = i % 2 == 0 ? _a : _b;
            return (await Rpc.CallAsync(host.Client, "/toolbox", "SendMessage", Rpc.UserText("n" + i), carol)).Result.GetProperty("task").GetProperty("id").GetString()!;
        }));

        // Simultaneous writes to one index entry can overwrite each other; each instance re-checks and repairs.
        for (var attempt = 0; ; attempt++)
        {
            var list = await Rpc.CallAsync(_a.Client, "/toolbox", "ListTasks", """{"pageSize":100}""", carol);
            var listed = list.Result.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToHashSet();
            if (listed.SetEquals(created))
            {
                return;
            }

            Assert.True(attempt < 40, $"{created.Length - listed.Count} of {created.Length} tasks are still missing from the list.");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task A_lost_index_entry_is_rebuilt_on_the_next_write()
    {
        var dave = new[] { Rpc.Header(TestHost.UserHeader, "dave") };
        var first = (await Rpc.CallAsync(_a.Client, "/toolbox", "SendMessage", Rpc.UserText("1"), dave)).Result.GetProperty("task").GetProperty("id").GetString();
        var list = await Rpc.CallAsync(_a.Client, "/toolbox", "ListTasks", "{}", dave);
        Assert.Equal(1, list.Result.GetProperty("totalSize").GetInt32());

        // Another instance's stale write (or an eviction) wipes the entry…
        var key = Assert.Single(IndexKeysFor("toolbox"), k => ListedIds(k).Contains(first!));
        await _cache.RemoveAsync(key);
        Assert.Equal(0, (await Rpc.CallAsync(_a.Client, "/toolbox", "ListTasks", "{}", dave)).Result.GetProperty("totalSize").GetInt32());

        // …and the next task this instance saves for the owner writes back what it remembers.
        await Rpc.CallAsync(_a.Client, "/toolbox", "SendMessage", Rpc.UserText("2"), dave);
        Assert.Equal(2, (await Rpc.CallAsync(_a.Client, "/toolbox", "ListTasks", "{}", dave)).Result.GetProperty("totalSize").GetInt32());
    }

    private IEnumerable<string> IndexKeysFor(string agentId) =>
        _cache.Keys.Where(k => k.StartsWith($"test:tasks-of:{agentId}:", StringComparison.Ordinal) && _cache.Get(k) is not null);

    private HashSet<string> ListedIds(string key)
    {
        using var document = System.Text.Json.JsonDocument.Parse(_cache.Get(key)!);
        return document.RootElement.GetProperty("tasks").EnumerateObject().Select(p => p.Name).ToHashSet();
    }
}

/// <summary>A real <see cref="IDistributedCache"/> that also remembers which keys were written, so tests can find them.</summary>
internal sealed class KeyRecordingCache(IDistributedCache inner) : IDistributedCache
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _keys = new();

    public IEnumerable<string> Keys => _keys.Keys;

    public byte[]? Get(string key) => inner.Get(key);

    public Task<byte[]?> GetAsync(string key, CancellationToken token = default) => inner.GetAsync(key, token);

    public void Refresh(string key) => inner.Refresh(key);

    public Task RefreshAsync(string key, CancellationToken token = default) => inner.RefreshAsync(key, token);

    public void Remove(string key) => inner.Remove(key);

    public Task RemoveAsync(string key, CancellationToken token = default) => inner.RemoveAsync(key, token);

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options)
    {
        _keys.TryAdd(key, 0);
        inner.Set(key, value, options);
    }

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        _keys.TryAdd(key, 0);
        return inner.SetAsync(key, value, options, token);
    }
}
