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
/// <c>a2agen passport verify</c>: checks a Secure Passport with the runtime's <see cref="PassportVerifier"/> — the
/// client's key from the trust the options name, the signature over the canonical passport, <c>typ</c>, times,
/// <c>aud</c> (with <c>--aud</c>) and the request signer (with <c>--request-iss</c>). Verified exits 0; unsigned or no
/// trusted key for the client 3; Invalid or malformed 4.
/// </summary>
internal static class PassportVerifyCommand
{
    public static Command Create(CliConsole console, GlobalOptions globals)
    {
        var input = new Argument<string>("passport")
        {
            Description = "A file (the metadata entry, a passport, a message or a SendMessage request carrying one), inline JSON, or - for standard input.",
        };
        var trust = new TrustOptions();
        var audience = new Option<string?>("--aud")
        {
            Description = "This agent's endpoint URL or agent id: the passport's aud must name it. Without it, aud is shown but not checked.",
            HelpName = "url|id",
        };
        var requestIssuer = new Option<string?>("--request-iss")
        {
            Description = "The iss of the request signature the passport came with: it must be the passport's client (one caller, one identity).",
            HelpName = "id",
        };
        var maxLifetime = new Option<int>("--max-lifetime")
        {
            Description = "The longest passport lifetime (exp - iat) accepted, in seconds (agents accept 3600 by default; at most 86400).",
            HelpName = "seconds",
            DefaultValueFactory = _ => 3600,
        };
        var command = new Command("verify", "Verify a Secure Passport: exit 0 Verified, 3 unsigned or no trusted key for the client, 4 Invalid or malformed.") { input };
        trust.AddTo(command);
        command.Add(audience);
        command.Add(requestIssuer);
        command.Add(maxLifetime);
        CommandRunner.SetBody(command, console, globals, async (parse, context) =>
        {
            string? expected = parse.GetValue(audience);
            if (expected is not null && RequestTarget.Normalize(expected) is null && AgentId.GetProblem(expected) is { } problem)
            {
                throw CliException.Usage($"--aud must be an http(s) URL or an agent id: {problem}");
            }

            int lifetime = parse.GetValue(maxLifetime);
            if (lifetime is < 1 or > 86_400)
            {
                throw CliException.Usage("--max-lifetime must be between 1 and 86400 seconds");
            }

            using var document = JsonInput.Read(context.Console, parse.GetValue(input)!, "passport", allowPath: true);
            var element = PassportInput.Locate(document.RootElement);
            var keys = await trust.LoadAsync(parse, context).ConfigureAwait(false);
            return Verify(element, keys, expected, parse.GetValue(requestIssuer), TimeSpan.FromSeconds(lifetime));
        });
        return command;
    }

    private static CommandOutcome Verify(JsonElement element, KeyTrust keys, string? expectedAudience, string? requestIssuer, TimeSpan maxLifetime)
    {
        if (!CallerContextJson.TryRead(element, out var passport, out var error))
        {
            var malformed = new JsonObject
            {
                ["status"] = nameof(PassportStatus.Malformed),
                ["reason"] = PassportReasons.Malformed,
                ["field"] = error.Field,
                ["detail"] = error.Message,
            };
            return new CommandOutcome(ExitCodes.Invalid, malformed, $"Malformed ({PassportReasons.Malformed}): {error}.");
        }

        var audiences = PassportAudience.Peek(passport);
        var verifier = new PassportVerifier(keys, new PassportVerifierOptions { CacheCapacity = 0, MaxLifetime = maxLifetime });
        var result = verifier.Verify(passport, PassportAudience.ContextFor(audiences, expectedAudience, requestIssuer));
        bool audienceChecked = expectedAudience is not null;

        var json = new JsonObject
        {
            ["status"] = result.Status.ToString(),
            ["reason"] = result.Reason ?? (result.Status == PassportStatus.Unsigned ? "PASSPORT_UNSIGNED" : null),
            ["detail"] = result.Detail,
            ["field"] = result.Field,
            ["clientId"] = passport.ClientId,
            ["agentId"] = result.ClientAgentId,
            ["sessionId"] = passport.SessionId,
            ["kid"] = result.KeyId,
            ["algorithm"] = result.Algorithm,
            ["issuedAt"] = Times.Format(result.IssuedAt),
            ["expiresAt"] = Times.Format(result.ExpiresAt),
            // A failed check reports no audiences; the unverified header's are still worth showing.
            ["audiences"] = new JsonArray([.. (result.IsVerified ? result.Audiences : audiences).Select(a => (JsonNode)a)]),
            ["audienceChecked"] = audienceChecked,
            ["trust"] = keys.Describe(),
            ["state"] = JsonNode.Parse(CallerContextJson.ToUtf8Json(passport))!["state"]!.DeepClone(),
        };

        var text = new StringBuilder();
        int exitCode;
        switch (result.Status)
        {
            case PassportStatus.Verified:
                var key = keys.ResolveKeys(result.ClientAgentId, result.KeyId).FirstOrDefault();
                string source = key is null ? "the trusted keys" : keys.SourceOf(key);
                json["keySource"] = source;
                text.AppendLine($"Verified: passport of '{result.ClientAgentId}' signed by {result.Algorithm} key {result.KeyId} from {source}.");
                exitCode = ExitCodes.Success;
                break;
            case PassportStatus.Unsigned:
                text.AppendLine("Unverified (PASSPORT_UNSIGNED): the passport carries no signature; nothing vouches for its client or state.");
                exitCode = ExitCodes.Unverified;
                break;
            case PassportStatus.UntrustedSigner:
                text.AppendLine($"Unverified ({result.Reason}): {result.Detail}; trusted: {keys.Describe()} (give the client's keys with --jwks or --trust).");
                exitCode = ExitCodes.Unverified;
                break;
            default:
                text.AppendLine($"{result.Status} ({result.Reason}): {result.Detail}{(result.Field is null ? "" : $" (field {result.Field})")}.");
                exitCode = ExitCodes.Invalid;
                break;
        }

        text.AppendLine($"  clientId   {passport.ClientId}");
        if (passport.SessionId is { } sessionId)
        {
            text.AppendLine($"  sessionId  {sessionId}");
        }

        if (result.IsVerified)
        {
            text.AppendLine($"  issued     {Times.Format(result.IssuedAt)}");
            text.AppendLine($"  expires    {Times.Format(result.ExpiresAt)}");
            text.AppendLine(result.Audiences.Count == 0
                ? "  audience   none: any agent that trusts the client accepts it until it expires"
                : $"  audience   {string.Join(", ", result.Audiences)}{(audienceChecked ? " (checked)" : " (not checked: pass --aud)")}");
        }

        text.AppendLine("State").AppendLine(JsonText.Format(json["state"]!));
        return new CommandOutcome(exitCode, json, text.ToString());
    }
}
