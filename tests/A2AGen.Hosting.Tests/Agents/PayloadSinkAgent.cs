using System.Security.Cryptography;

namespace A2AGen.Hosting.Tests.Agents;

/// <summary>Describes the parts its skill received (generated agent), so store-and-fetch tests see what the skill saw.</summary>
[A2AAgent(Id, Name = "Payload Sink", Description = "Describes the parts it receives.",
    DefaultInputModes = ["text/plain", "application/octet-stream", "image/png"], DefaultOutputModes = ["text/plain"])]
public sealed partial class PayloadSinkAgent
{
    public const string Id = "payload-sink";

    /// <summary>One line per part: kind, media type, size and base64url SHA-256 of its content.</summary>
    [Skill("describe", Description = "Describes every part of the message.", Tags = ["test"])]
    [DefaultSkill]
    public static string Describe(string text, SkillContext context) =>
        string.Join("\n", context.Message.Parts.Select(p =>
        {
            var bytes = p.Raw ?? (p.Text is { } t ? System.Text.Encoding.UTF8.GetBytes(t) : []);
            var kind = p.Raw is not null ? "raw" : p.Text is not null ? "text" : p.Url is not null ? "url" : "data";
            return $"{kind} {p.MediaType ?? "-"} {bytes.Length} {System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(bytes))}";
        }));
}
