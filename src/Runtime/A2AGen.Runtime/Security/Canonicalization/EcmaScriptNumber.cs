using System.Numerics;

namespace A2AGen.Security;

/// <summary>
/// ECMAScript <c>Number.prototype.toString()</c> for doubles (ECMA-262 §6.1.6.1.20), as RFC 8785 §3.2.2.3 requires:
/// the shortest digits that round-trip (computed with Ryu, Adams 2018), laid out with ES6's rules for when to use
/// exponent notation. <c>double.ToString("R")</c> has the same digits but not the same layout.
/// </summary>
internal static class EcmaScriptNumber
{
    /// <summary>The longest output: "-" + 17 digits + "." + "e-324" and change.</summary>
    public const int MaxLength = 32;

    private const int MantissaBits = 52;
    private const int ExponentBits = 11;
    private const int Bias = 1023;
    private const int Pow5InverseBitCount = 125;
    private const int Pow5BitCount = 125;

    // Ryu's tables: ⌈2^k / 5^i⌉ and ⌊5^i / 2^k⌋ scaled to 125 bits, computed exactly once (BigInteger) instead of
    // being pasted in as 1,336 magic constants.
    private static readonly (ulong Low, ulong High)[] Pow5InverseSplit = CreateInverseTable(342);
    private static readonly (ulong Low, ulong High)[] Pow5Split = CreateTable(326);

