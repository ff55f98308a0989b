using System.Text.Json.Nodes;
using A2AGen.Client;
using A2AGen.Passport;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Security;
using TravelDesk.AgentHosting;
using TravelDesk.Currency;
using TravelDesk.Finance;
using TravelDesk.Report;

namespace TravelDesk.Orchestrator;

/// <summary>
/// The demo from start to end: the orchestrator's key, the agents (started here or given by URL), their verified
/// cards, the scenarios and the table. Every failure to get that far is one line on standard error and exit code
/// <see cref="ExitCodes.CannotRun"/>; scenarios that misbehave give <see cref="ExitCodes.ScenarioFailed"/>.
/// </summary>
public static class Demo
{
    /// <summary>Runs the demo.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where the table goes.</param>
    /// <param name="errors">Where a problem's one line goes.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        if (!DemoOptions.TryParse(args, out var options, out var problem))
        {
            await errors.WriteLineAsync($"{CallerKey.AgentId}: {problem} Run with --help for the options.");
            return ExitCodes.Usage;
        }

        if (options.Help)
        {
            await output.WriteLineAsync(DemoOptions.Usage);
            return ExitCodes.Success;
        }

        KeyStore callerKeys;
        try
        {
            callerKeys = CallerKey.Load();
        }
        catch (Exception e) when (e is KeyStoreException or IOException or UnauthorizedAccessException)
        {
            await errors.WriteLineAsync($"{CallerKey.AgentId} cannot load its key: {StartupProblem.OneLine(e.Message)}");
            return ExitCodes.CannotRun;
        }

