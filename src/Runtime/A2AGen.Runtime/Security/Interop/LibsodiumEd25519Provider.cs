using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace A2AGen.Security.Interop;

/// <summary>Ed25519 through libsodium; the 64-byte secret key (seed ‖ public key) lives in <see cref="SecureMemoryHandle"/>.</summary>
internal sealed unsafe class LibsodiumEd25519Provider : Ed25519Provider
{
    private LibsodiumEd25519Provider()
    {
    }

    /// <inheritdoc />
    public override Ed25519Backend Backend => Ed25519Backend.Libsodium;

    /// <summary>Loads libsodium and checks its Ed25519 sizes.</summary>
    public static LibsodiumEd25519Provider? TryCreate(out string? failure)
    {
        if (!NativeLibrary.TryLoad(Libsodium.LibraryName, typeof(LibsodiumEd25519Provider).Assembly, null, out _))
        {
            failure = $"Libsodium: {Libsodium.LibraryName} could not be loaded";
            return null;
        }

        if (Libsodium.sodium_init() < 0)
        {
            failure = "Libsodium: sodium_init failed";
            return null;
        }

        if (Libsodium.crypto_sign_ed25519_seedbytes() != Libsodium.Ed25519SeedBytes
            || Libsodium.crypto_sign_ed25519_publickeybytes() != Libsodium.Ed25519PublicKeyBytes
            || Libsodium.crypto_sign_ed25519_secretkeybytes() != Libsodium.Ed25519SecretKeyBytes
            || Libsodium.crypto_sign_ed25519_bytes() != Libsodium.Ed25519SignatureBytes)
        {
            failure = "Libsodium: unexpected Ed25519 sizes";
            return null;
        }

        failure = null;
        return new LibsodiumEd25519Provider();
    }

    /// <inheritdoc />
    public override PrivateKeyMaterial CreateFromSeed(ReadOnlySpan<byte> seed, Span<byte> publicKey)
    {
        var secretKey = SecureMemoryHandle.Allocate(Libsodium.Ed25519SecretKeyBytes);
        try
        {
            fixed (byte* pk = publicKey)
            fixed (byte* s = seed)
            {
                if (Libsodium.crypto_sign_ed25519_seed_keypair(pk, secretKey, s) != 0)
                {
                    throw new CryptographicException("libsodium could not derive an Ed25519 key pair.");
                }
            }

            return new Material(secretKey);
        }
        catch
        {
            secretKey.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public override bool Verify(PublicKey publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var key = publicKey.RawBytes;
        fixed (byte* sig = signature)
        fixed (byte* m = NativeSpan.NonNull(data))
        fixed (byte* pk = key)
        {
            return Libsodium.crypto_sign_ed25519_verify_detached(sig, m, (ulong)data.Length, pk) == 0;
        }
    }

    private sealed class Material(SecureMemoryHandle secretKey) : PrivateKeyMaterial
    {
        public override void Sign(ReadOnlySpan<byte> data, Span<byte> signature)
        {
            fixed (byte* sig = signature)
            fixed (byte* m = NativeSpan.NonNull(data))
            {
                if (Libsodium.crypto_sign_ed25519_detached(sig, out ulong length, m, (ulong)data.Length, secretKey) != 0 || length != 64)
                {
                    throw new CryptographicException("libsodium could not sign.");
                }
            }
        }

        public override void ExportRaw(Span<byte> destination)
        {
            Span<byte> secret = stackalloc byte[Libsodium.Ed25519SecretKeyBytes];
            try
            {
                secretKey.Export(secret);
                secret[..Libsodium.Ed25519SeedBytes].CopyTo(destination);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }

        public override void Dispose() => secretKey.Dispose();
    }
}
