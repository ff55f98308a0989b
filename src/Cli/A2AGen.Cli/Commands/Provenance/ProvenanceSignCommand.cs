using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using A2AGen.Cli.Infrastructure;
using A2AGen.Cli.Inputs;
using A2AGen.Cli.Output;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Provenance;
using A2AGen.Security;

namespace A2AGen.Cli.Commands.Provenance;

/// <summary>
/// <c>a2agen provenance sign</c>: an artifact or agent message signed into a provenance envelope through the runtime's
/// <see cref="ProvenanceSigner"/> — bound to a task and context, citing the envelopes of <c>--parent</c> inputs — and
/// checked with the key's public half before it is written.
/// </summary>
internal static class ProvenanceSignCommand
{
    public static Command Create(CliConsole console, GlobalOptions globals)
    {
        var input = new Argument<string>("file") { Description = "The artifact or agent message (A2A JSON) to sign; - for standard input." };
        var agentId = new Option<string>("--agent-id") { Description = "The signing agent's id (iss): verifiers trust its key under this name.", HelpName = "id", Required = true };
        var key = new Option<string>("--key")
        {
            Description = "The agent's private key (PEM; an encrypted key's password comes from A2AGEN_KEY_PASSWORD or is asked for).",
            HelpName = "file",
            Required = true,
        };
        var taskId = new Option<string?>("--task-id") { Description = "The task the artifact was produced in (required for an artifact; a message states its own).", HelpName = "id" };
        var contextId = new Option<string?>("--context-id") { Description = "The context the artifact was produced in (required for an artifact; a message states its own).", HelpName = "id" };
        var parents = new Option<string[]>("--parent")
        {
            Description = "Signed content this was made from (repeatable): a file holding artifacts or messages with envelopes, or a bare envelope.",
            HelpName = "file",
        };
        var audience = new Option<string?>("--aud") { Description = "The agent id or URL the content is meant for (aud).", HelpName = "id|url" };
        var lifetime = new Option<int?>("--lifetime") { Description = "Seconds until the envelope expires (default: no expiry).", HelpName = "seconds" };
        var keyId = new Option<string?>("--kid") { Description = "The kid header (default: the key's RFC 7638 thumbprint).", HelpName = "kid" };
        var noAncestors = new Option<bool>("--no-ancestors") { Description = "Do not carry the parents' envelopes along (receivers then need them from elsewhere)." };
        var output = new Option<string?>("--out") { Description = "Write the signed content here (default: standard output).", HelpName = "file" };
        var command = new Command("sign", "Sign an artifact or agent message into a provenance envelope (in its metadata), citing the envelopes it was made from.")
        {
            input, agentId, key, taskId, contextId, parents, audience, lifetime, keyId, noAncestors, output,
        };
        CommandRunner.SetBody(command, console, globals, (parse, context) => Task.FromResult(Run(
            context,
            parse.GetValue(input)!,
            parse.GetValue(agentId)!,
            parse.GetValue(key)!,
            parse.GetValue(taskId),
            parse.GetValue(contextId),
            parse.GetValue(parents) ?? [],
            parse.GetValue(audience),
            parse.GetValue(lifetime),
            parse.GetValue(keyId),
            parse.GetValue(noAncestors),
            parse.GetValue(output))));
        return command;
    }