    /// <summary>Writes the ES6 string of <paramref name="value"/> as ASCII; returns the length.</summary>
    /// <exception cref="ArgumentOutOfRangeException">NaN or an infinity (JSON cannot express them).</exception>
    public static int Format(double value, Span<byte> destination)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), "NaN and infinities have no JSON representation.");
        }

        if (value == 0)
        {
            destination[0] = (byte)'0'; // also -0
            return 1;
        }

        int position = 0;
        if (value < 0)
        {
            destination[position++] = (byte)'-';
            value = -value;
        }

        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        ulong ieeeMantissa = bits & ((1UL << MantissaBits) - 1);
        uint ieeeExponent = (uint)(bits >> MantissaBits) & ((1u << ExponentBits) - 1);
        var (digits, exponent) = ShortestDecimal(ieeeMantissa, ieeeExponent);
        return position + Layout(digits, exponent, destination[position..]);
    }

    /// <summary>The ES6 string of <paramref name="value"/>.</summary>
    public static string ToString(double value)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        int length = Format(value, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer[..length]);
    }

    // value = digits × 10^exponent; ES6 puts the decimal point n = exponent + k digits in (k = number of digits).
    private static int Layout(ulong digits, int exponent, Span<byte> destination)
    {
        Span<byte> text = stackalloc byte[20];
        int k = 0;
        for (ulong v = digits; v != 0; v /= 10)
        {
            k++;
        }

        for (int i = k - 1; i >= 0; i--)
        {
            text[i] = (byte)('0' + (int)(digits % 10));
            digits /= 10;
        }

        int n = exponent + k;
        int position = 0;
        if (k <= n && n <= 21)
        {
            text[..k].CopyTo(destination);
            position = k;
            destination.Slice(position, n - k).Fill((byte)'0');
            return n;
        }

        if (0 < n && n <= 21)
        {
            text[..n].CopyTo(destination);
            destination[n] = (byte)'.';
            text[n..k].CopyTo(destination[(n + 1)..]);
            return k + 1;
        }

        if (-6 < n && n <= 0)
        {
            destination[0] = (byte)'0';
            destination[1] = (byte)'.';
            destination.Slice(2, -n).Fill((byte)'0');
            text[..k].CopyTo(destination[(2 - n)..]);
            return 2 - n + k;
        }

        destination[position++] = text[0];
        if (k > 1)
        {
            destination[position++] = (byte)'.';
            text[1..k].CopyTo(destination[position..]);
            position += k - 1;
        }

        destination[position++] = (byte)'e';
        int e = n - 1;
        destination[position++] = e < 0 ? (byte)'-' : (byte)'+';
        e = Math.Abs(e);
        if (e >= 100)
        {
            destination[position++] = (byte)('0' + (e / 100));
        }

        if (e >= 10)
        {
            destination[position++] = (byte)('0' + (e / 10 % 10));
        }

        destination[position++] = (byte)('0' + (e % 10));
        return position;
    }

    // Ryu's d2d: the shortest (digits, exponent) inside the rounding interval of the double.
    private static (ulong Digits, int Exponent) ShortestDecimal(ulong ieeeMantissa, uint ieeeExponent)
    {
        int e2;
        ulong m2;
        if (ieeeExponent == 0)
        {
            e2 = 1 - Bias - MantissaBits - 2;
            m2 = ieeeMantissa;
        }
        else
        {
            e2 = (int)ieeeExponent - Bias - MantissaBits - 2;
            m2 = (1UL << MantissaBits) | ieeeMantissa;
        }

        bool acceptBounds = (m2 & 1) == 0;
        ulong mv = 4 * m2;
        uint mmShift = ieeeMantissa != 0 || ieeeExponent <= 1 ? 1u : 0u;

        ulong vr, vp, vm;
        int e10;
        bool vmIsTrailingZeros = false;
        bool vrIsTrailingZeros = false;
        if (e2 >= 0)
        {
            int q = Log10Pow2(e2) - (e2 > 3 ? 1 : 0);
            e10 = q;
            int k = Pow5InverseBitCount + Pow5Bits(q) - 1;
            int i = -e2 + q + k;
            var multiplier = Pow5InverseSplit[q];
            vr = MulShift64(4 * m2, multiplier, i);
            vp = MulShift64((4 * m2) + 2, multiplier, i);
            vm = MulShift64((4 * m2) - 1 - mmShift, multiplier, i);
            if (q <= 21)
            {
                if (mv % 5 == 0)
                {
                    vrIsTrailingZeros = MultipleOfPowerOf5(mv, q);
                }
                else if (acceptBounds)
                {
                    vmIsTrailingZeros = MultipleOfPowerOf5(mv - 1 - mmShift, q);
                }
                else
                {
                    vp -= MultipleOfPowerOf5(mv + 2, q) ? 1UL : 0UL;
                }
            }
        }
        else
        {
            int q = Log10Pow5(-e2) - (-e2 > 1 ? 1 : 0);
            e10 = q + e2;
            int i = -e2 - q;
            int k = Pow5Bits(i) - Pow5BitCount;
            int j = q - k;
            var multiplier = Pow5Split[i];
            vr = MulShift64(4 * m2, multiplier, j);
            vp = MulShift64((4 * m2) + 2, multiplier, j);
            vm = MulShift64((4 * m2) - 1 - mmShift, multiplier, j);
            if (q <= 1)
            {
                vrIsTrailingZeros = true;
                if (acceptBounds)
                {
                    vmIsTrailingZeros = mmShift == 1;
                }
                else
                {
                    vp--;
                }
            }
            else if (q < 63)
            {
                vrIsTrailingZeros = (mv & ((1UL << q) - 1)) == 0;
            }
        }

        int removed = 0;
        ulong output;
        if (vmIsTrailingZeros || vrIsTrailingZeros)
        {
            // The rare general case (~0.7%).
            int lastRemovedDigit = 0;
            while (vp / 10 > vm / 10)
            {
                vmIsTrailingZeros &= vm % 10 == 0;
                vrIsTrailingZeros &= lastRemovedDigit == 0;
                lastRemovedDigit = (int)(vr % 10);
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }

            if (vmIsTrailingZeros)
            {
                while (vm % 10 == 0)
                {
                    vrIsTrailingZeros &= lastRemovedDigit == 0;
                    lastRemovedDigit = (int)(vr % 10);
                    vr /= 10;
                    vp /= 10;
                    vm /= 10;
                    removed++;
                }
            }

            if (vrIsTrailingZeros && lastRemovedDigit == 5 && vr % 2 == 0)
            {
                lastRemovedDigit = 4; // round half to even
            }

            output = vr + ((vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemovedDigit >= 5 ? 1UL : 0UL);
        }
        else
        {
            bool roundUp = false;
            if (vp / 100 > vm / 100)
            {
                roundUp = vr % 100 >= 50;
                vr /= 100;
                vp /= 100;
                vm /= 100;
                removed += 2;
            }

            while (vp / 10 > vm / 10)
            {
                roundUp = vr % 10 >= 5;
                vr /= 10;
                vp /= 10;
                vm /= 10;
                removed++;
            }

            output = vr + (vr == vm || roundUp ? 1UL : 0UL);
        }

        return (output, e10 + removed);
    }

    // (m × multiplier) >> j for a 55-bit m and a 125-bit multiplier, j ≥ 64.
    private static ulong MulShift64(ulong m, (ulong Low, ulong High) multiplier, int j)
    {
        ulong high0 = Math.BigMul(m, multiplier.Low, out _);
        ulong high1 = Math.BigMul(m, multiplier.High, out ulong low1);
        ulong sum = high0 + low1;
        if (sum < high0)
        {
            high1++;
        }

        int shift = j - 64;
        return (high1 << (64 - shift)) | (sum >> shift);
    }

    private static int Pow5Bits(int e) => (int)(((uint)e * 1217359) >> 19) + 1;

    private static int Log10Pow2(int e) => (int)(((uint)e * 78913) >> 18);

    private static int Log10Pow5(int e) => (int)(((uint)e * 732923) >> 20);

    private static bool MultipleOfPowerOf5(ulong value, int p)
    {
        int count = 0;
        while (value % 5 == 0 && value != 0)
        {
            value /= 5;
            count++;
        }

        return count >= p;
    }

    private static (ulong, ulong)[] CreateInverseTable(int size)
    {
        var table = new (ulong, ulong)[size];
        for (int i = 0; i < size; i++)
        {
            var pow = BigInteger.Pow(5, i);
            int j = (int)pow.GetBitLength() - 1 + Pow5InverseBitCount;
            table[i] = Split((BigInteger.One << j) / pow + 1);
        }

        return table;
    }

    private static (ulong, ulong)[] CreateTable(int size)
    {
        var table = new (ulong, ulong)[size];
        for (int i = 0; i < size; i++)
        {
            var pow = BigInteger.Pow(5, i);
            int shift = (int)pow.GetBitLength() - Pow5BitCount;
            table[i] = Split(shift >= 0 ? pow >> shift : pow << -shift);
        }

        return table;
    }

    private static (ulong, ulong) Split(BigInteger value) =>
        ((ulong)(value & ulong.MaxValue), (ulong)(value >> 64));
}
