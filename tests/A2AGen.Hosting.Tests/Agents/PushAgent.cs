using System.Runtime.CompilerServices;

namespace A2AGen.Hosting.Tests.Agents;

/// <summary>Lets a test decide when the <c>steps</c> skill of <see cref="PushAgent"/> may produce its next part.</summary>
public sealed class PushSteps
{
    public System.Threading.Channels.Channel<string> Parts { get; } = System.Threading.Channels.Channel.CreateUnbounded<string>();
}

/// <summary>A generated agent that declares push notifications: an echo skill and a skill streaming parts as the test releases them.</summary>
[A2AAgent("push-agent", Description = "Sends its tasks' updates to webhooks.", Streaming = true, PushNotifications = true)]
public sealed partial class PushAgent(PushSteps steps)
{
    [Skill("echo", Description = "Returns the text it was sent.", Tags = ["test"])]
    [DefaultSkill]
    public string Echo(string text) => text;

    [Skill("steps", Description = "Streams the parts the test releases until it releases 'end'.", Tags = ["test"])]
    public async IAsyncEnumerable<string> Steps(string text, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var part in steps.Parts.Reader.ReadAllAsync(cancellationToken))
        {
            if (part == "end")
            {
                yield break;
            }

            yield return part;
        }
    }
}
