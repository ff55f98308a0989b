using A2AGen.Passport;
using A2AGen.Security;

namespace A2AGen.Hosting;

/// <summary>
/// The passport verifier of a host without A2AGen's security core: it cannot check passport signatures, so a signed
/// passport comes out <see cref="PassportStatus.Invalid"/> with a reason saying why, and the pipeline refuses it.
/// </summary>
internal sealed class UnverifiablePassportVerifier : IPassportVerifier
{
    public ValueTask<PassportContext> VerifyAsync(string agentId, PassportContext passport, VerifiedRequestSignature? requestSignature, CancellationToken cancellationToken) =>
        ValueTask.FromResult(passport with { Status = PassportStatus.Invalid, Reason = SecurityReasons.PassportSignatureUnverifiable });
}
