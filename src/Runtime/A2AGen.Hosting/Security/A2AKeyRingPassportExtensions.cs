using A2AGen.Passport;

namespace A2AGen.Hosting;

/// <summary>Passport signing for agents hosted with A2AGen, with their keys from the host's key ring.</summary>
public static class A2AKeyRingPassportExtensions
{
    /// <summary>A <see cref="PassportSigner"/> that signs passports as the hosted agent <paramref name="agentId"/> (its <c>clientId</c>).</summary>
    /// <param name="keyRing">The host's key ring.</param>
    /// <param name="agentId">A hosted agent that has a signing key.</param>
    /// <param name="options">Lifetime, <c>kid</c>, clock.</param>
    /// <exception cref="InvalidOperationException">The agent is not hosted here or has no signing key.</exception>
    public static PassportSigner CreatePassportSigner(this A2AKeyRing keyRing, string agentId, PassportSigningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(keyRing);
        var key = keyRing.GetSigningKey(agentId)
            ?? throw new InvalidOperationException($"A2A agent '{agentId}' has no signing key (A2AAgentOptions.SignCard is off and no key is configured), so it cannot sign passports.");
        return new PassportSigner(key, agentId, options);
    }
}
