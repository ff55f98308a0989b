namespace A2AGen.Security;

/// <summary>The secret half of a <see cref="SigningKey"/>, held by one native or BCL implementation.</summary>
internal abstract class PrivateKeyMaterial : IDisposable
{
    /// <summary>Signs <paramref name="data"/> into <paramref name="signature"/> (exactly the algorithm's signature size).</summary>
    public abstract void Sign(ReadOnlySpan<byte> data, Span<byte> signature);

    /// <summary>Writes the raw private key (Ed25519 seed or P-256 scalar) to <paramref name="destination"/>; the caller zeroes it.</summary>
    public abstract void ExportRaw(Span<byte> destination);

    /// <summary>Releases and zeroes the secret.</summary>
    public abstract void Dispose();
}
