using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Hosting.Tests.Agents;

/// <summary>
/// The smallest agent: one text skill. The lower half is what the generator emits for
/// <c>[A2AAgent("echo-agent", Streaming = true)] partial class EchoAgent { [Skill("echo")] string Echo(string text) }</c>.
/// </summary>
public sealed partial class EchoAgent
{
    public string Echo(string text) => text;
}

public sealed partial class EchoAgent : IA2AAgent
{
    public static AgentDescriptor Descriptor { get; } = new("echo-agent",
    [
        new SkillDescriptor("echo", nameof(Echo)) { Input = SkillInputKind.Text, InputTypeName = "string", Output = SkillOutputKind.Text, OutputTypeName = "string" },
    ]);

    public static AgentCard Card { get; } = new()
    {
        Name = "Echo Agent",
        Description = "Echoes the text it receives.",
        Version = "1.0.0",
        SupportedInterfaces = [new AgentInterface { Url = "http://localhost/" }],
        Capabilities = new AgentCapabilities
        {
            Streaming = true,
            PushNotifications = false,
            Extensions = [TestExtensions.RequestSigning],
        },
        DefaultInputModes = ["text/plain", "application/json"],
        DefaultOutputModes = ["text/plain", "application/json"],
        Skills = [new AgentSkill { Id = "echo", Name = "Echo", Description = "Returns the text it was sent.", Tags = ["test"] }],
    };

    // Declared after Card: static fields initialize in declaration order.
    private static readonly byte[] s_cardJson = A2AJson.SerializeToUtf8Bytes(Card);

    public static ReadOnlySpan<byte> CardJson => s_cardJson;

    public ValueTask<SkillResult> DispatchAsync(SkillInvocation invocation) => invocation.Skill.Id switch
    {
        "echo" => ValueTask.FromResult(SkillResult.FromText(Echo(SkillBinder.GetText(invocation.Message)))),
        _ => throw new InvalidOperationException($"Unknown skill '{invocation.Skill.Id}'."),
    };
}

internal static class TestExtensions
{
    public static readonly AgentExtension RequestSigning = new()
    {
        Uri = A2AProtocol.RequestSigningExtensionUri,
        Description = "Requests may carry an A2A-Signature JWS.",
    };
}
