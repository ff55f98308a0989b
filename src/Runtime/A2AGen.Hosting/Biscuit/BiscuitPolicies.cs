using A2AGen.Biscuit;
using A2AGen.Biscuit.Datalog;

namespace A2AGen.Hosting;

/// <summary>
/// One agent's <see cref="RequiresBiscuitAttribute"/> policies, parsed once when the agent starts. A policy that does
/// not parse (the analyzer reports it at compile time; a descriptor built by hand bypasses it), or a Biscuit skill in a
/// host without any trusted root key, is an <see cref="InvalidOperationException"/> that startup turns into one line.
/// </summary>
internal sealed class BiscuitPolicies
{
    private readonly Dictionary<string, Authorizer> _bySkill;

    private BiscuitPolicies(Dictionary<string, Authorizer> bySkill, BiscuitTrust? trust)
    {
        _bySkill = bySkill;
        Trust = trust;
    }

    // A token with a block of checks like the ones callers attenuate with, signed by a throwaway key, for the warm-up.
    private static readonly Lazy<BiscuitToken> WarmUpToken = new(() =>
    {
        using var key = A2AGen.Biscuit.Crypto.BiscuitKeyPair.Create();
        return BiscuitToken.Create(key, "warm(\"up\");")
            .Attenuate("check if agent($a), $a.starts_with(\"\"); check if time($t), $t >= 1970-01-01T00:00:00Z;");
    });

    /// <summary>The host's trusted roots; null when no skill of the agent needs a Biscuit.</summary>
    public BiscuitTrust? Trust { get; }

    public static BiscuitPolicies Create(A2AAgentRegistration registration, Func<BiscuitTrust> trust)
    {
        var bySkill = new Dictionary<string, Authorizer>(StringComparer.Ordinal);
        foreach (var skill in registration.Descriptor.Skills)
        {
            if (skill.BiscuitPolicy is not { } policy)
            {
                continue;
            }

            DatalogSource source;
            try
            {
                source = DatalogParser.ParseSource(policy);
            }
            catch (DatalogParseException e)
            {
                throw new InvalidOperationException(
                    $"A2A agent '{registration.AgentId}' ({registration.AgentType.Name}): the [RequiresBiscuit] policy of skill '{skill.Id}' is invalid Datalog at line {e.Line}, column {e.Column}: {e.Reason}.", e);
            }

            if (!source.Policies.Any(p => p.Kind == PolicyKind.Allow))
            {
                throw new InvalidOperationException(
                    $"A2A agent '{registration.AgentId}' ({registration.AgentType.Name}): the [RequiresBiscuit] policy of skill '{skill.Id}' has no 'allow if' policy, so it would refuse every token.");
            }

            // The run budget keeps the system clock: it measures elapsed time; time(now) comes from the host's clock.
            var authorizer = new Authorizer().Add(source);

            // One run at start-up compiles the engine (JIT): otherwise the first caller's run pays for it and, on a busy
            // machine, exceeds the time limit (seen in the demo). Its outcome is irrelevant.
            authorizer.Authorize(WarmUpToken.Value, [new Fact("agent", Term.String(registration.AgentId)), new Fact("skill", Term.String(skill.Id)), new Fact("time", Term.Date(DateTimeOffset.UnixEpoch))]);
            bySkill[skill.Id] = authorizer;
        }

        if (bySkill.Count == 0)
        {
            return new BiscuitPolicies(bySkill, null);
        }

        var loaded = trust();
        if (loaded.Roots.Count == 0)
        {
            throw new InvalidOperationException(
                $"A2A agent '{registration.AgentId}' ({registration.AgentType.Name}): skill '{bySkill.Keys.First()}' requires a Biscuit, but the host trusts no Biscuit root key. " +
                $"Put the issuer's public key in {Path.Combine(loaded.Folder, "<issuer>.pub.pem")} (SPKI PEM), or set {A2ABiscuitOptions.RootKeysVariable} or A2ABiscuitOptions.RootKeys.");
        }

        return new BiscuitPolicies(bySkill, loaded);
    }

    /// <summary>The authorizer of <paramref name="skill"/>, or null when it needs no Biscuit.</summary>
    public Authorizer? For(SkillDescriptor skill) => _bySkill.GetValueOrDefault(skill.Id);
}
