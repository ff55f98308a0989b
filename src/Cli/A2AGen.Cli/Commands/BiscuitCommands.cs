using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using A2AGen.Biscuit;
using A2AGen.Biscuit.Crypto;
using A2AGen.Biscuit.Datalog;
using A2AGen.Cli.Commands.Biscuit;
using A2AGen.Cli.Infrastructure;

namespace A2AGen.Cli.Commands;

/// <summary>
/// <c>a2agen biscuit</c>: mint, attenuate, verify and inspect Biscuit capability tokens in the reference
/// implementation's base64url form (docs/biscuit.md). <c>verify</c> exits 0 allowed, 4 refused (with the reason), 2 bad input.
/// </summary>
internal static class BiscuitCommands
{
    public static Command Create(CliConsole console, GlobalOptions globals) => new("biscuit", "Mint, attenuate, verify and inspect Biscuit capability tokens.")
    {
        Mint(console, globals),
        Attenuate(console, globals),
        Verify(console, globals),
        Inspect(console, globals),
    };

    private static Option<string> DatalogOption(string description) => new("--datalog") { Description = description, Required = true, HelpName = "text|@file|-" };

    private static Argument<string> TokenArgument() => new("token") { Description = "The token (base64url), @file, or - for standard input." };

    private static Command Mint(CliConsole console, GlobalOptions globals)
    {
        var key = new Option<string>("--key") { Description = "The root private key: a PEM file, a JWK, or ed25519-private/<hex> (ed25519/<64 hex> is read as the seed).", Required = true, HelpName = "KEY" };
        var datalog = DatalogOption("The authority block's Datalog (facts, rules, checks).");
        var rootKeyId = new Option<uint?>("--root-key-id") { Description = "The root key id to record in the token (lets verifiers choose the key)." };
        var command = new Command("mint", "Create a token signed by a root key: its authority block is --datalog.") { key, datalog, rootKeyId };
        CommandRunner.SetBody(command, console, globals, (parse, context) =>
        {
            var source = DatalogInput.Parse(context.Console, parse.GetValue(datalog)!, "--datalog", block: true);
            using var root = BiscuitKeyInput.ReadPrivate(context.Console, parse.GetValue(key)!);
            var token = Build(() => BiscuitToken.Create(root, source, parse.GetValue(rootKeyId)));
            return Task.FromResult(TokenOutcome(token, root.PublicKey));
        });
        return command;
    }

    private static Command Attenuate(CliConsole console, GlobalOptions globals)
    {
        var token = TokenArgument();
        var datalog = DatalogOption("The new block's Datalog (usually checks, e.g. check if time($t), $t <= 2026-12-31T00:00:00Z).");
        var command = new Command("attenuate", "Append a block to a token (no key needed; the block can only restrict).") { token, datalog };
        CommandRunner.SetBody(command, console, globals, (parse, context) =>
        {
            var parsed = ReadUnverified(context.Console, parse.GetValue(token)!);
            var block = DatalogInput.Parse(context.Console, parse.GetValue(datalog)!, "--datalog", block: true);
            if (parsed.IsSealed)
            {
                throw CliException.Usage("the token is sealed: it cannot be attenuated");
            }

            return Task.FromResult(TokenOutcome(Build(() => parsed.Attenuate(block)), null));
        });
        return command;
    }

    private static Command Verify(CliConsole console, GlobalOptions globals)
    {
        var token = TokenArgument();
        var rootKey = new Option<string>("--root-key") { Description = "The trusted root public key: a PEM file, a JWK, or ed25519/<hex> / secp256r1/<hex>.", Required = true, HelpName = "KEY" };
        var authorizer = new Option<string>("--authorizer") { Description = "The authorizer's Datalog: facts, checks and allow/deny policies.", Required = true, HelpName = "text|@file|-" };
        var time = new Option<string>("--time") { Description = "The time(…) fact: now (default), an RFC 3339 date, or none.", DefaultValueFactory = _ => "now", HelpName = "now|date|none" };
        var revoked = new Option<string[]>("--revoked") { Description = "A revoked id (hex); the token is refused if any block has it. Repeatable.", AllowMultipleArgumentsPerToken = true, HelpName = "id" };
        var command = new Command("verify", "Verify a token's signatures and authorize it: exit 0 allowed, 4 refused, 2 bad input.") { token, rootKey, authorizer, time, revoked };
        CommandRunner.SetBody(command, console, globals, (parse, context) =>
        {
            var wire = DatalogInput.ReadToken(context.Console, parse.GetValue(token)!);
            var root = BiscuitKeyInput.ReadPublic(context.Console, parse.GetValue(rootKey)!, "--root-key");
            var policy = new Authorizer().Add(DatalogInput.Parse(context.Console, parse.GetValue(authorizer)!, "--authorizer", block: false));
            var facts = TimeFacts(parse.GetValue(time)!);
            var revokedIds = parse.GetValue(revoked) ?? [];
            if (revokedIds.FirstOrDefault(id => id.Length == 0 || id.Length % 2 != 0 || !id.All(char.IsAsciiHexDigit)) is { } bad)
            {
                throw CliException.Usage($"--revoked '{bad}' is not a hex revocation id");
            }

            BiscuitToken verified;
            try
            {
                verified = BiscuitToken.FromBase64(wire, root, new BiscuitReadOptions { RevokedIds = revokedIds.Select(id => id.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal) });
            }
            catch (BiscuitFormatException e)
            {
                return Task.FromResult(Refused($"the token was refused ({Describe(e)})", new JsonObject { ["allowed"] = false, ["error"] = e.Error.ToString() }));
            }

            var result = policy.Authorize(verified, facts);
            if (!result.IsAllowed)
            {
                return Task.FromResult(Refused("not authorized: " + result.Reason, new JsonObject { ["allowed"] = false, ["outcome"] = result.Outcome.ToString(), ["reason"] = result.Reason }));
            }

            var text = result.Reason;
            return Task.FromResult(new CommandOutcome(ExitCodes.Success, new JsonObject { ["allowed"] = true, ["reason"] = text }, text));
        });
        return command;
    }

