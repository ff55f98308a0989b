using System.Security.Cryptography;
using A2AGen.Security.Interop;

namespace A2AGen.Security;

/// <summary>
/// Ed25519 (RFC 8032, JWS <c>EdDSA</c>) on one native backend. Public keys are checked on import (canonical,
/// on the curve, not of small order) and signatures are shape-checked before the backend sees them, so libsodium and
/// OpenSSL accept and refuse exactly the same inputs.
/// </summary>
public sealed class Ed25519SignatureAlgorithm : SignatureAlgorithm
{
    /// <summary>The environment variable that forces a backend: <c>libsodium</c> or <c>openssl</c>.</summary>
    public const string BackendVariable = "A2AGEN_ED25519_BACKEND";

    private static readonly Lazy<Ed25519SignatureAlgorithm> LibsodiumInstance = new(() => new(Ed25519Backend.Libsodium, null));
    private static readonly Lazy<Ed25519SignatureAlgorithm> OpenSslInstance = new(() => new(Ed25519Backend.OpenSsl, null));
    private static readonly Lazy<Ed25519SignatureAlgorithm> DefaultInstance = new(() => Choose(Environment.GetEnvironmentVariable(BackendVariable)));

    private readonly Lazy<(Ed25519Provider? Provider, string? Failure)> _provider;

    private Ed25519SignatureAlgorithm(Ed25519Backend backend, string? forcedFailure)
        : base("Ed25519", "EdDSA", "OKP", "Ed25519", 32, 32, 64)
    {
        Backend = backend;
        _provider = new(() =>
        {
            if (forcedFailure is not null)
            {
                return (null, forcedFailure);
            }

            var provider = Ed25519Provider.TryLoad(backend, out string? failure);
            if (provider is not null && !PassesSelfTest(provider))
            {
                return (null, $"{backend}: the RFC 8032 self-test failed");
            }

            return (provider, failure);
        });
    }

    /// <summary>The backend this instance uses.</summary>
    public Ed25519Backend Backend { get; }

    /// <inheritdoc />
    public override bool IsSupported => _provider.Value.Provider is not null;

    /// <summary>Why the backend is unavailable, or null when <see cref="IsSupported"/>.</summary>
    public string? UnsupportedReason => _provider.Value.Failure;

    internal static Ed25519SignatureAlgorithm Default => DefaultInstance.Value;

    internal override KeyKind Kind => KeyKind.Ed25519;

    private Ed25519Provider Provider => _provider.Value.Provider ?? throw Unsupported();

    /// <summary>The instance for one backend (whether or not it loads; see <see cref="IsSupported"/>).</summary>
    /// <param name="backend">The backend.</param>
    public static Ed25519SignatureAlgorithm ForBackend(Ed25519Backend backend) => backend switch
    {
        Ed25519Backend.Libsodium => LibsodiumInstance.Value,
        Ed25519Backend.OpenSsl => OpenSslInstance.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(backend)),
    };

    internal override void ThrowIfNotSupported() => _ = Provider;

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

        publicKey = new byte[32];
        return Provider.CreateFromSeed(raw, publicKey);
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

    private protected override bool VerifyCore(PublicKey publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        Ed25519Encoding.IsAcceptableSignature(signature) && Provider.Verify(publicKey, data, signature);

    /// <summary>The instance for a <c>A2AGEN_ED25519_BACKEND</c> value: that backend when set, else libsodium, else OpenSSL.</summary>
    internal static Ed25519SignatureAlgorithm Choose(string? forced)
    {
        if (!string.IsNullOrWhiteSpace(forced))
        {
            return forced.Trim().ToLowerInvariant() switch
            {
                "libsodium" => LibsodiumInstance.Value,
                "openssl" => OpenSslInstance.Value,
                _ => new Ed25519SignatureAlgorithm(
                    Ed25519Backend.Libsodium,
                    $"{BackendVariable}='{forced}' is not a backend; use 'libsodium' or 'openssl', or unset it to choose automatically."),
            };
        }

        var libsodium = LibsodiumInstance.Value;
        if (libsodium.IsSupported)
        {
            return libsodium;
        }

        var openSsl = OpenSslInstance.Value;
        if (openSsl.IsSupported)
        {
            return openSsl;
        }

        return new Ed25519SignatureAlgorithm(
            Ed25519Backend.Libsodium,
            $"No Ed25519 backend loads: {libsodium.UnsupportedReason}; {openSsl.UnsupportedReason}. Install libsodium (libsodium23) or OpenSSL 3.");
    }

    // RFC 8032 §7.1 TEST 2: a wrong answer means the library is broken or not what its name says.
    private bool PassesSelfTest(Ed25519Provider provider)
    {
        ReadOnlySpan<byte> seed = Convert.FromHexString("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb");
        ReadOnlySpan<byte> expectedPublicKey = Convert.FromHexString("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
        ReadOnlySpan<byte> expectedSignature = Convert.FromHexString(
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");
        ReadOnlySpan<byte> message = [0x72];

        var publicKey = new byte[32];
        Span<byte> signature = stackalloc byte[64];
        using (var material = provider.CreateFromSeed(seed, publicKey))
        {
            material.Sign(message, signature);
        }

        return publicKey.AsSpan().SequenceEqual(expectedPublicKey)
            && signature.SequenceEqual(expectedSignature)
            && provider.Verify(new PublicKey(this, publicKey), message, signature);
    }

    private PlatformNotSupportedException Unsupported() =>
        new($"Ed25519 is not available: {_provider.Value.Failure}");
}
