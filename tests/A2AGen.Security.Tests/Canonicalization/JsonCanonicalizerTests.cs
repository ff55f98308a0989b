using System.Globalization;
using System.Text;

namespace A2AGen.Security.Tests.Canonicalization;

/// <summary>Number formatting beyond the vector file, ordering, escaping, and every input JCS must refuse.</summary>
public sealed class JsonCanonicalizerTests
{
    private static string Jcs(string json) => Encoding.UTF8.GetString(JsonCanonicalizer.Canonicalize(json));

    [Theory]
    [InlineData("125000.5", "125000.5")]
    [InlineData("-0", "0")]
    [InlineData("-0.0", "0")]
    [InlineData("1.50", "1.5")]
    [InlineData("0.000001", "0.000001")]
    [InlineData("0.0000001", "1e-7")]
    [InlineData("123456789012345", "123456789012345")]
    [InlineData("1234567890123456789", "1234567890123456800")]
    [InlineData("0.1234567890123456789", "0.12345678901234568")]
    [InlineData("007", null)]
    [InlineData("1E2", "100")]
    public void Plain_decimals_are_copied_only_when_already_in_ECMAScript_form(string number, string? expected)
    {
        if (expected is null)
        {
            Assert.Throws<FormatException>(() => Jcs(number));
            return;
        }

        Assert.Equal(expected, Jcs(number));
    }

