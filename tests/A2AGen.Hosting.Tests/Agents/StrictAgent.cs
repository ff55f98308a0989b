using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Hosting.Tests.Agents;

/// <summary>An agent that does not stream and requires an extension (and every request signed when asked).</summary>
public sealed class StrictAgent : IA2AAgent
{
    public const string RequiredExtension = "urn:test:ext:required";
    public const string OptionalExtension = "urn:test:ext:optional";

    public static AgentDescriptor Descriptor { get; } = new("strict-agent",
    [
        new SkillDescriptor("echo", "Echo") { Input = SkillInputKind.Text, Output = SkillOutputKind.Text },
    ])
    {
        DeclaresUrl = true,
    };

    public static AgentCard Card { get; } = new()
    {
        Name = "Strict",
        Description = "Requires an extension; does not stream.",
        Version = "1.0.0",
        SupportedInterfaces = [new AgentInterface { Url = "https://strict.example.com/a2a" }],
        Capabilities = new AgentCapabilities
        {
            Streaming = false,
            PushNotifications = false,
            Extensions =
            [
                new AgentExtension { Uri = RequiredExtension, Required = true },
                new AgentExtension { Uri = OptionalExtension },
            ],
        },
        DefaultInputModes = ["text/plain"],
        DefaultOutputModes = ["text/plain"],
        Skills = [new AgentSkill { Id = "echo", Name = "Echo", Description = "Echo.", Tags = ["test"] }],
    };

    // Declared after Card: static fields initialize in declaration order.
    private static readonly byte[] s_cardJson = A2AJson.SerializeToUtf8Bytes(Card);

    public static ReadOnlySpan<byte> CardJson => s_cardJson;

    public ValueTask<SkillResult> DispatchAsync(SkillInvocation invocation) =>
        ValueTask.FromResult(SkillResult.FromText(SkillBinder.GetText(invocation.Message)));
}

/// <summary>An agent whose every request must be signed, and one that (wrongly, for this host) declares push notifications.</summary>
public sealed class SignedOnlyAgent : IA2AAgent
{
    public static AgentDescriptor Descriptor { get; } = new("signed-only",
    [
        new SkillDescriptor("echo", "Echo") { Input = SkillInputKind.Text, Output = SkillOutputKind.Text, RequestSignature = SignatureRequirement.Required },
    ])
    {
        RequestSignature = SignatureRequirement.Required,
    };

    public static AgentCard Card { get; } = EchoAgent.Card with { Name = "Signed only" };

    // Declared after Card: static fields initialize in declaration order.
    private static readonly byte[] s_cardJson = A2AJson.SerializeToUtf8Bytes(Card);

    public static ReadOnlySpan<byte> CardJson => s_cardJson;

    public ValueTask<SkillResult> DispatchAsync(SkillInvocation invocation) =>
        ValueTask.FromResult(SkillResult.FromText(SkillBinder.GetText(invocation.Message)));
}

/// <summary>Declares push notifications (hand-written, like the generator would emit it).</summary>
public sealed class KeylessPushAgent : IA2AAgent
{
    public static AgentDescriptor Descriptor { get; } = new("keyless-push-agent", [new SkillDescriptor("echo", "Echo") { Input = SkillInputKind.Text, Output = SkillOutputKind.Text }]);

    public static AgentCard Card { get; } = EchoAgent.Card with { Capabilities = EchoAgent.Card.Capabilities with { PushNotifications = true } };

    // Declared after Card: static fields initialize in declaration order.
    private static readonly byte[] s_cardJson = A2AJson.SerializeToUtf8Bytes(Card);

    public static ReadOnlySpan<byte> CardJson => s_cardJson;

    public ValueTask<SkillResult> DispatchAsync(SkillInvocation invocation) =>
        ValueTask.FromResult(SkillResult.FromText(SkillBinder.GetText(invocation.Message)));
}
