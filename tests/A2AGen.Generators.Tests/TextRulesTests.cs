using System.Text.Json;
using A2AGen.Declarations.Parsing;

namespace A2AGen.Generators.Tests;

/// <summary>The textual rules the parser applies: ids, keys, names, versions, URLs.</summary>
public class TextRulesTests
{
    [Theory]
    [InlineData("UserPreferredCurrency")]
    [InlineData("UserID")]
    [InlineData("IOStream")]
    [InlineData("Version2")]
    [InlineData("already_snake")]
    [InlineData("A")]
    [InlineData("ABC")]
    [InlineData("myURLValue")]
    [InlineData("UShort")]
    [InlineData("X1Y2")]
    [InlineData("with_Mixed_Case")]
    [InlineData("ÉtatCivil")]
    [InlineData("HTML5Parser")]
    [InlineData("getHTTPResponseCode")]
    [InlineData("_leading")]
    [InlineData("trailing_")]
    public void Snake_case_matches_System_Text_Json(string name) =>
        Assert.Equal(JsonNamingPolicy.SnakeCaseLower.ConvertName(name), TextRules.ToSnakeCase(name));

    [Theory]
    [InlineData("user_preferred_currency", "UserPreferredCurrency")]
    [InlineData("tier", "Tier")]
    [InlineData("a1_b2", "A1B2")]
    [InlineData("x__y", "XY")]
    [InlineData("end_", "End")]
    public void Snake_keys_become_PascalCase(string key, string property) =>
        Assert.Equal(property, TextRules.SnakeToPascal(key));

    [Theory]
    [InlineData("a", true)]
    [InlineData("0", true)]
    [InlineData("currency-agent", true)]
    [InlineData("agent.v2_beta", true)]
    [InlineData("a..b", true)]
    [InlineData("", false)]
    [InlineData(".hidden", false)]
    [InlineData("..", false)]
    [InlineData("a/b", false)]
    [InlineData("Agent", false)]
    [InlineData("a b", false)]
    [InlineData("é", false)]
    public void Ids_are_url_and_file_name_safe(string id, bool valid)
    {
        Assert.Equal(valid, TextRules.IsValidId(id));
        Assert.Equal(valid, A2AGen.Build.AgentCardMetadataReader.IsSafeFileName(id));
    }

    [Fact]
    public void Ids_are_at_most_64_characters()
    {
        Assert.True(TextRules.IsValidId(new string('a', 64)));
        Assert.False(TextRules.IsValidId(new string('a', 65)));
    }

    [Theory]
    [InlineData("1.0.0", true)]
    [InlineData("0.0.1", true)]
    [InlineData("10.20.30-rc.1+build.7", true)]
    [InlineData("1.0", false)]
    [InlineData("1.0.0.0", false)]
    [InlineData("01.0.0", false)]
    [InlineData("v1.0.0", false)]
    [InlineData("1.0.0-", false)]
    public void Versions_are_semantic(string version, bool valid) => Assert.Equal(valid, TextRules.IsSemanticVersion(version));

    [Fact]
    public void Unpaired_surrogates_are_found()
    {
        // Built in code: test-case serialization would replace a lone surrogate before the test saw it.
        Assert.False(TextRules.HasUnpairedSurrogate("a" + "\uD83D\uDE00" + "b"));
        Assert.False(TextRules.HasUnpairedSurrogate("plain"));
        Assert.True(TextRules.HasUnpairedSurrogate(new string('\uD83D', 1)));
        Assert.True(TextRules.HasUnpairedSurrogate("x" + new string('\uDE00', 1)));
        Assert.True(TextRules.HasUnpairedSurrogate(new string(['\uDE00', '\uD83D'])));
        Assert.True(TextRules.HasUnpairedSurrogate(new string(['a', '\uD83D', 'b'])));
    }

    [Fact]
    public void Snake_case_matches_System_Text_Json_on_generated_names()
    {
        // A differential check over many shapes of names: letters, capitals runs, digits, separators, spaces.
        var parts = new[] { "a", "A", "ab", "AB", "Ab", "aB", "1", "12", "_", " ", "-", "É", "é", "x1", "X1", "URL", "Id" };
        var random = new Random(20261121);
        for (var i = 0; i < 5_000; i++)
        {
            var name = string.Concat(Enumerable.Range(0, random.Next(1, 6)).Select(_ => parts[random.Next(parts.Length)]));
            Assert.True(
                JsonNamingPolicy.SnakeCaseLower.ConvertName(name) == TextRules.ToSnakeCase(name),
                $"'{name}': System.Text.Json says '{JsonNamingPolicy.SnakeCaseLower.ConvertName(name)}', A2AGen says '{TextRules.ToSnakeCase(name)}'");
        }
    }

    [Theory]
    [InlineData("delete-user", "delete")]
    [InlineData("DeleteUser", "Delete")]
    [InlineData("refunding", "refunding")]
    [InlineData("charged", "charged")]
    [InlineData("display", null)]
    [InlineData("payload", null)]
    [InlineData("greeting", null)]
    public void Privileged_words_are_found_as_whole_words(string text, string? word) =>
        Assert.Equal(word, TextRules.FindPrivilegedWord(text));
}
