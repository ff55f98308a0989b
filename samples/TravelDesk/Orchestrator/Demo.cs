using A2AGen.Client;
using A2AGen.Passport;
using A2AGen.Security;
using TravelDesk.AgentHosting;
using TravelDesk.Currency;
using TravelDesk.Finance;

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

                await output.WriteLineAsync(
                    $"TravelDesk: {CallerKey.AgentId} (key {key.PublicKey.Thumbprint[..8]}…, {Origin(callerKeys)}) calls " +
                    $"{CurrencyAgent.Id} at {currencyUrl} and {FinanceAgent.Id} at {financeUrl}");
                await output.WriteLineAsync();
                using var authority = FinanceAuthority.Load();
                var results = await new Scenarios(currency, finance, new PassportSigner(key, CallerKey.AgentId), authority).RunAsync();
                await output.WriteAsync(ResultTable.Render(results));
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
