namespace A2AGen.Security;

/// <summary>
/// Remembers request-signature token ids (<c>jti</c>, per issuer) until their tokens can no longer be accepted, so a
/// captured request cannot be sent again (DESIGN §6.4). Only tokens that passed every other check reach it.
/// </summary>
public interface IReplayCache
{
    /// <summary>
    /// Records <paramref name="tokenId"/> of <paramref name="issuer"/> until <paramref name="keepUntil"/> (the token's
    /// <c>exp</c> plus the verifier's clock skew). Returns true when it was not held before — the token is fresh —
    /// and false when it was (a replay). Must be atomic for concurrent calls with the same id as far as the
    /// implementation's store allows.
    /// </summary>
    /// <param name="issuer">The verified issuer (<c>iss</c>).</param>
    /// <param name="tokenId">The token id (<c>jti</c>).</param>
    /// <param name="keepUntil">When the entry may be forgotten.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="ReplayCacheUnavailableException">The id cannot be recorded (cache full, store unreachable); the verifier refuses the request.</exception>
    ValueTask<bool> TryAddAsync(string issuer, string tokenId, DateTimeOffset keepUntil, CancellationToken cancellationToken = default);
}
