using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace A2AGen.Biscuit.Crypto;

/// <summary>Signature algorithms of Biscuit keys (values as in <c>schema.proto</c>).</summary>
public enum BiscuitAlgorithm
{
    /// <summary>Ed25519 (RFC 8032).</summary>
    Ed25519 = 0,
    /// <summary>ECDSA over P-256 (secp256r1) with SHA-256.</summary>
    Secp256r1 = 1,
}

/// <summary>
/// A Biscuit public key: Ed25519 (32 bytes) or P-256 (33-byte compressed SEC1 point). Text form
/// <c>ed25519/&lt;hex&gt;</c> or <c>secp256r1/&lt;hex&gt;</c>, as the reference implementation prints it.
/// </summary>
public sealed class BiscuitPublicKey : IEquatable<BiscuitPublicKey>
{
    private readonly byte[] bytes;
    private NSec.Cryptography.PublicKey? ed25519;
    private ECDsa? ecdsa;

    private BiscuitPublicKey(BiscuitAlgorithm algorithm, byte[] bytes)
    {
        Algorithm = algorithm;
        this.bytes = bytes;
    }

    /// <summary>The algorithm.</summary>
    public BiscuitAlgorithm Algorithm { get; }

    /// <summary>The key bytes as carried in tokens (Ed25519: 32 bytes; P-256: compressed SEC1).</summary>
    public ReadOnlySpan<byte> Bytes => bytes;

    /// <summary>Reads a key from its algorithm and bytes.</summary>
    /// <exception cref="BiscuitFormatException">The bytes are not a valid key of that algorithm.</exception>
    public static BiscuitPublicKey FromBytes(BiscuitAlgorithm algorithm, ReadOnlySpan<byte> bytes)
    {
        var key = new BiscuitPublicKey(algorithm, bytes.ToArray());
        switch (algorithm)
        {
            case BiscuitAlgorithm.Ed25519:
                if (!NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, bytes, KeyBlobFormat.RawPublicKey, out key.ed25519))
                {
                    throw new BiscuitFormatException(BiscuitFormatError.InvalidKey, "invalid Ed25519 public key");
                }

                break;
            case BiscuitAlgorithm.Secp256r1:
                key.ecdsa = P256.ImportCompressed(bytes) ?? throw new BiscuitFormatException(BiscuitFormatError.InvalidKey, "invalid P-256 public key (a compressed SEC1 point is expected)");
                break;
            default:
                throw new BiscuitFormatException(BiscuitFormatError.InvalidKey, "unknown key algorithm");
        }

