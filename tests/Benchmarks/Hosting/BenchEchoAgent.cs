using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Benchmarks.Hosting;

/// <summary>
/// The echo agent the hosting benchmarks serve, written the way the generator emits it for
/// <c>[A2AAgent("bench-echo", Streaming = true)] partial class BenchEchoAgent { [Skill("echo")] string Echo(string text) }</c>.
/// </summary>
public sealed class BenchEchoAgent : IA2AAgent
{
    public static AgentDescriptor Descriptor { get; } = new("bench-echo",
    [
        new SkillDescriptor("echo", nameof(Echo)) { Input = SkillInputKind.Text, Output = SkillOutputKind.Text },
    ]);

    public static AgentCard Card { get; } = new()
    {
        Name = "Bench Echo",
        Description = "Echoes text.",
        Version = "1.0.0",
        SupportedInterfaces = [new AgentInterface { Url = "http://localhost/" }],
        Capabilities = new AgentCapabilities { Streaming = true, PushNotifications = false },
        DefaultInputModes = ["text/plain"],
        DefaultOutputModes = ["text/plain"],
        Skills = [new AgentSkill { Id = "echo", Name = "Echo", Description = "Echoes the text it receives.", Tags = ["echo"] }],
    };

    // Declared after Card: static fields initialize in declaration order.
    private static readonly byte[] s_cardJson = A2AJson.SerializeToUtf8Bytes(Card);

    public static ReadOnlySpan<byte> CardJson => s_cardJson;

    public static string Echo(string text) => text;

    public ValueTask<SkillResult> DispatchAsync(SkillInvocation invocation) => invocation.Skill.Id switch
    {
        "echo" => ValueTask.FromResult(SkillResult.FromText(Echo(SkillBinder.GetText(invocation.Message)))),
        _ => throw new InvalidOperationException($"Unknown skill '{invocation.Skill.Id}'."),
    };
}
