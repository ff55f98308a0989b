using A2AGen.Passport;
using A2AGen.Security;

namespace A2AGen.Hosting;

/// <summary>
/// Checks the signature of a Secure Passport (DESIGN §6.5): the key of <c>clientId</c> from the trust store, the
/// protected header claims, and — when the request is signed too — that its <c>iss</c> equals <c>clientId</c>.
/// Called only for passports that carry a signature.
/// </summary>
internal interface IPassportVerifier
{
    /// <summary>Returns the passport with status <see cref="PassportStatus.Verified"/>, or a failure status and reason.</summary>
    ValueTask<PassportContext> VerifyAsync(string agentId, PassportContext passport, VerifiedRequestSignature? requestSignature, CancellationToken cancellationToken);
}
