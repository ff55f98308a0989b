using System.Runtime.CompilerServices;
using A2AGen.Protocol;

namespace A2AGen.Hosting.Tests.Agents;

/// <summary>
/// An agent (generated) whose skills take encrypted messages: <c>store</c> (a task) and <c>note</c> (a direct reply) and
/// <c>spell</c> (streamed) require encryption, and so does <c>pair</c> (a task whose one artifact has a part per part
/// read); <c>open</c> accepts either. Each answer repeats what the skill read, so a
/// test sees that the skill got the plaintext.
/// </summary>
[A2AAgent(Id, Name = "Vault", Description = "Keeps secrets; takes them encrypted.", Streaming = true,
    DefaultInputModes = ["text/plain"], DefaultOutputModes = ["text/plain"])]
public sealed partial class VaultAgent
{
    public const string Id = "vault-agent";

    [Skill("store", Description = "Stores a secret.", Tags = ["test"], Encryption = EncryptionRequirement.Required)]
    [DefaultSkill]
    public static string Store(string text, SkillContext context) => $"stored for {context.RequestSignature?.Issuer ?? "anonymous"}: {text}";

    [Skill("note", Description = "Answers with a message.", Tags = ["test"], Encryption = EncryptionRequirement.Required)]
    public static Message Note(string text) => Message.AgentText("noted: " + text);

    [Skill("spell", Description = "Streams the words back.", Tags = ["test"], Encryption = EncryptionRequirement.Required)]
    public static async IAsyncEnumerable<string> SpellAsync(string text, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var word in text.Split(' '))
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return word;
        }
    }

    [Skill("pair", Description = "Answers each part read with a part of its own.", Tags = ["test"], Encryption = EncryptionRequirement.Required)]
    public static SkillResult Pair(Message message) =>
        SkillResult.FromMessage(Message.AgentText("") with { Parts = [.. message.Parts.Select((part, i) => Part.FromText($"part {i}: {part.Text}"))] });

    [Skill("open", Description = "Echoes, encrypted or not.", Tags = ["test"])]
    public static string Open(string text) => "open: " + text;
}
