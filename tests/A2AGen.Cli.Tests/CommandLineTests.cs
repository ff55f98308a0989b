using A2AGen.Cli.Tests.Infrastructure;

namespace A2AGen.Cli.Tests;

/// <summary>The command line itself: help everywhere, and a wrong command line is exit 2 with one line pointing at the help.</summary>
public sealed class CommandLineTests
{
    public static TheoryData<string> Commands => ["", "keys", "keys gen", "keys show", "card", "card show", "card verify", "card sign", "jws", "jws verify", "passport", "passport sign", "passport verify", "dlq", "dlq list", "dlq show", "dlq retry", "dlq purge"];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task Every_command_has_help(string command)
    {
        string[] words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var run = await Tool.RunAsync([.. words, "--help"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Output);
        Assert.Contains($"a2agen {command}".TrimEnd(), run.Output);
        Assert.Contains("--json", run.Output);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Help_names_the_exit_codes_of_verification()
    {
        Assert.Contains("exit 0 Verified, 3 Unverified, 4 Invalid", (await Tool.RunAsync("card", "verify", "--help")).Output);
        Assert.Contains("exit 0 valid, 3 no trusted key, 4 a check failed", (await Tool.RunAsync("jws", "verify", "--help")).Output);
        Assert.Contains("exit 0 Verified, 3 unsigned or no trusted key for the client, 4 Invalid or malformed", (await Tool.RunAsync("passport", "verify", "--help")).Output);
    }

    [Theory]
    [InlineData(new string[0], "Required command was not provided", "See 'a2agen --help'.")]
    [InlineData(new[] { "frobnicate" }, "frobnicate", "See 'a2agen --help'.")]
    [InlineData(new[] { "card", "sign", "card.json" }, "Option '--key' is required", "See 'a2agen card sign --help'.")]
    [InlineData(new[] { "passport", "sign", "--key", "k.pem" }, "Option '--client-id' is required", "See 'a2agen passport sign --help'.")]
    [InlineData(new[] { "passport", "verify" }, "passport", "See 'a2agen passport verify --help'.")]
    [InlineData(new[] { "keys", "gen", "--colour", "blue" }, "--colour", "See 'a2agen keys gen --help'.")]
    [InlineData(new[] { "keys", "gen", "--timeout", "0" }, "--timeout must be", "See 'a2agen keys gen --help'.")]
    [InlineData(new[] { "card", "show", "a.json", "--timeout", "soon" }, "soon", "See 'a2agen card show --help'.")]
    public async Task A_wrong_command_line_is_exit_2_with_one_line(string[] args, string message, string hint)
    {
        var run = await Tool.RunAsync(args);

        Assert.Equal(2, run.ExitCode);
        string line = Tool.SingleErrorLine(run);
        Assert.Contains(message, line);
        Assert.EndsWith(hint, line);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task A_wrong_command_line_with_json_also_answers_json()
    {
        var run = await Tool.RunAsync("card", "verify", "--json");
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("USAGE", run.Json.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Version_is_printed()
    {
        var run = await Tool.RunAsync("--version");
        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Output);
    }
}
