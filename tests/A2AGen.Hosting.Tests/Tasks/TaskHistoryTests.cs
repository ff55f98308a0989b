using A2AGen.Hosting.Tasks;
using A2AGen.Protocol;

namespace A2AGen.Hosting.Tests.Tasks;

/// <summary>
/// The one task lifecycle: every change is an event describing it, and the task's history holds every message —
/// the user's and each status message the agent sends — whichever path built the task.
/// </summary>
public sealed class TaskHistoryTests(ToolboxFixture fixture) : IClassFixture<ToolboxFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Each_change_returns_the_event_that_describes_it()
    {
        var user = Message.UserText("hi") with { TaskId = "t-1", ContextId = "c-1" };
        var lifecycle = new TaskLifecycle("t-1", "c-1", user, Now);
        Assert.Equal(TaskState.Submitted, lifecycle.Snapshot().Status.State);

        Assert.Equal(TaskState.Working, lifecycle.Working(Now)!.StatusUpdate!.Status.State);
        var first = lifecycle.AddPart("a-1", Part.FromText("one"), append: false)!.ArtifactUpdate!;
        var second = lifecycle.AddPart("a-1", Part.FromText("two"), append: true)!.ArtifactUpdate!;
        Assert.False(first.Append);
        Assert.True(second.Append);
        Assert.Equal("two", second.Artifact.Parts.Single().Text);

        var done = Message.AgentText("done", "c-1", "t-1");
        var final = lifecycle.Finish(TaskState.Completed, done, Now.AddSeconds(1))!.StatusUpdate!;
        Assert.Equal(TaskState.Completed, final.Status.State);

        var task = lifecycle.Snapshot();
        Assert.Equal(["one", "two"], task.Artifacts!.Single().Parts.Select(p => p.Text));
        Assert.Equal([user, done], task.History);
        Assert.True(lifecycle.IsFinal);
    }

    [Fact]
    public void A_stored_task_resumes_with_its_history_and_artifacts()
    {
        var user = Message.UserText("hi");
        var running = new TaskLifecycle("t-2", "c-2", user, Now);
        running.Working(Now);
        running.AddPart("a", Part.FromText("x"), append: false);
        var resumed = TaskLifecycle.Resume(running.Snapshot());
        var canceled = Message.AgentText("canceled", "c-2", "t-2");
        resumed.Finish(TaskState.Canceled, canceled, Now);
        var task = resumed.Snapshot();
        Assert.Equal([user, canceled], task.History);
        Assert.Equal("x", task.Artifacts!.Single().Parts.Single().Text);
    }

    [Fact]
    public void An_interrupted_task_takes_no_parts_and_continues_only_with_a_message()
    {
        var user = Message.UserText("Lisbon", "c-3", "t-3");
        var lifecycle = new TaskLifecycle("t-3", "c-3", user, Now);
        Assert.Throws<InvalidOperationException>(() => lifecycle.Continue(Message.UserText("early"), Now));
        lifecycle.Working(Now);
        var question = Message.AgentText("Which date?", "c-3", "t-3");
        var asked = lifecycle.Interrupt(TaskState.InputRequired, question, "book", Now.AddSeconds(1))!.StatusUpdate!;
        Assert.Equal(TaskState.InputRequired, asked.Status.State);
        Assert.Same(question, asked.Status.Message);
        Assert.True(lifecycle.IsInterrupted);
        Assert.False(lifecycle.IsFinal);
        Assert.Throws<InvalidOperationException>(() => lifecycle.AddPart("a", Part.FromText("late"), append: false));
        Assert.Throws<ArgumentOutOfRangeException>(() => TaskLifecycle.Resume(lifecycle.Snapshot()).Interrupt(TaskState.Completed, question, "book", Now));

        // Stored and read back (as a follow-up does), the task knows its skill and continues with the next message.
        var stored = lifecycle.Snapshot();
        Assert.Equal("book", TaskLifecycle.InterruptedSkillOf(stored));
        var resumed = TaskLifecycle.Resume(stored);
        var answer = Message.UserText("May", "c-3", "t-3");
        Assert.Equal(TaskState.Working, resumed.Continue(answer, Now.AddSeconds(2))!.StatusUpdate!.Status.State);
        resumed.AddPart("a", Part.FromText("booked"), append: false);
        resumed.Finish(TaskState.Completed, null, Now.AddSeconds(3));
        var task = resumed.Snapshot();
        Assert.Equal([user, question, answer], task.History);
        Assert.Equal("book", TaskLifecycle.InterruptedSkillOf(task));
        Assert.Throws<InvalidOperationException>(() => resumed.Continue(Message.UserText("more"), Now));
        Assert.Throws<InvalidOperationException>(() => resumed.Interrupt(TaskState.InputRequired, question, "book", Now));
    }

    [Fact]
    public async Task A_canceled_task_keeps_the_cancel_message_in_its_history()
    {
        var started = await Rpc.CallAsync(fixture.Client, "/toolbox", "SendMessage", Bindings.RestRouteTests.InBackground(Rpc.UserText("x", "slow")));
        var id = started.Result.GetProperty("task").GetProperty("id").GetString();
        var canceled = await Rest.PostAsync(fixture.Client, $"/toolbox/tasks/{id}:cancel", body: null);
        var history = canceled.Json.GetProperty("history").EnumerateArray().ToArray();
        Assert.Equal(2, history.Length);
        Assert.Equal("ROLE_USER", history[0].GetProperty("role").GetString());
        Assert.Equal("ROLE_AGENT", history[1].GetProperty("role").GetString());
        Assert.Equal(canceled.Json.GetProperty("status").GetProperty("message").GetRawText(), history[1].GetRawText());
    }
}