        return key;
    }

    /// <summary>Parses <c>ed25519/&lt;hex&gt;</c> or <c>secp256r1/&lt;hex&gt;</c>.</summary>
    /// <exception cref="BiscuitFormatException">The text is not a valid key.</exception>
    public static BiscuitPublicKey Parse(string text) =>
        TryParse(text, out var key) ? key : throw new BiscuitFormatException(BiscuitFormatError.InvalidKey, "expected a public key as ed25519/<hex> or secp256r1/<hex>");

    /// <summary>Tries to parse <c>ed25519/&lt;hex&gt;</c> or <c>secp256r1/&lt;hex&gt;</c>.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out BiscuitPublicKey? key)
    {
        key = null;
        if (text is null)
        {
            return false;
        }

        BiscuitAlgorithm algorithm;
        string hex;
        if (text.StartsWith("ed25519/", StringComparison.Ordinal))
        {
            algorithm = BiscuitAlgorithm.Ed25519;
            hex = text["ed25519/".Length..];
        }
        else if (text.StartsWith("secp256r1/", StringComparison.Ordinal))
        {
            algorithm = BiscuitAlgorithm.Secp256r1;
            hex = text["secp256r1/".Length..];
        }
        else
        {
            return false;
        }

        if (hex.Length == 0 || hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        try
        {
            key = FromBytes(algorithm, Convert.FromHexString(hex));
            return true;
        }
        catch (BiscuitFormatException)
        {
            return false;
        }
    }

    /// <summary>Reads an SPKI PEM (<c>-----BEGIN PUBLIC KEY-----</c>) holding an Ed25519 or P-256 key.</summary>
    /// <exception cref="BiscuitFormatException">The PEM is not an Ed25519 or P-256 public key.</exception>
    public static BiscuitPublicKey FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (NSec.Cryptography.PublicKey.TryImport(SignatureAlgorithm.Ed25519, System.Text.Encoding.ASCII.GetBytes(pem), KeyBlobFormat.PkixPublicKeyText, out var ed) && ed is not null)
        {
            return FromBytes(BiscuitAlgorithm.Ed25519, ed.Export(KeyBlobFormat.RawPublicKey));
        }

        try
        {
            using var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            var parameters = ec.ExportParameters(false);
            if (parameters.Curve.Oid?.Value != ECCurve.NamedCurves.nistP256.Oid!.Value)
            {
                throw new BiscuitFormatException(BiscuitFormatError.InvalidKey, "only Ed25519 and P-256 keys are supported");
            }

            return FromBytes(BiscuitAlgorithm.Secp256r1, P256.Compress(parameters.Q));
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new BiscuitFormatException(BiscuitFormatError.InvalidKey, "not an Ed25519 or P-256 public key PEM");
        }
    }

    /// <summary>The key as SPKI PEM.</summary>
    public string ToPem()
    {
        if (ed25519 is not null)
        {
            return System.Text.Encoding.ASCII.GetString(ed25519.Export(KeyBlobFormat.PkixPublicKeyText));
        }

        return ecdsa!.ExportSubjectPublicKeyInfoPem();
    }

    /// <summary>Verifies a signature over <paramref name="data"/>.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        if (ed25519 is not null)
        {
            return signature.Length == 64 && SignatureAlgorithm.Ed25519.Verify(ed25519, data, signature);
        }

        try
        {
            return ecdsa!.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public bool Equals(BiscuitPublicKey? other) => other is not null && Algorithm == other.Algorithm && bytes.AsSpan().SequenceEqual(other.bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is BiscuitPublicKey k && Equals(k);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Algorithm);
        h.AddBytes(bytes);
        return h.ToHashCode();
    }

    /// <summary><c>ed25519/&lt;hex&gt;</c> or <c>secp256r1/&lt;hex&gt;</c>.</summary>
    public override string ToString() => (Algorithm == BiscuitAlgorithm.Ed25519 ? "ed25519/" : "secp256r1/") + Convert.ToHexStringLower(bytes);
}

/// <summary>P-256 point compression helpers (tokens carry compressed points; the BCL imports uncompressed ones).</summary>
internal static class P256
{
    private static readonly BigInteger Prime = BigInteger.Parse("115792089210356248762697446949407573530086143415290314195533631308867097853951");
    private static readonly BigInteger B = BigInteger.Parse("41058363725152142129326129780047268409114441015993725554835256314039467401291");
    internal static readonly BigInteger Order = BigInteger.Parse("115792089210356248762697446949407573529996955224135760342422259061068512044369");

    public static ECDsa? ImportCompressed(ReadOnlySpan<byte> compressed)
    {
        if (compressed.Length != 33 || (compressed[0] != 2 && compressed[0] != 3))
        {
            return null;
        }

        var x = new BigInteger(compressed[1..], isUnsigned: true, isBigEndian: true);
        if (x >= Prime)
        {
            return null;
        }

        var rhs = (BigInteger.ModPow(x, 3, Prime) - (3 * x) + B) % Prime;
        if (rhs < 0)
        {
            rhs += Prime;
        }

        // p ≡ 3 (mod 4): the square root is rhs^((p+1)/4); check it really is one (x must be on the curve).
        var y = BigInteger.ModPow(rhs, (Prime + 1) / 4, Prime);
        if (BigInteger.ModPow(y, 2, Prime) != rhs)
        {
            return null;
        }

        if ((y.IsEven ? 2 : 3) != compressed[0])
        {
            y = Prime - y;
        }

        try
        {
            return ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = compressed[1..].ToArray(), Y = ToFixed(y) },
            });
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public static byte[] Compress(ECPoint q)
    {
        var result = new byte[33];
        result[0] = (byte)((q.Y![^1] & 1) == 0 ? 2 : 3);
        q.X.AsSpan().CopyTo(result.AsSpan(1 + 32 - q.X!.Length));
        return result;
    }

    public static byte[] ToFixed(BigInteger value)
    {
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var result = new byte[32];
        raw.CopyTo(result, 32 - raw.Length);
        return result;
    }
}
