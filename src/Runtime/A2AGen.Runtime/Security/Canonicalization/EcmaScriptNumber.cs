using System.Globalization;

namespace A2AGen.Security;

/// <summary>
/// ECMAScript <c>Number.prototype.toString()</c> for doubles (ECMA-262 §6.1.6.1.20), as RFC 8785 §3.2.2.3 requires:
/// the shortest digits that round-trip, which the BCL's <c>"R"</c> format gives (.NET Core 3.0 and later), laid out
/// with ES6's rules for when to use exponent notation, which <c>"R"</c> does not follow.
/// </summary>
internal static class EcmaScriptNumber
{
    /// <summary>The longest output: "-" + 17 digits + "." + "e-324" and change.</summary>
    public const int MaxLength = 32;

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

        var (digits, exponent) = ShortestDecimal(value);
        return position + Layout(digits, exponent, destination[position..]);
    }

    /// <summary>The ES6 string of <paramref name="value"/>.</summary>
    public static string ToString(double value)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        int length = Format(value, buffer);
        return System.Text.Encoding.ASCII.GetString(buffer[..length]);
    }

    // The BCL's shortest round-trip text ("123.45", "1E-07", "1.2345E+25") read back as digits × 10^exponent, with no
    // trailing zeros in digits (ES6 wants the fewest digits k).
    private static (ulong Digits, int Exponent) ShortestDecimal(double value)
    {
        Span<char> text = stackalloc char[MaxLength];
        if (!value.TryFormat(text, out int length, "R", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException("The round-trip format did not fit.");
        }

        ulong digits = 0;
        int exponent = 0;
        bool fraction = false;
        int i = 0;
        for (; i < length && text[i] != 'E'; i++)
        {
            if (text[i] == '.')
            {
                fraction = true;
                continue;
            }

            digits = (digits * 10) + (ulong)(text[i] - '0');
            if (fraction)
            {
                exponent--;
            }
        }

        if (i < length)
        {
            exponent += int.Parse(text[(i + 1)..length], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        while (digits % 10 == 0)
        {
            digits /= 10;
            exponent++;
        }

        return (digits, exponent);
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
}
