using A2AGen.Biscuit.Datalog;

namespace A2AGen.Biscuit.Tests;

/// <summary>The text parser: every construct round-trips through the printer, and errors carry their position.</summary>
public sealed class DatalogParserTests
{
    [Theory]
    [InlineData("check if resource($0), operation(\"read\"), right($0, \"read\")")]
    [InlineData("check all operation($op), allowed_operations($allowed), $allowed.contains($op)")]
    [InlineData("reject if test($test), $test")]
    [InlineData("check if 1 + 2 * 3 - 4 / 2 === 5")]
    [InlineData("check if 1 | 2 ^ 3 === 0")]
    [InlineData("check if {1, 2, 3}.any($p -> $p > 1 && {3, 4, 5}.any($q -> $p == $q))")]
    [InlineData("check if {\"user\": {\"id\": 1, \"roles\": [\"admin\"]}}.get(\"user\").get(\"roles\").contains(\"admin\")")]
    [InlineData("check if (true === 12).try_or(true)")]
    [InlineData("check if true.extern::test(), \"a\".extern::test(\"a\") == \"equal strings\"")]
    [InlineData("check if query(1) trusting ed25519/acdd6d5b53bfee478bf689f8e012fe7988bf755e3d7c5152947abc149bc20189")]
    [InlineData("check if time($time), $time <= 2018-12-20T00:00:00Z")]
    [InlineData("check if hex:12ab === hex:12ab or {,}.length() === 0")]
    public void Checks_round_trip(string text) => Assert.Equal(text, DatalogParser.ParseCheck(text).ToString());

    [Fact]
    public void Rules_policies_and_comments_parse()
    {
        var source = DatalogParser.ParseSource("""
            // a comment
            right($0, "read") <- resource($0), owner("alice", $0); /* block comment */
            allow if right("file1", "read");
            deny if true;
            """);
        Assert.Equal("right($0, \"read\") <- resource($0), owner(\"alice\", $0)", Assert.Single(source.Rules).ToString());
        Assert.Equal(["allow if right(\"file1\", \"read\")", "deny if true"], source.Policies.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("check if resource($0), $0.matches(", 1, 35)]
    [InlineData("right(\"x\");\nright($x);", 2, 1)]
    [InlineData("right(\"x\")\nright(\"y\");", 2, 1)]
    [InlineData("head($x) <- body($y);", 1, 1)]
    [InlineData("check if \"unterminated", 1, 10)]
    [InlineData("check if 99999999999999999999 > 1;", 1, 10)]
    [InlineData("check if {1, \"a\"}.contains(1);", 1, 10)]
    public void Errors_report_line_and_column(string text, int line, int column)
    {
        var e = Assert.Throws<DatalogParseException>(() => DatalogParser.ParseSource(text));
        Assert.Equal((line, column), (e.Line, e.Column));
        Assert.Contains($"line {line}, column {column}", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check if {0}true{1};", "(", ")")]
    [InlineData("check if {0}true;", "!", "")]
    [InlineData("fact({0}1{1});", "[", "]")]
    public void Deep_nesting_is_refused_not_a_stack_overflow(string template, string open, string close)
    {
        var text = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, string.Concat(Enumerable.Repeat(open, 100_000)), string.Concat(Enumerable.Repeat(close, 100_000)));
        var e = Assert.Throws<DatalogParseException>(() => DatalogParser.ParseSource(text));
        Assert.Contains("nesting", e.Reason, StringComparison.Ordinal);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void Blocks_refuse_policies()
    {
        var e = Assert.Throws<DatalogParseException>(() => DatalogParser.ParseBlock("right(\"x\");\nallow if true;"));
        Assert.Equal(2, e.Line);
    }
}
