namespace A2AGen.Security;

/// <summary>The outcome of verifying a JWS: valid (with the key that verified it) or the exact check that failed.</summary>
public sealed class JwsVerificationResult
{
    private JwsVerificationResult(VerificationFailure failure, string? detail, JwsHeader? header, ReadOnlyMemory<byte> payload, TrustedKey? key, JwtClaims? claims)
    {
        Failure = failure;
        Detail = detail;
        Header = header;
        Payload = payload;
        Key = key;
        Claims = claims;
    }

    /// <summary>Whether every check passed.</summary>
    public bool IsValid => Failure == VerificationFailure.None;

    /// <summary>The failed check, or <see cref="VerificationFailure.None"/>.</summary>
    public VerificationFailure Failure { get; }

    /// <summary>The stable reason code of <see cref="Failure"/> (e.g. <c>SIGNATURE_INVALID</c>).</summary>
    public string ReasonCode => Failure.ToReasonCode();

    /// <summary>A human-readable description of the failure (never secrets).</summary>
    public string? Detail { get; }

    /// <summary>The protected header, once it parsed (also on later failures).</summary>
    public JwsHeader? Header { get; }

    /// <summary>The payload; only set when <see cref="IsValid"/>.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>The trusted key that verified the signature; only set when <see cref="IsValid"/>.</summary>
    public TrustedKey? Key { get; }

    /// <summary>The claims, for tokens verified as JWTs.</summary>
    public JwtClaims? Claims { get; }

    /// <inheritdoc />
    public override string ToString() => IsValid ? $"valid ({Key?.KeyId})" : $"{ReasonCode}: {Detail}";

    internal static JwsVerificationResult Fail(VerificationFailure failure, string detail, JwsHeader? header = null) =>
        new(failure, detail, header, default, null, null);

    internal static JwsVerificationResult Success(JwsHeader header, ReadOnlyMemory<byte> payload, TrustedKey key, JwtClaims? claims) =>
        new(VerificationFailure.None, null, header, payload, key, claims);
}
