namespace A2AGen.Hosting;

/// <summary>
/// Where a sending host keeps published payloads until their recipient fetches them. <see cref="TakeAsync"/> is atomic:
/// of two fetches of one id, at most one gets the payload (single use). In memory by default; on disk
/// (<see cref="DirectoryPayloadStore"/>) or in Redis (<c>AddA2ARedis</c>). Implementations are thread-safe.
/// </summary>
public interface IPayloadStore
{
    /// <summary>Keeps <paramref name="payload"/> until it is taken or expires.</summary>
    /// <param name="payload">The payload.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask StoreAsync(StoredPayload payload, CancellationToken cancellationToken);

    /// <summary>Removes and returns the payload, or null when it was never stored, was already taken, or has expired.</summary>
    /// <param name="id">The payload id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask<StoredPayload?> TakeAsync(string id, CancellationToken cancellationToken);
}

/// <summary>A published payload.</summary>
/// <param name="Id">Its id (43 base64url characters of 32 random bytes).</param>
/// <param name="Recipient">The only agent that may fetch it.</param>
/// <param name="ExpiresAt">When its URL stops working.</param>
/// <param name="MediaType">The content's media type (null: <c>application/octet-stream</c>).</param>
/// <param name="Content">The bytes.</param>
public sealed record StoredPayload(string Id, string Recipient, DateTimeOffset ExpiresAt, string? MediaType, ReadOnlyMemory<byte> Content);
