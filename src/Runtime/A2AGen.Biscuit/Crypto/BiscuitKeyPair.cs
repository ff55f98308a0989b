using System.Numerics;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace A2AGen.Biscuit.Crypto;

/// <summary>
/// A Biscuit private key with its public key: Ed25519 (32-byte seed) or P-256 (32-byte big-endian scalar). Root keys
/// mint tokens; fresh ephemeral pairs sign each appended block. Dispose to release the private key.
/// </summary>
public sealed class BiscuitKeyPair : IDisposable
{
    private readonly Key? ed25519;
    private readonly ECDsa? ecdsa;

    private BiscuitKeyPair(Key key)
    {
        ed25519 = key;
        Algorithm = BiscuitAlgorithm.Ed25519;
        PublicKey = BiscuitPublicKey.FromBytes(BiscuitAlgorithm.Ed25519, key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    private BiscuitKeyPair(ECDsa key)
    {
        ecdsa = key;
        Algorithm = BiscuitAlgorithm.Secp256r1;
        PublicKey = BiscuitPublicKey.FromBytes(BiscuitAlgorithm.Secp256r1, P256.Compress(key.ExportParameters(false).Q));
    }

    /// <summary>The algorithm.</summary>
    public BiscuitAlgorithm Algorithm { get; }

    /// <summary>The public key.</summary>
    public BiscuitPublicKey PublicKey { get; }

    /// <summary>Creates a random key pair.</summary>
    public static BiscuitKeyPair Create(BiscuitAlgorithm algorithm = BiscuitAlgorithm.Ed25519) => algorithm switch
    {
        BiscuitAlgorithm.Ed25519 => new BiscuitKeyPair(Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport })),
        BiscuitAlgorithm.Secp256r1 => new BiscuitKeyPair(ECDsa.Create(ECCurve.NamedCurves.nistP256)),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>Imports a private key from its raw bytes (Ed25519 seed, or P-256 big-endian scalar).</summary>
    /// <exception cref="BiscuitFormatException">The bytes are not a valid private key.</exception>
    public static BiscuitKeyPair FromPrivateKey(BiscuitAlgorithm algorithm, ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32)
        {
            throw new BiscuitFormatException(BiscuitFormatError.InvalidKey, "a private key is 32 bytes");
        }

        if (algorithm == BiscuitAlgorithm.Ed25519)
        {
            return Key.TryImport(SignatureAlgorithm.Ed25519, privateKey, KeyBlobFormat.RawPrivateKey, out var key, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport })
                ? new BiscuitKeyPair(key!)
                : throw new BiscuitFormatException(BiscuitFormatError.InvalidKey, "invalid Ed25519 private key");
        }

        var d = new BigInteger(privateKey, isUnsigned: true, isBigEndian: true);
        if (d.IsZero || d >= P256.Order)
        {
            throw new BiscuitFormatException(BiscuitFormatError.InvalidKey, "invalid P-256 private key");
        }

        try
        {
            return new BiscuitKeyPair(ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = privateKey.ToArray() }));
        }
        catch (CryptographicException)
        {
            throw new BiscuitFormatException(BiscuitFormatError.InvalidKey, "invalid P-256 private key");
        }
    }

    /// <summary>Parses <c>ed25519-private/&lt;hex&gt;</c> or <c>secp256r1-private/&lt;hex&gt;</c> (the reference implementation's text form).</summary>
    /// <exception cref="BiscuitFormatException">The text is not a private key.</exception>
    public static BiscuitKeyPair ParsePrivateKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (algorithm, hex) = text switch
        {
            _ when text.StartsWith("ed25519-private/", StringComparison.Ordinal) => (BiscuitAlgorithm.Ed25519, text["ed25519-private/".Length..]),
            _ when text.StartsWith("secp256r1-private/", StringComparison.Ordinal) => (BiscuitAlgorithm.Secp256r1, text["secp256r1-private/".Length..]),
            _ => (BiscuitAlgorithm.Ed25519, text),
        };
        try
        {
            return FromPrivateKey(algorithm, Convert.FromHexString(hex));
        }
        catch (FormatException)
        {
            throw new BiscuitFormatException(BiscuitFormatError.InvalidKey, "a private key is given as hex");
        }
    }

    /// <summary>The raw private key (Ed25519 seed, or P-256 big-endian scalar). Handle as a secret.</summary>
    public byte[] ExportPrivateKey() => ed25519 is not null
        ? ed25519.Export(KeyBlobFormat.RawPrivateKey)
        : P256.ToFixed(new BigInteger(ecdsa!.ExportParameters(true).D, isUnsigned: true, isBigEndian: true));

    /// <summary>Signs <paramref name="data"/> (P-256: DER signature, low-S).</summary>
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        if (ed25519 is not null)
        {
            return SignatureAlgorithm.Ed25519.Sign(ed25519, data);
        }

        // Normalise to low S so that verifiers which insist on it accept our signatures.
        var raw = ecdsa!.SignData(data.ToArray(), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var s = new BigInteger(raw.AsSpan(32), isUnsigned: true, isBigEndian: true);
        if (s > P256.Order / 2)
        {
            P256.ToFixed(P256.Order - s).CopyTo(raw, 32);
        }

        return EncodeDer(raw.AsSpan(0, 32), raw.AsSpan(32));
    }

    /// <inheritdoc />
    public void Dispose()
    {
        ed25519?.Dispose();
        ecdsa?.Dispose();
    }

    private static byte[] EncodeDer(ReadOnlySpan<byte> r, ReadOnlySpan<byte> s)
    {
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(new BigInteger(r, isUnsigned: true, isBigEndian: true));
            writer.WriteInteger(new BigInteger(s, isUnsigned: true, isBigEndian: true));
        }

        return writer.Encode();
    }
}
