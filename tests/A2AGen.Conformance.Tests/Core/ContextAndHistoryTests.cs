namespace A2AGen.Conformance.Tests.Core;

/// <summary>TCK §3.4 multi-turn (CORE-MULTI-*) and history (CORE-HIST-*), over every binding.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class ContextAndHistoryTests(ConformanceHost host)
{
    [Theory, Trait("tck", "CORE-MULTI-001a")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_MULTI_001a_a_generated_contextId_is_returned(string binding)
    {
        var task = (await host.Client(binding).SendAsync(Tck.Send("tck-complete-task"))).Task;

        Assert.False(string.IsNullOrEmpty(Tck.ContextId(task)));
    }

    [Theory, Trait("tck", "CORE-MULTI-002")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_MULTI_002_a_client_contextId_is_kept(string binding)
    {
        var contextId = "ctx-" + Guid.NewGuid().ToString("N");

        var task = (await host.Client(binding).SendAsync(Tck.Send("tck-complete-task", contextId: contextId))).Task;

        Assert.Equal(contextId, Tck.ContextId(task));
    }

    [Theory, Trait("tck", "CORE-MULTI-002a")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_MULTI_002a_an_unacceptable_contextId_is_refused(string binding)
    {
        var reply = await host.Client(binding).SendAsync(Tck.Send("tck-complete-task", contextId: "not acceptable: spaces/and slashes"));

        Assert.Equal("INVALID_PARAMS", reply.Reason);
    }

    [Theory, Trait("tck", "CORE-MULTI-003")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_MULTI_003_each_new_task_gets_a_unique_id(string binding)
    {
        var client = host.Client(binding);
        var contextId = "ctx-" + Guid.NewGuid().ToString("N");

        var ids = new HashSet<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(Tck.Id((await client.SendAsync(Tck.Send("tck-complete-task", contextId: contextId))).Task));
        }

        Assert.Equal(3, ids.Count);
    }

    [Theory, Trait("tck", "CORE-MULTI-004")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_MULTI_004_a_message_naming_an_unknown_task_is_TaskNotFound(string binding)
    {
        var reply = await host.Client(binding).SendAsync(Tck.Send("tck-complete-task", taskId: "tck-nonexistent-multi-004"));

        Assert.Equal("TASK_NOT_FOUND", reply.Reason);
    }

    [Theory, Trait("tck", "CORE-MULTI-005")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_MULTI_005_a_follow_up_with_only_the_taskId_keeps_the_tasks_context(string binding)
    {
        var client = host.Client(binding);
        var waiting = (await client.SendAsync(Tck.Send("tck-input-required"))).Task;
        Assert.Equal("TASK_STATE_INPUT_REQUIRED", Tck.State(waiting));

        var resumed = (await client.SendAsync(Tck.Send("tck-input-required", "the input", taskId: Tck.Id(waiting)))).Task;

        Assert.Equal(Tck.Id(waiting), Tck.Id(resumed));
        Assert.Equal(Tck.ContextId(waiting), Tck.ContextId(resumed));
        Assert.Equal("TASK_STATE_COMPLETED", Tck.State(resumed));
    }

    [Theory, Trait("tck", "CORE-MULTI-006")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_MULTI_006_a_contextId_that_does_not_match_the_task_is_refused(string binding)
    {
        var client = host.Client(binding);
        var waiting = (await client.SendAsync(Tck.Send("tck-input-required"))).Task;

        var reply = await client.SendAsync(Tck.Send("tck-input-required", "x", taskId: Tck.Id(waiting), contextId: "ctx-" + Guid.NewGuid().ToString("N")));

        Assert.True(reply.IsError, reply.Raw);
        Assert.Equal("TASK_STATE_INPUT_REQUIRED", Tck.State((await client.GetTaskAsync(Tck.Id(waiting))).Result));
    }

    [Theory, Trait("tck", "CORE-HIST-002")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_HIST_002_history_never_exceeds_historyLength(string binding)
    {
        var client = host.Client(binding);
        var waiting = (await client.SendAsync(Tck.Send("tck-input-required"))).Task;
        await client.SendAsync(Tck.Send("tck-input-required", "the input", taskId: Tck.Id(waiting)));

        var full = (await client.GetTaskAsync(Tck.Id(waiting))).Result.GetProperty("history").GetArrayLength();
        var one = (await client.GetTaskAsync(Tck.Id(waiting), historyLength: 1)).Result;
        var none = (await client.GetTaskAsync(Tck.Id(waiting), historyLength: 0)).Result;
        var limited = (await client.SendAsync(Tck.Send("tck-complete-task", configuration: """{"historyLength":1}"""))).Task;

        Assert.True(full >= 3, "the exchange has at least three messages");
        Assert.Equal(1, one.GetProperty("history").GetArrayLength());
        Assert.False(none.TryGetProperty("history", out var h) && h.GetArrayLength() > 0);
        Assert.True(!limited.TryGetProperty("history", out var lh) || lh.GetArrayLength() <= 1);
    }

    [Theory, Trait("tck", "CORE-HIST-005"), Trait("tck", "CORE-HIST-006")]
    [MemberData(nameof(Binding.Names), MemberType = typeof(Binding))]
    public async Task CORE_HIST_005_006_history_is_the_exchange_in_order(string binding)
    {
        var client = host.Client(binding);
        var waiting = (await client.SendAsync(Tck.Send("tck-input-required", "first"))).Task;
        await client.SendAsync(Tck.Send("tck-input-required", "second", taskId: Tck.Id(waiting)));

        var history = (await client.GetTaskAsync(Tck.Id(waiting))).Result.GetProperty("history").EnumerateArray()
            .Select(m => (m.GetProperty("role").GetString(), m.GetProperty("parts")[0].GetProperty("text").GetString())).ToList();

        Assert.Equal(("ROLE_USER", "first"), history[0]);
        Assert.Equal(("ROLE_AGENT", "Please provide input"), history[1]);
        Assert.Equal(("ROLE_USER", "second"), history[2]);
    }
}
