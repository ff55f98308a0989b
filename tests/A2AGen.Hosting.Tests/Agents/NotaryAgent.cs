using System.Runtime.CompilerServices;
using A2AGen.Protocol;

namespace A2AGen.Hosting.Tests.Agents;

/// <summary>
/// A <see cref="ProvenanceAttribute"/> agent (generated) whose skills produce every kind of output: a text artifact
/// that cites the signed content it was sent as parents (<c>attest</c>), a streamed artifact (<c>witness</c>), an
/// interrupted task (<c>confirm</c>), a direct reply (<c>reply</c>); <c>chat</c> signs nothing.
/// </summary>
[A2AAgent(Id, Name = "Notary", Description = "Signs what its skills produce.", Streaming = true,
    DefaultInputModes = ["text/plain", "application/json"], DefaultOutputModes = ["text/plain", "application/json"])]
public sealed partial class NotaryAgent
{
    public const string Id = "notary-agent";

    [Skill("attest", Description = "Attests the text, citing the signed parts it was sent.", Tags = ["test"])]
    [Provenance]
    [DefaultSkill]
    public static string Attest(Message message, SkillContext context)
    {
        var parents = context.Provenance.AddParentsFrom(message);
        return $"attested ({parents} parents): {string.Join(" ", message.Parts.Select(p => p.Text ?? "[data]"))}";
    }

    [Skill("witness", Description = "Streams the words back one by one.", Tags = ["test"])]
    [Provenance]
    public static async IAsyncEnumerable<string> WitnessAsync(string text, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var word in text.Split(' '))
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return word;
        }
    }

    [Skill("confirm", Description = "Asks for a confirmation, then confirms.", Tags = ["test"])]
    [Provenance]
    public static SkillResult Confirm(string text, SkillContext context) =>
        context.History.Count == 1 ? SkillResult.InputRequired($"Confirm {text}?") : "confirmed: " + text;

    [Skill("reply", Description = "Answers with a message, no task.", Tags = ["test"])]
    [Provenance]
    public static Message Reply(string text) => Message.AgentText("noted: " + text);

    [Skill("chat", Description = "Unsigned small talk.", Tags = ["test"])]
    public static string Chat(string text) => "chat: " + text;
}
