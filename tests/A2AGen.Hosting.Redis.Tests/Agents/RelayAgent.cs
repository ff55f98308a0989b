using System.Globalization;
using System.Runtime.CompilerServices;
using A2AGen;

namespace A2AGen.Hosting.Redis.Tests.Agents;

/// <summary>A generated agent for the multi-instance tests: an echo, a counted stream, a skill that counts its runs, and a skill that waits to be canceled.</summary>
[A2AAgent("relay-agent", Name = "Relay Agent", Description = "Echoes, counts and waits, for tests of several instances.", Version = "1.0.0", Streaming = true)]
public partial class RelayAgent
{
    /// <summary>Returns the text it was sent.</summary>
    [Skill("echo", Description = "Returns the text it was sent.", Tags = ["test"])]
    [DefaultSkill]
    public string Echo(string text) => text;

    /// <summary>Streams 1..n, one part at a time, with a pause between parts.</summary>
    [Skill("count", Description = "Streams the numbers from 1 to n.", Tags = ["test"])]
    public async IAsyncEnumerable<string> CountAsync(string text, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var parts = text.Split(' ');
        var n = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var pause = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 10;
        for (var i = 1; i <= n; i++)
        {
            await Task.Delay(pause, cancellationToken);
            yield return i.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>How many times <see cref="Tally"/> ran per message id, over every instance of the test process.</summary>
    public static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Runs = new();

    /// <summary>Counts a run of its message (after a short pause, so duplicates arrive while it runs) and answers the count.</summary>
    [Skill("tally", Description = "Counts how often each message ran.", Tags = ["test"])]
    public static async Task<string> Tally(string text, SkillContext context)
    {
        await Task.Delay(15, context.CancellationToken);
        return text + " #" + Runs.AddOrUpdate(context.Message.MessageId, 1, static (_, n) => n + 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Asks which seat, then books it (a multi-turn task).</summary>
    [Skill("ask", Description = "Asks a question, then answers with what it was told.", Tags = ["test"])]
    public static SkillResult Ask(string text, SkillContext context) =>
        context.History.Count == 1 ? SkillResult.InputRequired("Which seat for " + text + "?") : SkillResult.FromText("booked " + text);

    /// <summary>Waits (up to a minute) until it is canceled.</summary>
    [Skill("wait", Description = "Waits until it is canceled.", Tags = ["test"])]
    public async Task<string> WaitAsync(string text, CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromMinutes(1), cancellationToken);
        return "waited " + text;
    }
}
