using A2AGen.Protocol;

namespace A2AGen.Hosting.Tests.Agents;

/// <summary>Counts how often each skill really ran, so idempotency tests can tell a replay from a second execution.</summary>
public sealed class ExecutionCounter
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Released by the test to let a held execution finish.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Increment() => Interlocked.Increment(ref _count);
}

/// <summary>A generated agent whose skills count their executions (task, direct reply, held, failing).</summary>
[A2AAgent("counting-agent", Description = "Counts executions.", Streaming = true)]
public sealed partial class CountingAgent(ExecutionCounter counter)
{
    [Skill("count", Description = "Answers which execution this is.", Tags = ["test"])]
    [DefaultSkill]
    public string Count(string text) => $"{text} #{counter.Increment()}";

    [Skill("reply", Description = "Replies with a message.", Tags = ["test"])]
    public Message Reply(string text) => Message.AgentText($"reply {text} #{counter.Increment()}");

    [Skill("held", Description = "Counts, then waits for the test to release it.", Tags = ["test"])]
    public async Task<string> Held(string text, CancellationToken cancellationToken)
    {
        var n = counter.Increment();
        await counter.Gate.Task.WaitAsync(cancellationToken);
        return $"{text} #{n}";
    }

    [Skill("fail", Description = "Counts, then fails.", Tags = ["test"])]
    public string Fail(string text)
    {
        counter.Increment();
        throw new InvalidOperationException("the skill failed");
    }
}
