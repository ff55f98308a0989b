using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using A2AGen.Cli.Infrastructure;
using A2AGen.Cli.Inputs;
using A2AGen.Cli.Output;
using A2AGen.Passport;
using A2AGen.Security;

namespace A2AGen.Cli.Commands.Passports;

/// <summary>
/// <c>a2agen passport sign</c>: a signed Secure Passport (DESIGN §6.5, through the runtime's <see cref="PassportSigner"/>)
/// as the message metadata that carries it — <c>{"&lt;extension URI&gt;": {clientId, sessionId?, signature, state}}</c> —
/// checked with the key's public half before it is written.
/// </summary>
internal static class PassportSignCommand
{
    public static Command Create(CliConsole console, GlobalOptions globals)
    {
        var clientId = new Option<string>("--client-id")
        {
            Description = "The calling agent's id (its trust-store name at the receiver), optionally written a2a://<agent-id>.",
            HelpName = "id",
            Required = true,
        };
        var key = new Option<string>("--key")
        {
            Description = "The calling agent's private key (PEM; an encrypted key's password comes from A2AGEN_KEY_PASSWORD or is asked for).",
            HelpName = "file",
            Required = true,
        };
        var state = new Option<string>("--state")
        {
            Description = "The state: a JSON object inline, @file, or - for standard input.",
            HelpName = "json|@file",
            DefaultValueFactory = _ => "{}",
        };
        var sessionId = new Option<string?>("--session-id") { Description = "The session or conversation id.", HelpName = "id" };
        var audience = new Option<string?>("--aud")
        {
            Description = "The agent the passport is for: its endpoint URL or agent id (aud). Without it any agent that trusts the client accepts the passport until it expires.",
            HelpName = "url|id",
        };
        var lifetime = new Option<int>("--lifetime")
        {
            Description = "Seconds until the signature expires (at most 86400; verifiers refuse more than 3600 by default).",
            HelpName = "seconds",
            DefaultValueFactory = _ => 600,
        };
        var keyId = new Option<string?>("--kid") { Description = "The kid header (default: the key's RFC 7638 thumbprint).", HelpName = "kid" };
        var output = new Option<string?>("--out") { Description = "Write the result here (default: standard output).", HelpName = "file" };
        var bare = new Option<bool>("--bare") { Description = "Write the passport object itself instead of the metadata entry that carries it." };
        var command = new Command("sign", "Sign a Secure Passport and print the message metadata that carries it.")
        {
            clientId, key, state, sessionId, audience, lifetime, keyId, output, bare,
        };
        CommandRunner.SetBody(command, console, globals, (parse, context) => Task.FromResult(Run(
            context,
            parse.GetValue(clientId)!,
            parse.GetValue(key)!,
            parse.GetValue(state)!,
            parse.GetValue(sessionId),
            parse.GetValue(audience),
            parse.GetValue(lifetime),
            parse.GetValue(keyId),
            parse.GetValue(output),
            parse.GetValue(bare))));
        return command;
    }

    private static CommandOutcome Run(CommandContext context, string clientId, string keyPath, string stateArgument, string? sessionId, string? audience, int lifetime, string? keyId, string? output, bool bare)
    {
        if (!PassportFormat.TryGetAgentId(clientId, out var agentId))
        {
            throw CliException.Usage($"--client-id '{clientId}' names no agent id ([a-z0-9][a-z0-9._-]{{0,63}}, optionally a2a://<agent-id>): verifiers find the client's key by it");
        }

        if (lifetime is < 1 or > 86_400)
        {
            throw CliException.Usage("--lifetime must be between 1 and 86400 seconds");
        }

        if (audience is { Length: 0 } || sessionId is { Length: 0 } || keyId is { Length: 0 })
        {
            throw CliException.Usage("--aud, --session-id and --kid must not be empty when given");
        }

        // A receiver compares aud with its endpoint URL or its agent id; anything else could never be accepted.
        if (audience is not null && RequestTarget.Normalize(audience) is null && AgentId.GetProblem(audience) is { } problem)
        {
            throw CliException.Usage($"--aud must be the receiving agent's http(s) endpoint URL or its agent id: {problem}");
        }

        IReadOnlyDictionary<string, JsonElement> values;
        using (var stateDocument = JsonInput.Read(context.Console, stateArgument, "--state", allowPath: false))
        {
            if (stateDocument.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new CliException("INVALID_STATE", $"--state must be a JSON object (the passport's state), not {stateDocument.RootElement.ValueKind.ToString().ToLowerInvariant()}.");
            }

            values = PassportState.FromJsonObject(stateDocument.RootElement.Clone());
        }

        using var signingKey = KeyFiles.LoadPrivateKey(context.Console, keyPath);
        var signer = new PassportSigner(signingKey, clientId, new PassportSigningOptions { Lifetime = TimeSpan.FromSeconds(lifetime), KeyId = keyId });
        CallerContext passport;
        try
        {
            passport = signer.Create(values, sessionId, audience);
        }
        catch (ArgumentException e)
        {
            throw new CliException("INVALID_STATE", ErrorReporter.OneLine(e.Message));
        }

        // Check the result as a receiver would, with only the signer's public key trusted for the client.
        string effectiveKid = keyId ?? signingKey.PublicKey.Thumbprint;
        var selfTrust = new TrustStore();
        selfTrust.Add(agentId, signingKey.PublicKey, effectiveKid);
        var check = new PassportVerifier(selfTrust, new PassportVerifierOptions { CacheCapacity = 0, MaxLifetime = TimeSpan.FromSeconds(Math.Max(lifetime, 1)) })
            .Verify(passport, PassportAudience.ContextFor(audience is null ? [] : [audience], audience, null));
        if (!check.IsVerified)
        {
            throw new CliException("SELF_CHECK_FAILED", $"the signed passport did not verify with the signing key ({check.Reason}: {check.Detail}); nothing was written.");
        }

        var passportJson = JsonNode.Parse(CallerContextJson.ToUtf8Json(passport))!;
        JsonNode document = bare ? passportJson : new JsonObject { [PassportFormat.ExtensionUri] = passportJson };
        string text = JsonText.Format(document);
        var result = new JsonObject
        {
            ["clientId"] = clientId,
            ["kid"] = effectiveKid,
            ["algorithm"] = signingKey.Algorithm.JwsAlgorithm,
            ["aud"] = audience,
            ["issuedAt"] = Times.Format(check.IssuedAt),
            ["expiresAt"] = Times.Format(check.ExpiresAt),
            ["out"] = output is null ? null : Path.GetFullPath(output),
            [bare ? "passport" : "metadata"] = document.DeepClone(),
        };

        string? note = lifetime > 3600 ? $"warning: the passport lives {lifetime} s; verifiers refuse more than 3600 s unless configured otherwise." : null;
        if (output is null)
        {
            return new CommandOutcome(ExitCodes.Success, result, text, note);
        }

        OutputFiles.WritePublic(output, Encoding.UTF8.GetBytes(text + "\n"));
        return new CommandOutcome(ExitCodes.Success, result,
            $"Signed a passport for '{clientId}' with {signingKey.Algorithm.JwsAlgorithm} key {effectiveKid}{(audience is null ? "" : $" for {audience}")}, valid until {Times.Format(check.ExpiresAt)}: {Path.GetFullPath(output)}",
            note);
    }
}
