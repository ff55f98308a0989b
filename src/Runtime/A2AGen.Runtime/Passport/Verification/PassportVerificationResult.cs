namespace A2AGen.Passport;

/// <summary>
/// The outcome of checking a passport: <see cref="PassportStatus.Verified"/> (with the key and times),
/// <see cref="PassportStatus.Unsigned"/>, or the exact check that failed. Only <see cref="PassportStatus.Verified"/>
/// means a trusted key of the client signed this very passport.
/// </summary>
public sealed class PassportVerificationResult
{
    internal PassportVerificationResult(PassportStatus status, string? reason, string? detail)
    {
        Status = status;
        Reason = reason;
        Detail = detail;
    }

    /// <summary>The outcome.</summary>
    public PassportStatus Status { get; }

    /// <summary>Whether the signature was verified and every check held.</summary>
    public bool IsVerified => Status == PassportStatus.Verified;

    /// <summary>The failed check (one of <see cref="PassportReasons"/>); null when verified or unsigned.</summary>
    public string? Reason { get; }

    /// <summary>What exactly failed, for the caller and the logs (never secrets).</summary>
    public string? Detail { get; }

    /// <summary>The member at fault when <see cref="PassportStatus.Malformed"/>.</summary>
    public string? Field { get; internal init; }

    /// <summary>The agent the passport's <c>clientId</c> names, when it names a valid agent id.</summary>
    public string? ClientAgentId { get; internal init; }

    /// <summary>The <c>kid</c> of the key that verified the signature.</summary>
    public string? KeyId { get; internal init; }

    /// <summary>The signature's <c>alg</c>.</summary>
    public string? Algorithm { get; internal init; }

    /// <summary>When the client signed (<c>iat</c>).</summary>
    public DateTimeOffset? IssuedAt { get; internal init; }

    /// <summary>When the signature expires (<c>exp</c>).</summary>
    public DateTimeOffset? ExpiresAt { get; internal init; }

    /// <summary>The audiences (<c>aud</c>) the client named; empty when none.</summary>
    public IReadOnlyList<string> Audiences { get; internal init; } = [];

    /// <summary>The signature's <c>jti</c>, if any.</summary>
    public string? TokenId { get; internal init; }

    /// <summary>Whether the signature check was answered by the verified-passport cache.</summary>
    public bool FromCache { get; internal init; }

    /// <summary>The passport with this outcome, as hosting hands it to skills.</summary>
    /// <param name="passport">The passport that was checked.</param>
    public PassportContext ToContext(CallerContext passport) => new()
    {
        Value = Status == PassportStatus.Malformed ? null : passport,
        Status = Status,
        Reason = Reason,
        Detail = Detail,
        Field = Field,
        KeyId = KeyId,
    };

    /// <inheritdoc />
    public override string ToString() => Status switch
    {
        PassportStatus.Verified => $"Verified ({ClientAgentId}/{KeyId}{(FromCache ? ", cached" : "")})",
        PassportStatus.Unsigned => "Unsigned",
        _ => $"{Status} {Reason}: {Detail}",
    };
}
