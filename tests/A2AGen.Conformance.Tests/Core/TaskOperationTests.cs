namespace A2AGen.Conformance.Tests.Core;

/// <summary>TCK §3.1.3–3.1.5: GetTask, ListTasks, CancelTask (CORE-GET-*, CORE-LIST-*, CORE-CANCEL-*), over every binding.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class TaskOperationTests(ConformanceHost host)
{
    [Theory, Trait("tck", "CORE-GET-001")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_GET_001_GetTask_returns_the_current_state_and_artifacts(string binding)
    {
        var client = host.Client(binding);
        var sent = (await client.SendAsync(Tck.Send("tck-artifact-text"))).Task;

        var got = await client.GetTaskAsync(Tck.Id(sent));

        Assert.False(got.IsError, got.Raw);
        Assert.Equal(Tck.Id(sent), Tck.Id(got.Result));
        Assert.Equal("TASK_STATE_COMPLETED", Tck.State(got.Result));
        Assert.Equal("Generated text content", got.Result.GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());
    }

    [Theory, Trait("tck", "CORE-GET-002")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_GET_002_an_unknown_task_is_TaskNotFound(string binding)
    {
        var reply = await host.Client(binding).GetTaskAsync("tck-nonexistent-get-002");

        Assert.Equal("TASK_NOT_FOUND", reply.Reason);
    }

    [Theory, Trait("tck", "CORE-GET-002")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_GET_002_another_callers_task_is_TaskNotFound(string binding)
    {
        var task = (await host.Client(binding, "alice").SendAsync(Tck.Send("tck-complete-task"))).Task;

        var reply = await host.Client(binding, "mallory").GetTaskAsync(Tck.Id(task));

        Assert.Equal("TASK_NOT_FOUND", reply.Reason);
    }

    [Theory, Trait("tck", "CORE-LIST-001")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_LIST_001_ListTasks_returns_only_the_callers_tasks(string binding)
    {
        var contextId = "ctx-" + Guid.NewGuid().ToString("N");
        var alice = host.Client(binding, "alice-" + contextId);
        var bob = host.Client(binding, "bob-" + contextId);
        var mine = Tck.Id((await alice.SendAsync(Tck.Send("tck-complete-task", contextId: contextId))).Task);
        await bob.SendAsync(Tck.Send("tck-complete-task", contextId: contextId));

        var listed = await alice.ListTasksAsync(("contextId", contextId));

        Assert.False(listed.IsError, listed.Raw);
        Assert.Equal([mine], listed.Result.GetProperty("tasks").EnumerateArray().Select(Tck.Id));
    }

    [Theory, Trait("tck", "CORE-LIST-002"), Trait("tck", "CORE-LIST-004")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_LIST_002_004_ListTasks_pages_with_a_cursor_and_ends_with_an_empty_token(string binding)
    {
        var contextId = "ctx-" + Guid.NewGuid().ToString("N");
        var client = host.Client(binding, "lister-" + contextId);
        var sent = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            sent.Add(Tck.Id((await client.SendAsync(Tck.Send("tck-complete-task", contextId: contextId))).Task));
        }

        var seen = new List<string>();
        string token = "";
        var pages = 0;
        do
        {
            var query = token.Length == 0 ? new[] { ("contextId", contextId), ("pageSize", "2") } : [("contextId", contextId), ("pageSize", "2"), ("pageToken", token)];
            var page = await client.ListTasksAsync(query);
            Assert.False(page.IsError, page.Raw);
            Assert.True(page.Result.TryGetProperty("nextPageToken", out var next), "nextPageToken must always be present: " + page.Raw);
            seen.AddRange(page.Result.GetProperty("tasks").EnumerateArray().Select(Tck.Id));
            token = next.GetString()!;
            pages++;
        }
        while (token.Length > 0 && pages < 5);

        Assert.Equal(2, pages);
        Assert.Equal(sent.Order(), seen.Order());
    }

    [Theory, Trait("tck", "CORE-LIST-003")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_LIST_003_ListTasks_is_newest_status_first(string binding)
    {
        var contextId = "ctx-" + Guid.NewGuid().ToString("N");
        var client = host.Client(binding, "order-" + contextId);
        var first = Tck.Id((await client.SendAsync(Tck.Send("tck-input-required", contextId: contextId))).Task);
        var second = Tck.Id((await client.SendAsync(Tck.Send("tck-complete-task", contextId: contextId))).Task);
        // The first task's status changes last: it must come first.
        await client.SendAsync(Tck.Send("tck-input-required", "answer", taskId: first));

        var tasks = (await client.ListTasksAsync(("contextId", contextId))).Result.GetProperty("tasks").EnumerateArray().ToList();

        Assert.Equal([first, second], tasks.Select(Tck.Id));
        var stamps = tasks.Select(t => DateTimeOffset.Parse(t.GetProperty("status").GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(stamps[0] >= stamps[1]);
    }

    [Theory, Trait("tck", "CORE-LIST-005")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_LIST_005_ListTasks_omits_artifacts_unless_asked(string binding)
    {
        var contextId = "ctx-" + Guid.NewGuid().ToString("N");
        var client = host.Client(binding, "artifacts-" + contextId);
        await client.SendAsync(Tck.Send("tck-artifact-text", contextId: contextId));

        var without = (await client.ListTasksAsync(("contextId", contextId))).Result.GetProperty("tasks")[0];
        var explicitlyWithout = (await client.ListTasksAsync(("contextId", contextId), ("includeArtifacts", "false"))).Result.GetProperty("tasks")[0];
        var with = (await client.ListTasksAsync(("contextId", contextId), ("includeArtifacts", "true"))).Result.GetProperty("tasks")[0];

        Assert.False(without.TryGetProperty("artifacts", out _));
        Assert.False(explicitlyWithout.TryGetProperty("artifacts", out _));
        Assert.Equal(1, with.GetProperty("artifacts").GetArrayLength());
    }

    [Theory, Trait("tck", "CORE-CANCEL-001")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_CANCEL_001_CancelTask_returns_the_canceled_task(string binding)
    {
        var client = host.Client(binding);
        var waiting = (await client.SendAsync(Tck.Send("tck-input-required"))).Task;

        var canceled = await client.CancelTaskAsync(Tck.Id(waiting));

        Assert.False(canceled.IsError, canceled.Raw);
        Assert.Equal(Tck.Id(waiting), Tck.Id(canceled.Result));
        Assert.Equal("TASK_STATE_CANCELED", Tck.State(canceled.Result));
        Assert.Equal("TASK_STATE_CANCELED", Tck.State((await client.GetTaskAsync(Tck.Id(waiting))).Result));
    }

    [Theory, Trait("tck", "CORE-CANCEL-002")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_CANCEL_002_a_terminal_task_is_TaskNotCancelable(string binding)
    {
        var client = host.Client(binding);
        var done = (await client.SendAsync(Tck.Send("tck-complete-task"))).Task;

        var reply = await client.CancelTaskAsync(Tck.Id(done));

        Assert.Equal("TASK_NOT_CANCELABLE", reply.Reason);
    }

    [Theory, Trait("tck", "CORE-CANCEL-003")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_CANCEL_003_an_unknown_task_is_TaskNotFound(string binding)
    {
        var reply = await host.Client(binding).CancelTaskAsync("tck-nonexistent-cancel-003");

        Assert.Equal("TASK_NOT_FOUND", reply.Reason);
    }
}
