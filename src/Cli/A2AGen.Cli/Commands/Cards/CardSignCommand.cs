using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using A2AGen.Cli.Infrastructure;
using A2AGen.Cli.Inputs;
using A2AGen.Cli.Output;
using A2AGen.Protocol;
using A2AGen.Security;

namespace A2AGen.Cli.Commands.Cards;

/// <summary>
/// <c>a2agen card sign</c>: signs a card (A2A v1.0 §8.4, DESIGN §6.2) — payload = RFC 8785 JSON of the card without
/// <c>signatures</c>, protected header <c>{"alg","kid","typ":"JOSE"[,"jku"]}</c> — and writes the card as RFC 8785
/// JSON with its <c>signatures</c>. The result is verified with the key's public half before it is written.
/// </summary>
internal static class CardSignCommand
{
    public static Command Create(CliConsole console, GlobalOptions globals)
    {
        var cardFile = new Argument<string>("card.json") { Description = "The card to sign (a file, or - for standard input)." };
        var key = new Option<string>("--key")
        {
            Description = "The private key (PEM; an encrypted key's password comes from A2AGEN_KEY_PASSWORD or is asked for).",
            HelpName = "file",
            Required = true,
        };
        var jku = new Option<string?>("--jku")
        {
            Description = "A jku header: the URL of the agent's JWK Set (e.g. https://agent.example.com/.well-known/jwks.json), a hint verifiers may follow.",
            HelpName = "url",
        };
        var keyId = new Option<string?>("--kid") { Description = "The kid header (default: the key's RFC 7638 thumbprint).", HelpName = "kid" };
        var output = new Option<string?>("--out") { Description = "Write the signed card here (default: standard output). May be the input file.", HelpName = "file" };
        var append = new Option<bool>("--append") { Description = "Keep the card's existing signatures and add this one (key rotation); by default they are replaced." };
        var allowEmpty = new Option<bool>("--allow-empty") { Description = "Sign even though the card has empty strings, arrays, objects or nulls (verifiers that strip them will reject the signature)." };
        var command = new Command("sign", "Sign an Agent Card and write it as canonical JSON with its signatures.")
        {
            cardFile, key, jku, keyId, output, append, allowEmpty,
        };
        CommandRunner.SetBody(command, console, globals, (parse, context) => Task.FromResult(Run(
            context,
            parse.GetValue(cardFile)!,
            parse.GetValue(key)!,
            parse.GetValue(jku),
            parse.GetValue(keyId),
            parse.GetValue(output),
            parse.GetValue(append),
            parse.GetValue(allowEmpty))));
        return command;
    }

    private static CommandOutcome Run(CommandContext context, string cardPath, string keyPath, string? jku, string? keyId, string? output, bool append, bool allowEmpty)
    {
        if (jku is not null && (!Uri.TryCreate(jku, UriKind.Absolute, out var jkuUrl) || jkuUrl.Scheme is not ("https" or "http")))
        {
            throw CliException.Usage($"--jku '{jku}' is not an absolute http(s) URL");
        }

        if (keyId is { Length: 0 })
        {
            throw CliException.Usage("--kid must not be empty");
        }

        byte[] json = InputFiles.Read(context.Console, cardPath, Sizes.Card, "card");
        string source = cardPath == "-" ? "standard input" : $"'{cardPath}'";
        AgentCard card = CardSource.Parse(json, source);
        if (!allowEmpty && EmptyValues.Find(json) is { Count: > 0 } empties)
        {
            throw new CliException("CARD_HAS_EMPTY_VALUES",
                $"{source} has empty values at {string.Join(", ", empties.Take(5))}{(empties.Count > 5 ? $" and {empties.Count - 5} more" : "")}: verifiers that strip them before canonicalizing (the official A2A SDKs) would compute other bytes and reject the signature. Remove them, or pass --allow-empty to sign as is.");
        }

        using var signingKey = KeyFiles.LoadPrivateKey(context.Console, keyPath);
        var options = new AgentCardSigningOptions { KeyId = keyId, JwkSetUrl = jku };
        byte[] signed;
        try
        {
            var signature = AgentCardSigner.Sign(json, signingKey, options);
            var signatures = append ? [.. card.Signatures ?? [], signature] : new List<AgentCardSignature> { signature };
            signed = AgentCardSigner.CreateSignedCardJson(json, signatures);
        }
        catch (ArgumentException e)
        {
            throw new CliException("INVALID_SIGNATURES", $"{source} carries a malformed signature, so it cannot be kept with --append: {e.Message}");
        }
        catch (FormatException e)
        {
            throw new CliException("INVALID_JSON", $"{source} cannot be canonicalized (RFC 8785): {e.Message}");
        }

        // Read back what will be written and check the new signature with the key's public half.
        string effectiveKid = keyId ?? signingKey.PublicKey.Thumbprint;
        var selfTrust = new TrustStore();
        selfTrust.Add("signer", signingKey.PublicKey, effectiveKid);
        var check = new AgentCardVerifier(selfTrust).Verify(signed, "signer");
        if (!check.IsVerified)
        {
            throw new CliException("SELF_CHECK_FAILED", $"the signed card did not verify with the signing key ({check.ReasonCode}: {check.Detail}); nothing was written.");
        }

        int count = (append ? card.Signatures?.Count ?? 0 : 0) + 1;
        var result = new JsonObject
        {
            ["source"] = cardPath,
            ["out"] = output is null ? null : Path.GetFullPath(output),
            ["kid"] = effectiveKid,
            ["algorithm"] = signingKey.Algorithm.JwsAlgorithm,
            ["jku"] = jku,
            ["signatures"] = count,
        };

        if (output is null)
        {
            result["card"] = JsonNode.Parse(signed);
            return new CommandOutcome(ExitCodes.Success, result, Encoding.UTF8.GetString(signed));
        }

        OutputFiles.WritePublic(output, signed);
        return new CommandOutcome(ExitCodes.Success, result,
            $"Signed {source} with {signingKey.Algorithm.JwsAlgorithm} key {effectiveKid}{(jku is null ? "" : $" (jku {jku})")}: {Path.GetFullPath(output)} carries {count} signature{(count == 1 ? "" : "s")}.");
    }
}
