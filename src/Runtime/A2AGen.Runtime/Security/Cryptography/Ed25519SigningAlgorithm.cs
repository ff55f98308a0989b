using System.Security.Cryptography;
using NSecBlobFormat = NSec.Cryptography.KeyBlobFormat;
using NSecCreationParameters = NSec.Cryptography.KeyCreationParameters;
using NSecEd25519 = NSec.Cryptography.Ed25519;
using NSecExportPolicies = NSec.Cryptography.KeyExportPolicies;
using NSecKey = NSec.Cryptography.Key;
using NSecPublicKey = NSec.Cryptography.PublicKey;

namespace A2AGen.Security;

/// <summary>
/// Ed25519 (RFC 8032, JWS <c>EdDSA</c>) through NSec (libsodium). Public keys are checked on import (canonical, on the
/// curve, not of small order) because NSec imports small-order keys; libsodium itself refuses non-canonical and
/// small-order <c>R</c> and <c>S</c> ≥ L when verifying.
/// </summary>
public sealed class Ed25519SigningAlgorithm : SigningAlgorithm
{
    // NSec's type initializer loads its libsodium; on a platform it does not ship for, that throws.
    private static readonly Lazy<NSecEd25519?> Native = new(LoadNative);

    private Ed25519SigningAlgorithm()
        : base("Ed25519", "EdDSA", "OKP", "Ed25519", 32, 32, 64)
    {
    }

    /// <inheritdoc />
    public override bool IsSupported => Native.Value is not null;

    internal static Ed25519SigningAlgorithm Default { get; } = new();

    internal override KeyKind Kind => KeyKind.Ed25519;

    private static NSecEd25519 Algorithm =>
        Native.Value ?? throw new PlatformNotSupportedException("Ed25519 is not available: NSec could not load libsodium on this platform.");

    internal override void ThrowIfNotSupported() => _ = Algorithm;

    internal override PrivateKeyMaterial Generate(out byte[] publicKey)
    {
        Span<byte> seed = stackalloc byte[32];
        try
        {
            RandomNumberGenerator.Fill(seed);
            return ImportRawPrivateKey(seed, out publicKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    internal override PrivateKeyMaterial ImportRawPrivateKey(ReadOnlySpan<byte> raw, out byte[] publicKey)
    {
        if (raw.Length != 32)
        {
            throw new FormatException($"An Ed25519 private key (seed) is 32 bytes, not {raw.Length}.");
        }

        // The facade enforces its own export policy; NSec must allow export so PKCS#8 can be written when that allows it.
        var key = NSecKey.Import(Algorithm, raw, NSecBlobFormat.RawPrivateKey, new NSecCreationParameters { ExportPolicy = NSecExportPolicies.AllowPlaintextExport });
        publicKey = key.PublicKey.Export(NSecBlobFormat.RawPublicKey);
        return new Material(key);
    }

    internal override PrivateKeyMaterial ImportPkcs8(ReadOnlyMemory<byte> der, out byte[] publicKey)
    {
        ThrowIfNotSupported();
        Span<byte> seed = stackalloc byte[32];
        try
        {
            Pkcs8.ReadEd25519PrivateKey(der, seed, out byte[]? embedded);
            var material = ImportRawPrivateKey(seed, out publicKey);
            if (embedded is not null && !embedded.AsSpan().SequenceEqual(publicKey))
            {
                material.Dispose();
                throw new FormatException("The public key stored in the PKCS#8 file does not belong to its private key.");
            }

            return material;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    internal override byte[] ExportPkcs8(PrivateKeyMaterial material)
    {
        Span<byte> seed = stackalloc byte[32];
        try
        {
            material.ExportRaw(seed);
            return Pkcs8.WriteEd25519PrivateKey(seed);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    internal override void CheckPublicKey(ReadOnlySpan<byte> raw)
    {
        if (!Ed25519Encoding.IsAcceptablePublicKey(raw, out string? problem))
        {
            throw new FormatException(char.ToUpperInvariant(problem![0]) + problem[1..] + ".");
        }
    }

    private protected override bool VerifyCore(VerificationKey publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var native = publicKey.GetOrCreateNativeKey(static key => NSecPublicKey.Import(Algorithm, key.RawBytes, NSecBlobFormat.RawPublicKey));
        return Algorithm.Verify(native, data, signature);
    }

    private static NSecEd25519? LoadNative()
    {
        try
        {
            return NSec.Cryptography.SignatureAlgorithm.Ed25519;
        }
        catch (Exception e) when (e is TypeInitializationException or DllNotFoundException or PlatformNotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The secret as an NSec key (libsodium secure memory, zeroed on dispose).</summary>
    private sealed class Material(NSecKey key) : PrivateKeyMaterial
    {
        public override void Sign(ReadOnlySpan<byte> data, Span<byte> signature) => Algorithm.Sign(key, data, signature);

        public override void ExportRaw(Span<byte> destination)
        {
            if (!key.TryExport(NSecBlobFormat.RawPrivateKey, destination, out int written) || written != 32)
            {
                throw new CryptographicException("NSec could not export the Ed25519 seed.");
            }
        }

        public override void Dispose() => key.Dispose();
    }
}