        using (callerKeys)
        {
            if (options.PrintJwks)
            {
                await output.WriteLineAsync(callerKeys.GetJsonWebKeySet().ToJson());
                return ExitCodes.Success;
            }

            return await PrepareAndRunAsync(options, callerKeys, output, errors);
        }
    }

    private static async Task<int> PrepareAndRunAsync(DemoOptions options, KeyStore callerKeys, TextWriter output, TextWriter errors)
    {
        var trust = new TrustStore();
        if (options.TrustDirectory is { } trustDirectory && LoadTrust(trust, trustDirectory) is { } trustProblem)
        {
            await errors.WriteLineAsync($"{CallerKey.AgentId}: {trustProblem}");
            return ExitCodes.CannotRun;
        }

        var log = new Lazy<FileLoggerProvider>(() =>
            new FileLoggerProvider(Path.Combine(Path.GetTempPath(), "a2agen-travel-desk", $"agents-{Environment.ProcessId}.log")));
        try
        {
            return await RunScenariosAsync(options, callerKeys, trust, log, output, errors);
        }
        finally
        {
            if (log.IsValueCreated)
            {
                log.Value.Dispose();
            }
        }
    }

    private static async Task<int> RunScenariosAsync(DemoOptions options, KeyStore callerKeys, TrustStore trust, Lazy<FileLoggerProvider> log, TextWriter output, TextWriter errors)
    {
        var key = callerKeys.SigningKey!;
        LocalAgents agents;
        try
        {
            agents = await LocalAgents.StartAsync(options, key.PublicKey, log, callerKeys.EncryptionKey?.PublicKey);
        }
        catch (AgentStartException e)
        {
            await errors.WriteLineAsync(e.Message);
            return ExitCodes.CannotRun;
        }

        await using (agents)
        {
            foreach (var agent in agents.Agents)
            {
                foreach (var published in agent.PublishedKeys)
                {
                    trust.Add(agent.AgentId, published);
                }
            }

            var signer = new RequestSigner(key, CallerKey.AgentId);
            var currencyUrl = options.CurrencyUrl ?? agents.Find(CurrencyAgent.Id)!.Url;
            var financeUrl = options.FinanceUrl ?? agents.Find(FinanceAgent.Id)!.Url;
            Peer? currency = null;
            Peer? finance = null;
            Peer? desk = null;
            try
            {
                // The orchestrator's own encryption key: what the agents encrypt their answers to (its JWKS publishes it).
                var encryption = callerKeys.DecryptionKeys is { Count: > 0 } decryptionKeys
                    ? new A2AClientEncryption { SenderId = CallerKey.AgentId, DecryptionKeys = decryptionKeys, Trust = trust }
                    : null;
                currency = await Connect(CurrencyAgent.Id, currencyUrl, "--currency-url", trust, signer, errors, encryption);
                finance = currency is null ? null : await Connect(FinanceAgent.Id, financeUrl, "--finance-url", trust, signer, errors, encryption);
                if (currency is null || finance is null)
                {
                    return ExitCodes.CannotRun;
                }

                // What the agents sign is checked with the keys their cards verified with; the travel desk checks its inputs with them too.
                TrustCardKey(trust, currency);
                TrustCardKey(trust, finance);
                desk = await StartDesk(agents, key, trust, log, signer, errors);
                if (desk is null)
                {
                    return ExitCodes.CannotRun;
                }

                await output.WriteLineAsync(
                    $"TravelDesk: {CallerKey.AgentId} (key {key.PublicKey.Thumbprint[..8]}…, {Origin(callerKeys)}) calls " +
                    $"{CurrencyAgent.Id} at {currencyUrl} and {FinanceAgent.Id} at {financeUrl}");
                await output.WriteLineAsync();
                using var authority = FinanceAuthority.Load();
                var passports = new PassportSigner(key, CallerKey.AgentId);
                var provenance = new ProvenanceScenarios(currency, finance, desk, passports);
                var results = await new Scenarios(currency, finance, passports, authority, provenance).RunAsync();
                await output.WriteAsync(ResultTable.Render(results));
                if (provenance.CustodyOfReport is { } custody)
                {
                    await output.WriteLineAsync();
                    var row = results.ToList().FindIndex(r => r.Name == ProvenanceScenarios.ReportName) + 1;
                    await output.WriteLineAsync($"Chain of custody of the report (row {row}), verified from the report alone with each agent's published key:");
                    await output.WriteAsync(CustodyTree.Render(custody));
                    await output.WriteLineAsync();
                }

                if (options.SaveChain is { } chainFile && !await SaveChainAsync(chainFile, provenance.ReportChain, [currency, finance, desk], output, errors))
                {
                    return ExitCodes.CannotRun;
                }

                if (results.Any(r => r.Reason is "REQUEST_ISSUER_UNTRUSTED" or "PASSPORT_SIGNER_UNTRUSTED"))
                {
                    await output.WriteLineAsync(
                        $"An agent does not trust {CallerKey.AgentId} yet: write its keys into that agent's trust folder with " +
                        $"'dotnet run --project samples/TravelDesk -- --print-jwks > <keys>/trusted/{CallerKey.AgentId}.jwks.json' and restart it.");
                }

                if (agents.Agents.Count > 0)
                {
                    await output.WriteLineAsync($"The agents' log (each refusal with the check that failed): {log.Value.Path}");
                }

                return results.All(r => r.AsExpected) ? ExitCodes.Success : ExitCodes.ScenarioFailed;
            }
            finally
            {
                currency?.Dispose();
                finance?.Dispose();
                desk?.Dispose();
            }
        }
    }

    private static async Task<Peer?> Connect(string agentId, Uri url, string option, TrustStore trust, RequestSigner signer, TextWriter errors, A2AClientEncryption? encryption)
    {
        try
        {
            return await Peer.ConnectAsync(agentId, url, trust, signer, encryption);
        }
        catch (A2AClientException e)
        {
            await errors.WriteLineAsync(PeerProblem.Describe(agentId, url, option, e));
            return null;
        }
    }

    // An agent given by URL without --trust verified its card with a key from its own jwks.json: trust that key for
    // its signed output too (the same decision, made once). Keys already trusted for it are left as they are.
    private static void TrustCardKey(TrustStore trust, Peer peer)
    {
        if (trust.GetKeys(peer.AgentId).Count == 0 && peer.Signed.Card?.Verification is { IsVerified: true, Key: { } key } && key.AgentId == peer.AgentId)
        {
            trust.Add(peer.AgentId, key.PublicKey, key.KeyId);
        }
    }

    // The orchestrator's own agent: started here whatever the other agents' URLs, signing with the orchestrator's key.
    private static async Task<Peer?> StartDesk(LocalAgents agents, SigningKey key, TrustStore trust, Lazy<FileLoggerProvider> log, RequestSigner signer, TextWriter errors)
    {
        try
        {
            await agents.StartDeskAsync(key, trust, log);
        }
        catch (AgentStartException e)
        {
            await errors.WriteLineAsync(e.Message);
            return null;
        }

        var started = agents.Find(TravelDeskAgent.Id)!;
        foreach (var published in started.PublishedKeys)
        {
            trust.Add(started.AgentId, published);
        }

        return await Connect(TravelDeskAgent.Id, started.Url, "(its own agent)", trust, signer, errors, encryption: null);
    }

    // The report's chain as any verifier can take it: the three artifacts as received and each agent's JWKS as it
    // serves it (fetched here, not taken from this process's trust store). The shape is what
    // tests/interop/jose-provenance.mjs reads on stdin.
    private static async Task<bool> SaveChainAsync(string file, IReadOnlyList<Artifact> chain, Peer[] peers, TextWriter output, TextWriter errors)
    {
        if (chain.Count == 0)
        {
            await errors.WriteLineAsync($"{CallerKey.AgentId}: no verified report to write to '{file}' (row 14 did not behave).");
            return false;
        }

        try
        {
            var jwks = new JsonObject();
            foreach (var peer in peers)
            {
                jwks[peer.AgentId] = JsonNode.Parse(await peer.Raw.GetStringAsync(new Uri(peer.Endpoint, ".well-known/jwks.json")));
            }

            var items = new JsonArray([.. chain.Select(a => JsonNode.Parse(A2AJson.Serialize(a)))]);
            await File.WriteAllTextAsync(file, new JsonObject { ["jwks"] = jwks, ["items"] = items }.ToJsonString());
            await output.WriteLineAsync($"The report's chain and the agents' keys: {Path.GetFullPath(file)}");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            await errors.WriteLineAsync($"{CallerKey.AgentId}: cannot write the report's chain to '{file}': {StartupProblem.OneLine(e.Message)}");
            return false;
        }
    }

    private static string Origin(KeyStore keys) => CallerKey.IsDevelopmentKey(keys)
        ? "development key"
        : $"key {keys.SigningKeyPath ?? "from the environment"}";

    private static string? LoadTrust(TrustStore trust, string directory)
    {
        if (!Directory.Exists(directory))
        {
            return $"the trust folder '{Path.GetFullPath(directory)}' does not exist; create it with one <agent-id>.jwks.json per agent, or leave out --trust.";
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*.jwks.json"))
        {
            var agentId = Path.GetFileName(file)[..^".jwks.json".Length];
            try
            {
                trust.Add(agentId, JsonWebKeySet.Parse(File.ReadAllBytes(file)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException or System.Text.Json.JsonException or InvalidOperationException)
            {
                return $"cannot read the trusted keys in '{file}': {StartupProblem.OneLine(e.Message)} Fix or remove the file.";
            }
        }

        return null;
    }
}
