using System.Diagnostics.Metrics;
using A2AGen.Passport;
using A2AGen.Security;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting;

/// <summary>
/// The host's passport verifier: one <see cref="PassportVerifier"/> over the key ring's trust store (the same keys
/// request signatures are checked with), with the host's clock, <see cref="A2APassportOptions"/>, and its counters on
/// the meter <c>A2AGen.Passport</c> from the host's <see cref="IMeterFactory"/>.
/// </summary>
internal sealed class SecurePassportVerifier : IPassportVerifier
{
    /// <summary>The name of the meter the verifier's counters are on.</summary>
    public const string MeterName = "A2AGen.Passport";

    private readonly PassportVerifier _verifier;

    public SecurePassportVerifier(A2AKeyRing keyRing, IOptions<A2APassportOptions> options, TimeProvider time, IMeterFactory meterFactory)
    {
        var settings = options.Value;
        try
        {
            _verifier = new PassportVerifier(new KeyRingTrust(keyRing), new PassportVerifierOptions
            {
                ClockSkew = settings.ClockSkew,
                MaxLifetime = settings.MaxLifetime,
                RequireAudience = settings.RequireAudience,
                CacheCapacity = settings.CacheCapacity,
                TimeProvider = time,
                Meter = meterFactory.Create(MeterName),
            });
        }
        catch (ArgumentException e)
        {
            throw new OptionsValidationException(nameof(A2APassportOptions), typeof(A2APassportOptions), [$"A2APassportOptions: {e.Message}"]);
        }
    }

    public PassportVerifier Verifier => _verifier;

    public ValueTask<PassportVerificationResult> VerifyAsync(AgentHost agent, CallerContext passport, VerifiedRequestSignature? requestSignature, RequestTarget endpoint, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_verifier.Verify(passport, new PassportVerificationContext
        {
            AgentId = agent.AgentId,
            Endpoint = endpoint,
            RequestIssuer = requestSignature?.Issuer,
        }));

    // The key ring loads its trust store when the agents start; read it on use, so keys added or reloaded
    // later count (and ones removed stop counting, for cached passports too).
    private sealed class KeyRingTrust(A2AKeyRing keyRing) : IJwsKeyResolver
    {
        public IReadOnlyList<TrustedKey> ResolveKeys(string? issuer, string? keyId) => keyRing.TrustStore.ResolveKeys(issuer, keyId);
    }
}