    private static Command Inspect(CliConsole console, GlobalOptions globals)
    {
        var token = TokenArgument();
        var rootKey = new Option<string?>("--root-key") { Description = "Also verify the signatures with this root public key (exit 4 if they do not hold).", HelpName = "KEY" };
        var command = new Command("inspect", "Show a token's blocks, revocation ids and whether its signatures hold.") { token, rootKey };
        CommandRunner.SetBody(command, console, globals, (parse, context) =>
        {
            var wire = DatalogInput.ReadToken(context.Console, parse.GetValue(token)!);
            var parsed = ReadUnverified(context.Console, wire);
            string verification = "not checked (no --root-key)";
            var exit = ExitCodes.Success;
            string? problem = null;
            if (parse.GetValue(rootKey) is { } keyArgument)
            {
                var root = BiscuitKeyInput.ReadPublic(context.Console, keyArgument, "--root-key");
                try
                {
                    BiscuitToken.FromBase64(wire, root);
                    verification = "verified with " + root;
                }
                catch (BiscuitFormatException e)
                {
                    verification = "INVALID: " + Describe(e);
                    exit = ExitCodes.Invalid;
                    problem = "the token's signatures do not hold: " + Describe(e);
                }
            }

            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"signatures: {verification}\n");
            text.Append(CultureInfo.InvariantCulture, $"sealed: {(parsed.IsSealed ? "yes" : "no")}\n");
            if (parsed.RootKeyId is { } id)
            {
                text.Append(CultureInfo.InvariantCulture, $"root key id: {id}\n");
            }

            var blocks = new JsonArray();
            foreach (var block in parsed.Blocks)
            {
                var revocation = Convert.ToHexStringLower(block.RevocationId.Span);
                text.Append(CultureInfo.InvariantCulture, $"\nblock {block.Index}{(block.Index == 0 ? " (authority)" : string.Empty)}{(block.ExternalKey is { } external ? $" (third party: {external})" : string.Empty)}, revocation id {revocation}:\n");
                var source = block.Source.ToString().TrimEnd('\n');
                text.Append(source.Length == 0 ? "  (empty)\n" : string.Concat(source.Split('\n').Select(line => "  " + line + "\n")));
                blocks.Add(new JsonObject
                {
                    ["index"] = block.Index,
                    ["datalog"] = source,
                    ["revocationId"] = revocation,
                    ["version"] = block.Version,
                    ["externalKey"] = block.ExternalKey?.ToString(),
                });
            }

            var json = new JsonObject
            {
                ["verified"] = exit == ExitCodes.Success && parse.GetValue(rootKey) is not null,
                ["signatures"] = verification,
                ["sealed"] = parsed.IsSealed,
                ["rootKeyId"] = parsed.RootKeyId,
                ["blocks"] = blocks,
            };
            return Task.FromResult(new CommandOutcome(exit, json, text.ToString(), problem));
        });
        return command;
    }

    private static BiscuitToken ReadUnverified(CliConsole console, string argument)
    {
        var wire = DatalogInput.ReadToken(console, argument);
        try
        {
            return BiscuitToken.ParseUnverified(wire);
        }
        catch (BiscuitFormatException e)
        {
            throw CliException.Usage($"the token cannot be read ({Describe(e)})");
        }
    }

    private static BiscuitToken Build(Func<BiscuitToken> build)
    {
        try
        {
            return build();
        }
        catch (BiscuitFormatException e)
        {
            throw CliException.Usage($"the block cannot be signed: {e.Message}");
        }
    }

    private static List<Fact> TimeFacts(string time)
    {
        if (time.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }

        if (time.Equals("now", StringComparison.OrdinalIgnoreCase))
        {
            return [new Fact("time", Term.Date(DateTimeOffset.UtcNow))];
        }

        return DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? [new Fact("time", Term.Date(date))]
            : throw CliException.Usage($"--time '{time}' is not now, none or an RFC 3339 date");
    }

    private static CommandOutcome TokenOutcome(BiscuitToken token, BiscuitPublicKey? root)
    {
        var wire = token.ToBase64();
        var json = new JsonObject
        {
            ["token"] = wire,
            ["revocationIds"] = new JsonArray([.. token.RevocationIdsHex.Select(id => (JsonNode)id)]),
        };
        if (root is not null)
        {
            json["rootPublicKey"] = root.ToString();
        }

        return new CommandOutcome(ExitCodes.Success, json, wire);
    }

    private static CommandOutcome Refused(string reason, JsonObject json) => new(ExitCodes.Invalid, json, string.Empty, reason);

    private static string Describe(BiscuitFormatException e) => e.Error switch
    {
        BiscuitFormatError.InvalidSignature or BiscuitFormatError.InvalidSignatureSize => "its signatures do not verify with the root key: another root, or a tampered, forged or reordered block",
        BiscuitFormatError.Revoked => "revoked",
        _ => e.Message,
    };
}
