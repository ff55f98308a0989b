namespace A2AGen.Security.Interop;

/// <summary>One native implementation of Ed25519 (RFC 8032) behind <see cref="Ed25519SignatureAlgorithm"/>.</summary>
internal abstract class Ed25519Provider
{
    /// <summary>Which library this is.</summary>
    public abstract Ed25519Backend Backend { get; }

    /// <summary>Expands a 32-byte seed into signing material and writes the 32-byte public key.</summary>
    public abstract PrivateKeyMaterial CreateFromSeed(ReadOnlySpan<byte> seed, Span<byte> publicKey);

    /// <summary>Verifies a 64-byte signature; the key and signature shape were already checked in managed code.</summary>
    public abstract bool Verify(PublicKey publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);

    /// <summary>Loads the provider for <paramref name="backend"/>, or says why it cannot.</summary>
    public static Ed25519Provider? TryLoad(Ed25519Backend backend, out string? failure)
    {
        Ed25519Provider? provider;
        try
        {
            provider = backend switch
            {
                Ed25519Backend.Libsodium => LibsodiumEd25519Provider.TryCreate(out failure),
                Ed25519Backend.OpenSsl => OpenSslEd25519Provider.TryCreate(out failure),
                _ => throw new ArgumentOutOfRangeException(nameof(backend)),
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            failure = $"{backend}: {e.Message}";
            return null;
        }

        return provider;
    }
}