    private static CommandOutcome Run(CommandContext context, string inputPath, string agentId, string keyPath, string? taskId, string? contextId, string[] parentPaths, string? audience, int? lifetime, string? keyId, bool noAncestors, string? output)
    {
        if (AgentId.GetProblem(agentId) is { } idProblem)
        {
            throw CliException.Usage($"--agent-id: {idProblem}");
        }

        if (lifetime is < 1 or > 10 * 365 * 86_400)
        {
            throw CliException.Usage("--lifetime must be between 1 second and 10 years");
        }

        if (audience is { Length: 0 } || taskId is { Length: 0 } || contextId is { Length: 0 } || keyId is { Length: 0 })
        {
            throw CliException.Usage("--aud, --task-id, --context-id and --kid must not be empty when given");
        }

        using var document = ProvenanceInput.Read(context.Console, inputPath);
        var root = document.RootElement;
        bool isMessage = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("messageId", out _);
        if (root.ValueKind != JsonValueKind.Object || (!isMessage && !root.TryGetProperty("artifactId", out _)))
        {
            throw new CliException("NO_CONTENT", "the input must be one artifact {artifactId, parts, …} or one message {messageId, role, parts, …}.");
        }

        var parentEnvelopes = parentPaths.SelectMany(path => ReadParents(context.Console, path)).ToList();
        using var signingKey = KeyFiles.LoadPrivateKey(context.Console, keyPath);
        var signer = new ProvenanceSigner(signingKey, agentId, new ProvenanceSigningOptions
        {
            KeyId = keyId,
            Lifetime = lifetime is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            CarryAncestors = !noAncestors,
        });

        string signedJson;
        ProvenanceExpectations expected;
        try
        {
            if (isMessage)
            {
                var message = A2AJson.Deserialize<Message>(JsonMarshalText(root)) ?? throw new CliException("NO_CONTENT", "the message is empty");
                if ((taskId is not null && taskId != message.TaskId) || (contextId is not null && contextId != message.ContextId))
                {
                    throw CliException.Usage("a message is bound to its own taskId and contextId; leave out --task-id and --context-id or make them match");
                }

                signedJson = A2AJson.Serialize(signer.Sign(message, parentEnvelopes, audience));
                expected = new ProvenanceExpectations { TaskId = message.TaskId, ContextId = message.ContextId };
            }
            else
            {
                if (taskId is null || contextId is null)
                {
                    throw CliException.Usage("an artifact is bound to the task and context it was produced in: give --task-id and --context-id");
                }

                var artifact = A2AJson.Deserialize<Artifact>(JsonMarshalText(root)) ?? throw new CliException("NO_CONTENT", "the artifact is empty");
                signedJson = A2AJson.Serialize(signer.Sign(artifact, new ProvenanceBinding(taskId, contextId), parentEnvelopes, audience));
                expected = new ProvenanceExpectations { TaskId = taskId, ContextId = contextId };
            }
        }
        catch (JsonException e)
        {
            throw new CliException("INVALID_CONTENT", $"the input is not an A2A {(isMessage ? "message" : "artifact")}: {ErrorReporter.OneLine(e.Message)}");
        }
        catch (ArgumentException e)
        {
            throw new CliException("INVALID_CONTENT", ErrorReporter.OneLine(e.Message));
        }

        // Check the result as a receiver would, trusting only the signer's public key (the parents' signers are not checked here).
        using var signed = JsonDocument.Parse(signedJson);
        var selfTrust = new TrustStore();
        selfTrust.Add(agentId, signingKey.PublicKey, keyId ?? signingKey.PublicKey.Thumbprint);
        var check = new ProvenanceVerifier(selfTrust, new ProvenanceVerifierOptions { CacheCapacity = 0 }).VerifyJsonAsync(signed.RootElement, expected).AsTask().GetAwaiter().GetResult();
        if (check.Root is not { Status: ProvenanceStatus.Verified } || check.Status == ProvenanceStatus.Invalid)
        {
            throw new CliException("SELF_CHECK_FAILED", $"the signed content did not verify with the signing key ({check.Reason}: {check.Detail}); nothing was written.");
        }

        var envelope = check.Root.Envelope!;
        var content = JsonNode.Parse(signedJson)!;
        string text = JsonText.Format(content);
        var result = new JsonObject
        {
            ["agentId"] = agentId,
            ["kid"] = keyId ?? signingKey.PublicKey.Thumbprint,
            ["algorithm"] = signingKey.Algorithm.JwsAlgorithm,
            ["contentDigest"] = envelope.Statement.Digest,
            ["envelopeDigest"] = envelope.Digest,
            ["parents"] = new JsonArray([.. envelope.Statement.Parents.Select(p => (JsonNode)new JsonObject { ["digest"] = p.Digest, ["iss"] = p.Issuer })]),
            ["issuedAt"] = Times.Format(DateTimeOffset.FromUnixTimeSeconds(envelope.Statement.IssuedAt)),
            ["expiresAt"] = envelope.Statement.ExpiresAt is { } exp ? Times.Format(DateTimeOffset.FromUnixTimeSeconds(exp)) : null,
            ["out"] = output is null ? null : Path.GetFullPath(output),
            ["content"] = content.DeepClone(),
        };

        if (output is null)
        {
            return new CommandOutcome(ExitCodes.Success, result, text);
        }

        OutputFiles.WritePublic(output, Encoding.UTF8.GetBytes(text + "\n"));
        return new CommandOutcome(ExitCodes.Success, result,
            $"Signed {(isMessage ? "message" : "artifact")} as '{agentId}' with {signingKey.Algorithm.JwsAlgorithm} key {keyId ?? signingKey.PublicKey.Thumbprint}, {Plural(envelope.Statement.Parents.Count, "parent")}: {Path.GetFullPath(output)}");
    }

    private static IEnumerable<ProvenanceEnvelope> ReadParents(CliConsole console, string path)
    {
        using var document = ProvenanceInput.Read(console, path);
        var root = document.RootElement;
        var found = new List<ProvenanceEnvelope>();
        try
        {
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("statement", out _))
            {
                found.Add(ProvenanceEnvelope.Parse(root));
            }
            else
            {
                foreach (var item in ProvenanceInput.Locate(root))
                {
                    if (ProvenanceInput.EnvelopeOf(item.Content) is { } envelope)
                    {
                        found.Add(ProvenanceEnvelope.Parse(envelope));
                    }
                }
            }
        }
        catch (FormatException e)
        {
            throw new CliException("INVALID_PARENT", $"the parent '{path}' holds a malformed envelope: {ErrorReporter.OneLine(e.Message)}");
        }

        if (found.Count == 0)
        {
            throw new CliException("INVALID_PARENT", $"the parent '{path}' carries no provenance envelope; sign it first.");
        }

        return found;
    }

    private static string JsonMarshalText(JsonElement element) => element.GetRawText();

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
