using System.Numerics;

namespace A2AGen.Security;

/// <summary>
/// Checks on Ed25519 encodings done in managed code, so both backends refuse the same inputs: OpenSSL imports
/// small-order and non-canonical public keys and then verifies forged signatures for them.
/// </summary>
internal static class Ed25519Encoding
{
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;

    // d = -121665/121666 mod p (RFC 8032 §5.1).
    private static readonly BigInteger D = BigInteger.Parse("37095705934669439343138083508754565189542113879843219016388785533085940283555", System.Globalization.CultureInfo.InvariantCulture);

    // The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian.
    private static ReadOnlySpan<byte> GroupOrder =>
    [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
    ];

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

    /// <summary>
    /// Cheap signature-shape checks both backends must agree on: <c>S</c> &lt; L (libsodium and OpenSSL both check)
    /// and <c>R</c> not a small-order point (libsodium checks, OpenSSL does not).
    /// </summary>
    public static bool IsAcceptableSignature(ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 64)
        {
            return false;
        }

        return IsBelowGroupOrder(signature[32..]) && !HasSmallOrderY(signature[..32]);
    }

    private static bool IsBelowGroupOrder(ReadOnlySpan<byte> scalar)
    {
        var order = GroupOrder;
        for (int i = 31; i >= 0; i--)
        {
            if (scalar[i] != order[i])
            {
                return scalar[i] < order[i];
            }
        }

        return false;
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
