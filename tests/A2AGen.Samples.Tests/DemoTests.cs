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
            ("13  unsigned call to convert, quote signed at source", "verified", "verified", "-"),
            ("14  report citing the signed quote and figure", "verified", "verified", "-"),
            ("15  report from a quote changed after signing", "rejected", "rejected -32602", "PROVENANCE_CONTENT_MISMATCH"),
            ("16  finance payroll, encrypted both ways", "accepted", "accepted", "-"),
            ("17  the payroll question in plaintext", "rejected", "rejected 403", "ENCRYPTION_REQUIRED"),
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
        Assert.Contains("All 17 scenarios behaved as expected.", demo.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("warn", demo.Output, StringComparison.OrdinalIgnoreCase);

        // Development keys were created where A2AGEN_DEV_KEYS_DIR says, one per agent, never in the working directory.
        foreach (var agent in new[] { "travel-desk", "currency-agent", "finance-agent" })
        {
            Assert.True(File.Exists(Path.Combine(temp.Path, "dev-keys", agent, "signing.key.pem")), agent);
            Assert.True(File.Exists(Path.Combine(temp.Path, "dev-keys", agent, "encryption.key.jwk")), agent);
        }

        // The encrypted row: the question left as one JWE part (the row checks the recorded body) and the answer was decrypted.
        Assert.Contains("one JWE part (ECDH-ES+A256KW, A256GCM, JSON) to finance's enc key, answer to travel-desk's: 2026-Q3 payroll 393,675 USD (for travel-desk)", demo.Output, StringComparison.Ordinal);

        // The Biscuit rows: TravelDesk narrowed the finance authority's token to the call, and finance approved it.
        Assert.Contains("block 1 limits it to finance-agent, budget-approve, 60 s: approved '1200 USD team offsite' for travel-desk", demo.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(temp.Path, "dev-keys", "finance-authority", "biscuit-root.key")));

        // The provenance rows: an anonymous call still got a quote currency-agent signed; the report, built from that
        // quote and a finance figure, cites both, and its whole chain verified from the report alone; the desk refused a
        // quote changed after signing, naming the check.
        Assert.Matches(@"the anonymous call got a signed quote: envelope by currency-agent \(kid [A-Za-z0-9_-]{8}…\) bound to task \S+, verified by the client", demo.Output);
        Assert.Contains("2026-Q3 revenue 1,312,250 USD = 1,207,270.00 EUR at currency-agent's rate 0.92; its envelope cites the quote and the figure: 3 envelopes verified", demo.Output, StringComparison.Ordinal);
        Assert.Contains("rate 0.92 -> 0.97 after currency-agent signed: the desk checked the quote against currency-agent's key and built nothing on it", demo.Output, StringComparison.Ordinal);
        AssertChainOfCustody(rows);

        Assert.False(Directory.Exists(Path.Combine(temp.Path, "a2a-keys")));
    }

    // The tree under the table: the report by travel-desk (signed with the orchestrator's own key), its two parents
    // under it, every link verified; then the trail in time order, the report last, made from both.
    private static void AssertChainOfCustody(List<string> lines)
    {
        var start = lines.IndexOf("Chain of custody of the report (row 14), verified from the report alone with each agent's published key:");
        Assert.True(start >= 0, string.Join('\n', lines));
        var tree = lines.Skip(start + 1).Take(7).ToList();
        Assert.Matches(@"^artifact \S+ by travel-desk, task \S+ - verified \(EdDSA, kid \S+\)$", tree[0]);
        Assert.Matches(@"^\+- artifact \S+ by currency-agent, task \S+ - verified \(EdDSA, kid \S+\)$", tree[1]);
        Assert.Matches(@"^`- artifact \S+ by finance-agent, task \S+ - verified \(EdDSA, kid \S+\)$", tree[2]);
        Assert.Equal("In time order:", tree[3]);
        Assert.Matches(@"^3\. \S+ \S+Z travel-desk produced artifact \S+ \(made from (currency-agent's \S+ and finance-agent's \S+|finance-agent's \S+ and currency-agent's \S+)\)$", tree[6]);
        Assert.Contains(tree.Skip(4).Take(2), l => l.Contains(" currency-agent produced artifact ", StringComparison.Ordinal) && l.EndsWith("(original)", StringComparison.Ordinal));
        Assert.Contains(tree.Skip(4).Take(2), l => l.Contains(" finance-agent produced artifact ", StringComparison.Ordinal) && l.EndsWith("(original)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task JoseVerifiesEveryEnvelopeOfTheReportChainTheThreeAgentsProduced()
    {
        // issue 16: jose (tests/interop/jose-provenance.mjs, written from docs/provenance.md) checks the chain the demo's
        // agents signed — currency-agent's quote, finance-agent's figure, travel-desk's report citing both — from the
        // artifacts alone and the JWKS each agent serves, independently of A2AGen's verifier.
        using var temp = new TempFolder();
        var chainFile = Path.Combine(temp.Path, "chain.json");
        await using var demo = SampleProgram.Start(SampleProgram.TravelDesk, temp.Path,
            new Dictionary<string, string?> { ["A2AGEN_DEV_KEYS_DIR"] = temp.Folder("dev-keys") }, "--save-chain", chainFile);
        Assert.True(await demo.WaitForExitAsync(TimeSpan.FromMinutes(1)) == 0, $"Output: {demo.Output} Errors: {demo.Errors}");
        Assert.Contains($"The report's chain and the agents' keys: {chainFile}", demo.Output, StringComparison.Ordinal);

        var chain = File.ReadAllText(chainFile);
        var results = System.Text.Json.Nodes.JsonNode.Parse(await NodePeers.RunScriptWithInputAsync("jose-provenance.mjs", chain))!.AsArray();

        Assert.Equal(3, results.Count);
        string[][] signers = [["currency-agent"], ["finance-agent"], ["travel-desk", "currency-agent", "finance-agent"]];
        for (var i = 0; i < signers.Length; i++)
        {
            var links = results[i]!["links"]!.AsArray();
            Assert.Equal(signers[i], links.Select(l => l!["iss"]!.GetValue<string>()));
            Assert.All(links, l => Assert.True(l!["ok"]!.GetValue<bool>(), l.ToJsonString()));
        }

        // The report's own link was signed with the orchestrator's key: the kid travel-desk serves.
        var served = System.Text.Json.Nodes.JsonNode.Parse(chain)!["jwks"]!["travel-desk"]!["keys"]![0]!["kid"]!.GetValue<string>();
        Assert.Equal(served, results[2]!["links"]![0]!["kid"]!.GetValue<string>());

        // The same report with a changed figure inside: jose's own content digest no longer matches.
        var tampered = System.Text.Json.Nodes.JsonNode.Parse(chain)!;
        tampered["items"]![2]!["parts"]![0]!["data"]!["revenue"] = 1m;
        var caught = System.Text.Json.Nodes.JsonNode.Parse(await NodePeers.RunScriptWithInputAsync("jose-provenance.mjs", tampered.ToJsonString()))!.AsArray();
        Assert.False(caught[2]!["links"]![0]!["ok"]!.GetValue<bool>());
        Assert.Equal("content digest mismatch", caught[2]!["links"]![0]!["error"]!.GetValue<string>());
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
        Assert.Contains("All 17 scenarios behaved as expected.", demo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScenariosThatMisbehaveAreMarkedAndTheExitCodeIsOne()
    {
        // A currency agent that does not trust travel-desk refuses its signed calls: rows 2, 5 and 7 cannot behave. Its
        // signed output does not depend on the caller, so the provenance rows (13-15) still behave.
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
        Assert.Contains(rows, r => r.StartsWith("2   currency convert", StringComparison.Ordinal) && System.Text.RegularExpressions.Regex.IsMatch(r, @"rejected 401 +REQUEST_ISSUER_UNTRUSTED "));
        Assert.Contains(rows, r => r.StartsWith("14  report citing the signed quote and figure", StringComparison.Ordinal) && r.EndsWith(" yes", StringComparison.Ordinal));
        Assert.Contains("3 of 17 scenarios did NOT behave as expected (rows marked NO).", demo.Output, StringComparison.Ordinal);
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
