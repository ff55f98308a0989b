using System.Globalization;
using System.Text;
using A2AGen.Security.Tests.Support;

namespace A2AGen.Security.Tests.Canonicalization;

/// <summary>cyberphone/json-canonicalization vectors and the ES6 number sequence.</summary>
public sealed class JcsVectorTests
{
    public static TheoryData<string> Cases() =>
        new(Directory.GetFiles(TestData.PathOf("jcs", "input"), "*.json").Select(Path.GetFileNameWithoutExtension).Order()!);

    [Fact]
    public void All_six_vector_files_are_present() => Assert.Equal(6, Cases().Count);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Input_canonicalizes_to_the_expected_bytes(string name)
    {
        var input = File.ReadAllBytes(TestData.PathOf("jcs", "input", name + ".json"));
        var expected = File.ReadAllBytes(TestData.PathOf("jcs", "output", name + ".json"));
        var expectedHex = Convert.FromHexString(string.Concat(File.ReadAllText(TestData.PathOf("jcs", "outhex", name + ".txt")).Where(char.IsAsciiHexDigit)));
        Assert.Equal(expected, expectedHex);

        var actual = JsonCanonicalizer.Canonicalize(input);
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
        Assert.Equal(expected, actual);

        // Canonical output is a fixed point.
        Assert.Equal(expected, JsonCanonicalizer.Canonicalize(expected));
        Assert.True(JsonCanonicalizer.IsCanonical(expected));
    }

    [Fact]
    public void All_10000_es6_numbers_format_exactly()
    {
        var lines = File.ReadAllLines(TestData.PathOf("jcs", "es6testfile_10k.txt"));
        Assert.Equal(10_000, lines.Length);
        var failures = new List<string>();
        foreach (string line in lines)
        {
            int comma = line.IndexOf(',');
            double value = BitConverter.UInt64BitsToDouble(ulong.Parse(line[..comma], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            string expected = line[(comma + 1)..];
            string actual = JsonCanonicalizer.FormatNumber(value);
            if (actual != expected)
            {
                failures.Add($"{line[..comma]}: expected {expected}, got {actual}");
            }

            // And through the canonicalizer, from the number's own text.
            if (double.IsFinite(value) && failures.Count == 0)
            {
                var json = Encoding.ASCII.GetBytes(value.ToString("R", CultureInfo.InvariantCulture));
                Assert.Equal(expected, Encoding.ASCII.GetString(JsonCanonicalizer.Canonicalize(json)));
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }
}
