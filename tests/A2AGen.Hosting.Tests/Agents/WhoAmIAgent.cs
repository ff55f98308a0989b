namespace A2AGen.Hosting.Tests.Agents;

/// <summary>
/// Tells the caller what the pipeline verified about it (generated agent). <c>whoami</c> takes any request;
/// <c>secure</c> requires a signed request.
/// </summary>
[A2AAgent(Id, Name = "Who Am I", Description = "Tells callers what was verified about them.", Streaming = true,
    DefaultInputModes = ["text/plain"], DefaultOutputModes = ["text/plain"])]
public sealed partial class WhoAmIAgent
{
    public const string Id = "whoami-agent";

    public static string Describe(SkillContext context) =>
        $"caller={context.CallerId ?? "-"};iss={context.RequestSignature?.Issuer ?? "-"};kid={context.RequestSignature?.KeyId ?? "-"};" +
        $"peer={context.PeerIdentity ?? "-"};cert={context.PeerCertificate?.Subject ?? "-"}";

    [Skill("whoami", Description = "Describes the verified caller.", Tags = ["test"])]
    [DefaultSkill]
    public string WhoAmI(string text, SkillContext context) => Describe(context);

    [Skill("secure", Description = "Describes the verified caller of a signed request.", Tags = ["test"], RequestSignature = SignatureRequirement.Required)]
    public string Secure(string text, SkillContext context) => "secure " + Describe(context);
}

/// <summary>An agent that requires every request to be signed, with a declared URL (generated agent).</summary>
[A2AAgent("ledger-agent", Name = "Ledger", Description = "Records entries for signed callers only.", Url = "https://ledger.example.com/a2a",
    RequestSignature = SignatureRequirement.Required)]
[MutualTlsAuth("client-cert", Description = "Ledger clients present their certificate.")]
public sealed partial class LedgerAgent
{
    [Skill("record", Description = "Records the text and names the caller.", Tags = ["test"])]
    public string Record(string text, SkillContext context) => $"recorded '{text}' for {context.CallerId}";
}