    [Fact]
    public void The_decimal_shortcut_agrees_with_parsing_and_formatting_on_random_numbers()
    {
        var random = new Random(8785);
        for (int i = 0; i < 20_000; i++)
        {
            int digits = random.Next(1, 16);
            int scale = random.Next(0, digits + 7);
            long mantissa = random.NextInt64(1, (long)Math.Pow(10, digits));
            string text = (random.Next(2) == 0 ? "-" : "") + ((decimal)mantissa / (decimal)Math.Pow(10, scale)).ToString(CultureInfo.InvariantCulture);
            string slow = JsonCanonicalizer.FormatNumber(double.Parse(text, CultureInfo.InvariantCulture));
            Assert.True(slow == Jcs(text), $"{text}: {slow} vs {Jcs(text)}");
        }
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(0.0000001, "1e-7")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    [InlineData(double.Epsilon * 2, "1e-323")]
    [InlineData(2.2250738585072014e-308, "2.2250738585072014e-308")]
    [InlineData(9007199254740992.0, "9007199254740992")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(1e15, "1000000000000000")]
    [InlineData(333333333.3333333, "333333333.3333333")]
    public void Numbers_use_ECMAScript_form(double value, string expected) =>
        Assert.Equal(expected, JsonCanonicalizer.FormatNumber(value));

    [Fact]
    public void Negative_zero_is_zero() => Assert.Equal("0", JsonCanonicalizer.FormatNumber(-0.0));

    [Fact]
    public void The_ES6_layout_keeps_the_BCL_shortest_digits_and_round_trips_for_200000_random_doubles()
    {
        var random = new Random(8785);
        Span<byte> bits = stackalloc byte[8];
        for (int i = 0; i < 200_000; i++)
        {
            random.NextBytes(bits);
            double value = BitConverter.ToDouble(bits);
            if (!double.IsFinite(value))
            {
                continue;
            }

            string ours = JsonCanonicalizer.FormatNumber(value);
            Assert.Equal(value, double.Parse(ours, CultureInfo.InvariantCulture));
            Assert.Equal(Digits(value.ToString("R", CultureInfo.InvariantCulture)), Digits(ours));
        }
    }

    // The significant digits of a number's text, without sign, point, exponent or leading/trailing zeros.
    private static string Digits(string text)
    {
        int e = text.IndexOfAny(['e', 'E']);
        string mantissa = e < 0 ? text : text[..e];
        return mantissa.Replace("-", "").Replace(".", "").Trim('0');
    }

    [Fact]
    public void Keys_sort_by_UTF16_code_units_not_code_points()
    {
        // U+1F602 (surrogates D83D DE02) sorts before U+FB33 in UTF-16, after it in code points/UTF-8.
        Assert.Equal("{\"\ud83d\ude02\":1,\"\ufb33\":2}", Jcs("{\"\ufb33\":2,\"\ud83d\ude02\":1}"));
        Assert.Equal("{\"a\":1,\"b\":[{\"x\":1,\"y\":2}],\"c\":{}}", Jcs("{ \"c\" : { }, \"b\" : [ { \"y\":2, \"x\":1 } ], \"a\":1 }"));
    }

    [Fact]
    public void Large_objects_sort_too()
    {
        var names = Enumerable.Range(0, 100).Select(i => $"k{i:D3}").ToList();
        string json = "{" + string.Join(",", names.AsEnumerable().Reverse().Select(n => $"\"{n}\":\"{n}\"")) + "}";
        Assert.Equal("{" + string.Join(",", names.Select(n => $"\"{n}\":\"{n}\"")) + "}", Jcs(json));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(60)]
    public void Keys_compared_as_UTF8_still_sort_by_UTF16_code_units_escaped_or_not_small_or_large(int count)
    {
        // Keys are compared as UTF-8 (unescaped ones where they are in the input): the order must still be UTF-16's,
        // across supplementary characters, U+E000–U+FFFF, escaped and raw spellings, insertion sort and the large path.
        string[] alphabet = ["a", "\ufb33", "\ud83d\ude02", "\ue000", "\uffff", "\ud7ff", "é", "\U0010ffff", "~", "\u0080"];
        var keys = Enumerable.Range(0, count).Select(i => alphabet[i % alphabet.Length] + alphabet[((i * 7) + 3) % alphabet.Length] + i).ToList();
        var random = new Random(16);
        var shuffled = keys.OrderBy(_ => random.Next()).ToList();
        string json = "{" + string.Join(",", shuffled.Select(k => $"\"{(keys.IndexOf(k) % 3 == 0 ? Escaped(k) : k)}\":{keys.IndexOf(k)}")) + "}";

        var expected = keys.Order(StringComparer.Ordinal).Select(k => $"\"{k}\":{keys.IndexOf(k)}");
        Assert.Equal("{" + string.Join(",", expected) + "}", Jcs(json));
    }

    [Fact]
    public void A_key_spelled_once_escaped_and_once_raw_is_a_duplicate()
    {
        var e = Assert.Throws<FormatException>(() => Jcs("{\"\\u00e9\":1,\"b\":2,\"é\":3}"));
        Assert.Contains("\"é\" more than once", e.Message, StringComparison.Ordinal);
    }

    private static string Escaped(string key) => string.Concat(key.Select(c => $"\\u{(int)c:x4}"));

    [Fact]
    public void Strings_keep_only_the_mandatory_escapes()
    {
        Assert.Equal("\"\\u0000\\u001f\\b\\t\\n\\f\\r\\\"\\\\/\u007f\u2028</script>\"", Jcs("\"\\u0000\\u001F\\b\\t\\n\\f\\r\\\"\\\\\\/\\u007f\\u2028<\\/script>\""));
        Assert.Equal("\"é€😂\"", Jcs("\"\\u00e9\\u20AC\\uD83D\\uDE02\""));
    }

    [Theory]
    [InlineData("{\"a\":1,\"a\":2}", "more than once")]
    [InlineData("{\"b\":1,\"a\":2,\"b\":3}", "more than once")]
    [InlineData("{\"a\":1,\"\\u0061\":2}", "more than once")]
    [InlineData("[{\"x\":{\"y\":1,\"y\":1}}]", "more than once")]
    [InlineData("\"\\ud800\"", "lone surrogate")]
    [InlineData("\"\\udc00\"", "lone surrogate")]
    [InlineData("\"\\ud800\\u0041\"", "lone surrogate")]
    [InlineData("{\"\\ud800x\":1}", "lone surrogate")]
    [InlineData("1e400", "outside the range")]
    [InlineData("-1e309", "outside the range")]
    [InlineData("NaN", "invalid")]
    [InlineData("[1,]", "invalid")]
    [InlineData("{} {}", "invalid")]
    [InlineData("", "invalid")]
    [InlineData("// comment\n1", "invalid")]
    public void Invalid_input_is_refused_with_a_reason(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => JsonCanonicalizer.Canonicalize(json));
        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Invalid_UTF8_is_refused()
    {
        Assert.Throws<FormatException>(() => JsonCanonicalizer.Canonicalize([(byte)'"', 0xc3, 0x28, (byte)'"']));
        Assert.Throws<FormatException>(() => JsonCanonicalizer.Canonicalize([(byte)'"', 0xed, 0xa0, 0x80, (byte)'"'])); // UTF-8-encoded surrogate
    }

    [Fact]
    public void Nesting_deeper_than_64_is_refused()
    {
        string deep = new string('[', 65) + new string(']', 65);
        Assert.Throws<FormatException>(() => JsonCanonicalizer.Canonicalize(deep));
        Assert.Equal(new string('[', 64) + new string(']', 64), Jcs(new string('[', 64) + new string(']', 64)));
    }

    [Fact]
    public void A_top_level_member_can_be_left_out()
    {
        var json = "{\"z\":1,\"signatures\":[{\"a\":1}],\"a\":{\"signatures\":2}}"u8;
        Assert.Equal("{\"a\":{\"signatures\":2},\"z\":1}", Encoding.UTF8.GetString(JsonCanonicalizer.CanonicalizeWithout(json, "signatures"u8)));
        Assert.Throws<FormatException>(() => JsonCanonicalizer.CanonicalizeWithout("{\"signatures\":1,\"signatures\":2}"u8, "signatures"u8));
    }

    [Fact]
    public void Buffer_writer_overload_and_threads_agree()
    {
        string json = "{\"b\":[1,2.5,true,null,\"x\"],\"a\":\"\\u00e9\"}";
        var expected = JsonCanonicalizer.Canonicalize(json);
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json), writer);
        Assert.Equal(expected, writer.WrittenSpan.ToArray());
        Parallel.For(0, 500, _ => Assert.Equal(expected, JsonCanonicalizer.Canonicalize(json)));
    }
}
