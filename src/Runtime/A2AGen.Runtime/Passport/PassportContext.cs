namespace A2AGen.Passport;

/// <summary>A passport as received, with the outcome of its verification.</summary>
public sealed record PassportContext
{
    /// <summary>The passport, or null when <see cref="Status"/> is <see cref="PassportStatus.Absent"/> or <see cref="PassportStatus.Malformed"/>.</summary>
    public CallerContext? Value { get; init; }

    /// <summary>The verification outcome.</summary>
    public required PassportStatus Status { get; init; }

    /// <summary>A machine-readable reason when not verified (e.g. <c>PASSPORT_SIGNATURE_INVALID</c>).</summary>
    public string? Reason { get; init; }

    /// <summary>What failed, in words (never secrets), when not verified or unsigned.</summary>
    public string? Detail { get; init; }

    /// <summary>The passport field at fault when <see cref="PassportStatus.Malformed"/>.</summary>
    public string? Field { get; init; }

    /// <summary>The key that verified the signature, when <see cref="PassportStatus.Verified"/>.</summary>
    public string? KeyId { get; init; }

    /// <summary>Whether the signature was checked and held.</summary>
    public bool IsSignatureVerified => Status == PassportStatus.Verified;
}
