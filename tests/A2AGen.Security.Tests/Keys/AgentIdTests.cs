namespace A2AGen.Security.Tests.Keys;

/// <summary>Agent ids are safe file names and identities.</summary>
public sealed class AgentIdTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("currency-agent")]
    [InlineData("travel.desk_v2")]
    [InlineData("0agent")]
    [InlineData("a.b.c")]
    public void Valid_ids(string id)
    {
        Assert.True(AgentId.IsValid(id));
        Assert.Equal(id, AgentId.Validate(id));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("../x", "start with")]
    [InlineData("a/../../etc/passwd", "may contain only")]
    [InlineData("a/b", "may contain only")]
    [InlineData("a\\b", "may contain only")]
    [InlineData("a\0b", "may contain only")]
    [InlineData("agent\u00e9", "may contain only")]
    [InlineData("Agent", "start with")]
    [InlineData("aGENT", "may contain only")]
    [InlineData(".hidden", "start with")]
    [InlineData("-dash", "start with")]
    [InlineData("a..b", "'..'")]
    [InlineData("a.", "end with")]
    [InlineData("a b", "may contain only")]
    [InlineData("con", "reserved")]
    [InlineData("nul.jwks", "reserved")]
    [InlineData("lpt1", "reserved")]
    public void Invalid_ids_say_why(string id, string expected)
    {
        Assert.False(AgentId.IsValid(id));
        var error = Assert.Throws<ArgumentException>(() => AgentId.Validate(id));
        Assert.Contains(expected, error.Message);
        Assert.False(error.Message.Contains('\0'), "the message must not carry a raw NUL");
    }

    [Fact]
    public void Length_limit_is_64()
    {
        Assert.True(AgentId.IsValid(new string('a', 64)));
        Assert.False(AgentId.IsValid(new string('a', 65)));
        Assert.False(AgentId.IsValid(null));
    }
}
