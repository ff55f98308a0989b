using A2AGen.Samples.Tests.Infrastructure;

namespace A2AGen.Samples.Tests;

/// <summary>The one-command demo, run as a user runs it (its dll, a fresh working directory, no keys, no configuration).</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task EveryScenarioBehavesAndTheExitCodeIsZero()
    {
        using var temp = new TempFolder();
        await using var demo = SampleProgram.Start(SampleProgram.TravelDesk, temp.Path,
            new Dictionary<string, string?> { ["A2AGEN_DEV_KEYS_DIR"] = temp.Folder("dev-keys") });

        var exitCode = await demo.WaitForExitAsync(TimeSpan.FromMinutes(1));

        Assert.True(exitCode == 0, $"exit {exitCode}. Output: {demo.Output} Errors: {demo.Errors}");
        Assert.Equal("", demo.Errors);
        var rows = demo.Output.Split('\n').Select(l => l.Trim()).ToList();
        (string Start, string Expected, string Actual, string Reason)[] expected =
        [
            ("1   agent cards signed and verified", "verified", "verified", "-"),
            ("2   currency convert, signed request + passport", "accepted", "accepted", "-"),
            ("3   finance quarterly-revenue, signed + passport", "accepted", "accepted", "-"),
            ("4   the same signed request replayed", "rejected", "rejected 401", "REQUEST_SIGNATURE_REPLAYED"),
            ("5   passport changed after signing", "rejected", "rejected 401", "PASSPORT_SIGNATURE_INVALID"),
            ("6   unsigned call to quarterly-revenue", "rejected", "rejected 401", "REQUEST_SIGNATURE_MISSING"),
            ("7   request for currency-agent sent to finance", "rejected", "rejected 401", "REQUEST_AUDIENCE_MISMATCH"),
            ("8   passport without access_scope", "rejected", "rejected 403", "PASSPORT_KEY_MISSING"),
            ("9   finance budget-approve, Biscuit narrowed to the call", "accepted", "accepted", "-"),
            ("10  the narrowed Biscuit after its minute", "rejected", "rejected 403", "BISCUIT_UNAUTHORIZED"),
            ("11  Biscuit from a root finance does not trust", "rejected", "rejected 401", "BISCUIT_INVALID"),
            ("12  Biscuit without the budget right", "rejected", "rejected 403", "BISCUIT_UNAUTHORIZED"),
            ("13  finance payroll, encrypted both ways", "accepted", "accepted", "-"),
            ("14  the payroll question in plaintext", "rejected", "rejected 403", "ENCRYPTION_REQUIRED"),
        ];
        foreach (var (start, expectedOutcome, actual, reason) in expected)
        {
            var row = rows.SingleOrDefault(r => r.StartsWith(start, StringComparison.Ordinal));
            Assert.True(row is not null, $"no row '{start}' in {demo.Output}");
            var cells = row[start.Length..].Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal([expectedOutcome, actual, reason, "yes"], cells);
        }

        // The accepted calls really used the passports: the Gold fee in EUR, the figures for read:finance_db.
        Assert.Contains("passport applied: 250 USD = 227.70 EUR at 0.92, Gold fee 1% (2.30 EUR) instead of 2%", demo.Output, StringComparison.Ordinal);
        Assert.Contains("read:finance_db granted: 2026-Q3 revenue 1,312,250 USD (for travel-desk)", demo.Output, StringComparison.Ordinal);
        Assert.Contains("All 14 scenarios behaved as expected.", demo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("warn", demo.Output, StringComparison.OrdinalIgnoreCase);

        // Development keys were created where A2AGEN_DEV_KEYS_DIR says, one per agent, never in the working directory.
        foreach (var agent in new[] { "travel-desk", "currency-agent", "finance-agent" })
        {
            Assert.True(File.Exists(Path.Combine(temp.Path, "dev-keys", agent, "signing.key.pem")), agent);
            Assert.True(File.Exists(Path.Combine(temp.Path, "dev-keys", agent, "encryption.key.jwk")), agent);
        }

        // The encrypted row: the question left encrypted (the row checks the recorded body) and the answer was decrypted.
        Assert.Contains("to finance's enc key, answer to travel-desk's: 2026-Q3 payroll 393,675 USD (for travel-desk)", demo.Output, StringComparison.Ordinal);

        // The Biscuit rows: TravelDesk narrowed the finance authority's token to the call, and finance approved it.
        Assert.Contains("block 1 limits it to finance-agent, budget-approve, 60 s: approved '1200 USD team offsite' for travel-desk", demo.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(temp.Path, "dev-keys", "finance-authority", "biscuit-root.key")));

        Assert.False(Directory.Exists(Path.Combine(temp.Path, "a2a-keys")));
    }

    [Fact]
    public async Task AgainstStandaloneAgentsThatTrustTheOrchestratorThroughTheirTrustFolder()
    {
        // docs/demo.md: --print-jwks into the agents' trust folder, start them, point the orchestrator at them.
        using var temp = new TempFolder();
        var env = StandaloneAgentTests.Development(temp);
        string jwks;
        await using (var print = SampleProgram.Start(SampleProgram.TravelDesk, temp.Path, env, "--print-jwks"))
        {
            Assert.Equal(0, await print.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            jwks = print.Output;
        }

        File.WriteAllText(Path.Combine(temp.Folder("a2a-keys/trusted"), "travel-desk.jwks.json"), jwks);
        var currencyUrl = $"http://127.0.0.1:{FreePort.Next()}/";
        var financeUrl = $"http://127.0.0.1:{FreePort.Next()}/";
        await using var currency = SampleProgram.Start(SampleProgram.CurrencyAgent, temp.Path, env, "--urls", currencyUrl.TrimEnd('/'));
        await using var finance = SampleProgram.Start(SampleProgram.FinanceAgent, temp.Path, env, "--urls", financeUrl.TrimEnd('/'));
        await currency.WaitForOutputAsync("trusts signed requests and passports from: travel-desk", TimeSpan.FromSeconds(30));
        await finance.WaitForOutputAsync("trusts signed requests and passports from: travel-desk", TimeSpan.FromSeconds(30));

        await using var demo = SampleProgram.Start(SampleProgram.TravelDesk, temp.Path, env, "--currency-url", currencyUrl, "--finance-url", financeUrl);

        Assert.True(await demo.WaitForExitAsync(TimeSpan.FromMinutes(1)) == 0, $"Output: {demo.Output} Errors: {demo.Errors}");
        Assert.Contains($"calls currency-agent at {currencyUrl} and finance-agent at {financeUrl}", demo.Output, StringComparison.Ordinal);
        Assert.Contains("(from its jwks.json)", demo.Output, StringComparison.Ordinal);
        Assert.Contains("All 14 scenarios behaved as expected.", demo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScenariosThatMisbehaveAreMarkedAndTheExitCodeIsOne()
    {
        // A currency agent that does not trust travel-desk refuses its signed calls: rows 2, 5 and 7 cannot behave.
        using var temp = new TempFolder();
        var env = StandaloneAgentTests.Development(temp);
        var currencyUrl = $"http://127.0.0.1:{FreePort.Next()}/";
        await using var currency = SampleProgram.Start(SampleProgram.CurrencyAgent, temp.Path, env, "--urls", currencyUrl.TrimEnd('/'));
        await currency.WaitForOutputAsync("Ctrl+C stops it.", TimeSpan.FromSeconds(30));

        await using var demo = SampleProgram.Start(SampleProgram.TravelDesk, temp.Path, env, "--currency-url", currencyUrl);

        Assert.Equal(1, await demo.WaitForExitAsync(TimeSpan.FromMinutes(1)));
        var rows = demo.Output.Split('\n').Select(l => l.Trim()).ToList();
        var failed = rows.Where(r => r.Length > 0 && char.IsDigit(r[0]) && r.EndsWith(" NO", StringComparison.Ordinal)).Select(r => r[0]).ToList();
        Assert.Equal(['2', '5', '7'], failed);
        Assert.Contains(rows, r => r.StartsWith("2   currency convert", StringComparison.Ordinal) && r.Contains("rejected 401  REQUEST_ISSUER_UNTRUSTED", StringComparison.Ordinal));
        Assert.Contains("3 of 14 scenarios did NOT behave as expected (rows marked NO).", demo.Output, StringComparison.Ordinal);
        Assert.Contains("--print-jwks > <keys>/trusted/travel-desk.jwks.json", demo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpAndUsageErrors()
    {
        using var temp = new TempFolder();
        var env = new Dictionary<string, string?> { ["A2AGEN_DEV_KEYS_DIR"] = temp.Folder("dev-keys") };
        await using (var help = SampleProgram.Start(SampleProgram.TravelDesk, temp.Path, env, "--help"))
        {
            Assert.Equal(0, await help.WaitForExitAsync(TimeSpan.FromSeconds(30)));
            Assert.Contains("--currency-url URL", help.Output, StringComparison.Ordinal);
        }

        await using var wrong = SampleProgram.Start(SampleProgram.TravelDesk, temp.Path, env, "--currency-url", "not a url");
        Assert.Equal(2, await wrong.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Failures.AssertOneLine(wrong, "--currency-url 'not a url' is not an absolute http or https URL");
    }
}
