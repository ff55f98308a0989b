using System.Text.Json;
using A2AGen.Cli.Tests.Agents;
using A2AGen.Cli.Tests.Infrastructure;
using A2AGen.Security;

namespace A2AGen.Cli.Tests;

/// <summary>The built tool run as its own process, as users run it: real standard streams, environment and exit codes.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task Generates_a_key_signs_and_verifies_a_card()
    {
        using var temp = new TempDirectory();
        File.WriteAllBytes(temp["card.json"], LedgerAgent.CardJson.ToArray());

        var gen = await Processes.BuiltToolAsync(["keys", "gen", "--out", temp["keys"], "--json"]);
        Assert.True(gen.ExitCode == 0, gen.ToString());
        string kid = JsonDocument.Parse(gen.Output).RootElement.GetProperty("kid").GetString()!;
        Assert.Contains("ED25519 Private-Key", await Processes.OpenSslAsync("pkey", "-in", temp["keys/signing.key.pem"], "-noout", "-text"));

        var sign = await Processes.BuiltToolAsync(["card", "sign", temp["card.json"], "--key", temp["keys/signing.key.pem"], "--out", temp["signed.json"]]);
        Assert.True(sign.ExitCode == 0, sign.ToString());
        Assert.Contains(kid, sign.Output);

        var verified = await Processes.BuiltToolAsync(["card", "verify", temp["signed.json"], "--jwks", temp["keys/signing.pub.pem"]]);
        Assert.Equal(0, verified.ExitCode);
        Assert.StartsWith($"Verified: signature 0 by EdDSA key {kid}", verified.Output);

        var unverified = await Processes.BuiltToolAsync(["card", "verify", temp["card.json"]], workingDirectory: temp.Path);
        Assert.Equal(3, unverified.ExitCode);

        File.WriteAllText(temp["tampered.json"], File.ReadAllText(temp["signed.json"]).Replace("2.1.0", "9.9.9"));
        var invalid = await Processes.BuiltToolAsync(["card", "verify", temp["tampered.json"], "--jwks", temp["keys/signing.pub.pem"]]);
        Assert.Equal(4, invalid.ExitCode);
        Assert.StartsWith("Invalid (SIGNATURE_INVALID)", invalid.Output);
    }

    [Fact]
    public async Task Signs_a_passport_and_verifies_it_from_standard_input()
    {
        using var temp = new TempDirectory();
        Assert.Equal(0, (await Processes.BuiltToolAsync(["keys", "gen", "--alg", "es256", "--out", temp["keys"]])).ExitCode);
        Directory.CreateDirectory(temp["trust"]);
        var published = await Processes.BuiltToolAsync(["keys", "show", "--dir", temp["keys"], "--as-jwks"]);
        File.WriteAllText(temp["trust/travel-desk.jwks.json"], published.Output);

        var sign = await Processes.BuiltToolAsync(["passport", "sign", "--client-id", "travel-desk", "--key", temp["keys/signing.key.pem"], "--state", "-", "--aud", "ledger-agent"],
            standardInput: System.Text.Encoding.UTF8.GetBytes("""{"currency":"GBP"}"""));
        Assert.True(sign.ExitCode == 0, sign.ToString());

        var verified = await Processes.BuiltToolAsync(["passport", "verify", "-", "--trust", temp["trust"], "--aud", "ledger-agent"], standardInput: System.Text.Encoding.UTF8.GetBytes(sign.Output));
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.StartsWith("Verified: passport of 'travel-desk' signed by ES256 key", verified.Output);

        var otherAgent = await Processes.BuiltToolAsync(["passport", "verify", "-", "--trust", temp["trust"], "--aud", "billing"], standardInput: System.Text.Encoding.UTF8.GetBytes(sign.Output));
        Assert.Equal(4, otherAgent.ExitCode);
        Assert.StartsWith("Invalid (PASSPORT_AUDIENCE_MISMATCH)", otherAgent.Output);
    }

    [Fact]
    public async Task Encrypted_keys_take_the_password_from_the_environment_and_never_hang_without_a_terminal()
    {
        using var temp = new TempDirectory();
        var gen = await Processes.BuiltToolAsync(["keys", "gen", "--out", temp.Path, "--encrypt", "--alg", "es256"], new Dictionary<string, string?> { ["A2AGEN_KEY_PASSWORD"] = "p4ss" });
        Assert.True(gen.ExitCode == 0, gen.ToString());
        Assert.Contains("Private-Key: (256 bit)", await Processes.OpenSslAsync("pkey", "-in", temp["signing.key.pem"], "-passin", "pass:p4ss", "-noout", "-text"));

        // Standard input is not a terminal here: no prompt, one line saying what to set.
        var noPassword = await Processes.BuiltToolAsync(["keys", "show", "--key", temp["signing.key.pem"]]);
        Assert.Equal(1, noPassword.ExitCode);
        Assert.Equal("", noPassword.Output);
        Assert.Equal($"a2agen: '{temp["signing.key.pem"]}' is encrypted: set A2AGEN_KEY_PASSWORD to its password (or run in a terminal to be asked).", noPassword.Error.TrimEnd());

        var wrong = await Processes.BuiltToolAsync(["keys", "show", "--key", temp["signing.key.pem"]], new Dictionary<string, string?> { ["A2AGEN_KEY_PASSWORD"] = "nope" });
        Assert.Equal(1, wrong.ExitCode);
        Assert.Single(wrong.Error.TrimEnd().Split('\n'));
        Assert.Contains("could not be decrypted", wrong.Error);
    }

    [Fact]
    public async Task Failures_are_one_line_on_standard_error_without_a_stack_trace()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp["broken.json"], "{");

        foreach (string[] args in new[]
        {
            new[] { "card", "show", temp["missing.json"] },
            ["card", "verify", temp["broken.json"]],
            ["card", "show", "http://127.0.0.1:9/"],
            ["jws", "verify", "@" + temp["missing.txt"], "--jwks", temp["missing.pem"]],
            ["keys", "frob"],
        })
        {
            var run = await Processes.BuiltToolAsync(args);
            Assert.True(run.ExitCode is 1 or 2, run.ToString());
            Assert.Equal("", run.Output);
            string[] lines = run.Error.TrimEnd().Split('\n');
            Assert.True(lines.Length == 1, run.ToString());
            Assert.StartsWith("a2agen: ", lines[0]);
            Tool.AssertNoStackTrace(run);
        }
    }

    [Fact]
    public async Task Json_output_of_the_process_parses()
    {
        using var temp = new TempDirectory();
        using var key = SigningKey.Create(SigningAlgorithm.Ed25519);
        File.WriteAllBytes(temp["signed.json"], AgentCardSigner.CreateSignedCardJson(LedgerAgent.CardJson, [key]));
        File.WriteAllText(temp["key.pem"], key.PublicKey.ExportPem());

        var show = await Processes.BuiltToolAsync(["card", "show", temp["signed.json"], "--jwks", temp["key.pem"], "--json"]);
        Assert.Equal(0, show.ExitCode);
        Assert.Equal("Verified", JsonDocument.Parse(show.Output).RootElement.GetProperty("verification").GetProperty("status").GetString());

        var error = await Processes.BuiltToolAsync(["card", "show", temp["missing.json"], "--json"]);
        Assert.Equal(1, error.ExitCode);
        Assert.Equal("FILE_NOT_FOUND", JsonDocument.Parse(error.Output).RootElement.GetProperty("error").GetProperty("code").GetString());
    }
}
