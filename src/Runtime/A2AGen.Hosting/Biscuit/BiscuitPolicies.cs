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
            bySkill[skill.Id] = new Authorizer().Add(source);
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
