using System.Numerics;

namespace A2AGen.Security;

/// <summary>
/// The import-time check of Ed25519 public keys: NSec imports small-order and non-canonical keys (libsodium refuses
/// them only when verifying), and A2AGen refuses them with a message that says which check failed.
/// </summary>
internal static class Ed25519Encoding
{
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;

    // d = -121665/121666 mod p (RFC 8032 §5.1).
    private static readonly BigInteger D = BigInteger.Parse("37095705934669439343138083508754565189542113879843219016388785533085940283555", System.Globalization.CultureInfo.InvariantCulture);

    // The y-coordinates of the 8 points of small order (identity, order 2, two of order 4 sharing y = 0, four of
    // order 8 sharing two y values), little-endian. Every encoding of these points, canonical or not, has one of them.
    private static readonly byte[][] SmallOrderY =
    [
        Convert.FromHexString("0000000000000000000000000000000000000000000000000000000000000000"),
        Convert.FromHexString("0100000000000000000000000000000000000000000000000000000000000000"),
        Convert.FromHexString("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        Convert.FromHexString("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"),
        Convert.FromHexString("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a"),
    ];

    /// <summary>
    /// Whether <paramref name="publicKey"/> is a canonical encoding of a point on edwards25519 that is not of small
    /// order; <paramref name="problem"/> says what is wrong otherwise.
    /// </summary>
    public static bool IsAcceptablePublicKey(ReadOnlySpan<byte> publicKey, out string? problem)
    {
        if (publicKey.Length != 32)
        {
            problem = $"an Ed25519 public key is 32 bytes, not {publicKey.Length}";
            return false;
        }

        bool negativeX = (publicKey[31] & 0x80) != 0;
        var y = new BigInteger(publicKey, isUnsigned: true, isBigEndian: false) & (BigInteger.Pow(2, 255) - 1);
        if (y >= P)
        {
            problem = "the Ed25519 public key is not canonically encoded (y ≥ 2^255 − 19)";
            return false;
        }

        if (HasSmallOrderY(publicKey))
        {
            problem = "the Ed25519 public key is a point of small order";
            return false;
        }

        // x² = (y² − 1) / (d·y² + 1); the point exists when that is a square mod p.
        var y2 = y * y % P;
        var u = (y2 - 1 + P) % P;
        var v = (D * y2 + 1) % P;
        var x2 = u * BigInteger.ModPow(v, P - 2, P) % P;
        if (x2.IsZero)
        {
            // Only y = ±1 give x = 0, and both are small-order; kept for the sign rule's sake.
            if (negativeX)
            {
                problem = "the Ed25519 public key is not canonically encoded (x = 0 with the sign bit set)";
                return false;
            }
        }
        else if (BigInteger.ModPow(x2, (P - 1) / 2, P) != BigInteger.One)
        {
            problem = "the Ed25519 public key is not a point on edwards25519";
            return false;
        }

        problem = null;
        return true;
    }

    // Compares y (sign bit cleared) with each small-order y, also as y + p where that still fits 255 bits (y ∈ {0, 1}).
    private static bool HasSmallOrderY(ReadOnlySpan<byte> encoded)
    {
        Span<byte> y = stackalloc byte[32];
        encoded.CopyTo(y);
        y[31] &= 0x7f;
        foreach (var candidate in SmallOrderY)
        {
            if (y.SequenceEqual(candidate))
            {
                return true;
            }
        }

        // y ≥ p encodings of y = 0 and y = 1 (p and p + 1).
        if (y[31] == 0x7f && y[1..31].IndexOfAnyExcept((byte)0xff) < 0 && (y[0] == 0xed || y[0] == 0xee))
        {
            return true;
        }

        return false;
    }
}
