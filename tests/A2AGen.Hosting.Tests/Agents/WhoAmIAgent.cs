using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Hosting.Tests.Agents;

/// <summary>
/// Tells the caller what the pipeline verified about it. <c>whoami</c> takes any request; <c>secure</c> requires a
/// signed request. Written the way the generator emits an agent with two text skills, the first the default.
/// </summary>
public sealed partial class WhoAmIAgent
{
    public const string Id = "whoami-agent";

    public static string Describe(SkillContext context) =>
        $"caller={context.CallerId ?? "-"};iss={context.RequestSignature?.Issuer ?? "-"};kid={context.RequestSignature?.KeyId ?? "-"};" +
        $"peer={context.PeerIdentity ?? "-"};cert={context.PeerCertificate?.Subject ?? "-"}";

    public string WhoAmI(string text, SkillContext context) => Describe(context);

    public string Secure(string text, SkillContext context) => "secure " + Describe(context);
}

public sealed partial class WhoAmIAgent : IA2AAgent
{
    public static AgentDescriptor Descriptor { get; } = new(Id,
    [
        new SkillDescriptor("whoami", nameof(WhoAmI)) { Input = SkillInputKind.Text, Output = SkillOutputKind.Text, BindsContext = true, IsDefault = true },
        new SkillDescriptor("secure", nameof(Secure))
        {
            Input = SkillInputKind.Text, Output = SkillOutputKind.Text, BindsContext = true, Privilege = SkillPrivilege.High,
            RequestSignature = SignatureRequirement.Required,
        },
    ])
    {
        DefaultSkillId = "whoami",
    };

    public static AgentCard Card { get; } = new()
    {
        Name = "Who Am I",
        Description = "Tells callers what was verified about them.",
        Version = "1.0.0",
        SupportedInterfaces = [new AgentInterface { Url = "http://localhost/" }],
        Capabilities = new AgentCapabilities { Streaming = true, PushNotifications = false, Extensions = [TestExtensions.RequestSigning] },
        DefaultInputModes = ["text/plain"],
        DefaultOutputModes = ["text/plain"],
        Skills =
        [
            new AgentSkill { Id = "whoami", Name = "WhoAmI", Description = "Describes the verified caller.", Tags = ["test"] },
            new AgentSkill { Id = "secure", Name = "Secure", Description = "Describes the verified caller of a signed request.", Tags = ["test"] },
        ],
    };

    // Declared after Card: static fields initialize in declaration order.
    private static readonly byte[] s_cardJson = A2AJson.SerializeToUtf8Bytes(Card);

    public static ReadOnlySpan<byte> CardJson => s_cardJson;

    public ValueTask<SkillResult> DispatchAsync(SkillInvocation invocation) => invocation.Skill.Id switch
    {
        "whoami" => ValueTask.FromResult(SkillResult.FromText(WhoAmI(SkillBinder.GetText(invocation.Message), invocation.Context))),
        "secure" => ValueTask.FromResult(SkillResult.FromText(Secure(SkillBinder.GetText(invocation.Message), invocation.Context))),
        _ => throw new InvalidOperationException($"Unknown skill '{invocation.Skill.Id}'."),
    };
}
