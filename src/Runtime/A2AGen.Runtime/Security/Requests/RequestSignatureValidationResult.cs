namespace A2AGen.Security;

/// <summary>The outcome of checking a request signature: the verified claims, or the exact check that failed.</summary>
public sealed class RequestSignatureValidationResult
{
    private RequestSignatureValidationResult(VerifiedRequestSignature? signature, string? reason, string? detail)
    {
        Signature = signature;
        Reason = reason;
        Detail = detail;
    }

    /// <summary>Whether every check passed.</summary>
    public bool IsValid => Signature is not null;

    /// <summary>The verified signature; null unless <see cref="IsValid"/>.</summary>
    public VerifiedRequestSignature? Signature { get; }

    /// <summary>The failed check, one of <see cref="RequestSignatureReasons"/>; null when valid.</summary>
    public string? Reason { get; }

    /// <summary>What exactly failed, for the caller and the logs (never secrets).</summary>
    public string? Detail { get; }

    /// <summary>Whether the request was refused because the replay cache could not record it (a server-side problem, HTTP 503).</summary>
    public bool IsUnavailable => Reason == RequestSignatureReasons.ReplayCacheUnavailable;

    /// <inheritdoc />
    public override string ToString() => IsValid ? $"valid ({Signature!.Issuer}/{Signature.KeyId})" : $"{Reason}: {Detail}";

    internal static RequestSignatureValidationResult Success(VerifiedRequestSignature signature) => new(signature, null, null);

    internal static RequestSignatureValidationResult Fail(string reason, string detail) => new(null, reason, detail);
}
