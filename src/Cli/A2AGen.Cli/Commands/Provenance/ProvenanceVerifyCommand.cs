using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using A2AGen.Cli.Infrastructure;
using A2AGen.Cli.Inputs;
using A2AGen.Cli.Output;
using A2AGen.Provenance;
using A2AGen.Security;

namespace A2AGen.Cli.Commands.Provenance;

/// <summary>
/// <c>a2agen provenance verify</c> and <c>a2agen provenance show</c>: the runtime's <see cref="ProvenanceVerifier"/> over
/// every artifact and message in the input, with keys from the trust options. <c>verify</c> exits 0 when every chain is
/// Verified, 3 when the worst is Unverified, 4 when any is Invalid; <c>show</c> prints the chain of custody as a tree and
/// exits 0 for chains it could read, 4 when one is Invalid.
/// </summary>
internal static class ProvenanceVerifyCommand
{
    public static Command Create(CliConsole console, GlobalOptions globals, bool show)
    {
        var input = new Argument<string>("file")
        {
            Description = "An artifact or message carrying an envelope, a task (each artifact), a SendMessage/GetTask answer, or a list of these; - for standard input.",
        };
        var trust = new TrustOptions();
        var taskId = new Option<string?>("--task-id")
        {
            Description = "The task the content arrived in: an envelope bound to another task is Invalid (default: the id of a task in the input; else not checked).",
            HelpName = "id",
        };
        var contextId = new Option<string?>("--context-id")
        {
            Description = "The context the content arrived in (default: the contextId of a task in the input; else not checked).",
            HelpName = "id",
        };
        var audience = new Option<string[]>("--aud")
        {
            Description = "This agent's id or URL (repeatable): an envelope whose aud names none of them is Invalid.",
            HelpName = "id|url",
            AllowMultipleArgumentsPerToken = false,
        };
        var maxDepth = new Option<int>("--max-depth")
        {
            Description = "The deepest chain accepted (default 32).",
            HelpName = "links",
            DefaultValueFactory = _ => ProvenanceLimits.Default.MaxDepth,
        };
        var command = show
            ? new Command("show", "Show the chain of custody of signed artifacts and messages as a tree, with each link's verification: exit 0, or 4 when a chain is Invalid.") { input }
            : new Command("verify", "Verify the provenance chains of artifacts and messages: exit 0 Verified, 3 Unverified (no trusted key or no envelope), 4 Invalid.") { input };
        trust.AddTo(command);
        command.Add(taskId);
        command.Add(contextId);
        command.Add(audience);
        command.Add(maxDepth);
        CommandRunner.SetBody(command, console, globals, async (parse, context) =>
        {
            int depth = parse.GetValue(maxDepth);
            if (depth is < 0 or > 10_000)
            {
                throw CliException.Usage("--max-depth must be between 0 and 10000");
            }

            using var document = ProvenanceInput.Read(context.Console, parse.GetValue(input)!);
            var items = ProvenanceInput.Locate(document.RootElement);
            var keys = await trust.LoadAsync(parse, context).ConfigureAwait(false);
            var verifier = new ProvenanceVerifier(keys, new ProvenanceVerifierOptions
            {
                CacheCapacity = 0,
                Limits = ProvenanceLimits.Default with { MaxDepth = depth },
            });
            string[] audiences = parse.GetValue(audience) ?? [];
            var checkedItems = new List<(ProvenanceInput.Item Item, ProvenanceExpectations Expected, ProvenanceVerificationResult Result)>();
            foreach (var item in items)
            {
                var expected = new ProvenanceExpectations
                {
                    TaskId = parse.GetValue(taskId) ?? item.TaskId,
                    ContextId = parse.GetValue(contextId) ?? item.ContextId,
                    Audiences = audiences.Length == 0 ? null : audiences,
                };
                var result = await verifier.VerifyJsonAsync(item.Content, expected, context.CancellationToken).ConfigureAwait(false);
                checkedItems.Add((item, expected, result));
            }

            return Report(checkedItems, keys, show);
        });
        return command;
    }

    private static CommandOutcome Report(List<(ProvenanceInput.Item Item, ProvenanceExpectations Expected, ProvenanceVerificationResult Result)> items, KeyTrust keys, bool show)
    {
        var worst = items.Select(i => i.Result.Status).Max();
        var json = new JsonObject
        {
            ["status"] = worst.ToString(),
            ["items"] = new JsonArray([.. items.Select(i => (JsonNode)ItemJson(i.Item, i.Expected, i.Result, keys))]),
            ["trust"] = keys.Describe(),
        };

        var text = new StringBuilder();
        foreach (var (item, expected, result) in items)
        {
            text.Append(Headline(item, expected, result)).Append('\n');
            if (show)
            {
                AppendTree(text, result, keys);
                AppendTrail(text, result);
            }
            else
            {
                foreach (var link in result.Links)
                {
                    text.Append("  ").Append(new string(' ', 2 * Math.Min(link.Depth, 20))).Append(LinkLine(link, keys)).Append('\n');
                }
            }
        }

        int exitCode = worst switch
        {
            ProvenanceStatus.Verified => ExitCodes.Success,
            ProvenanceStatus.Unverified when !show => ExitCodes.Unverified,
            ProvenanceStatus.Unverified => ExitCodes.Success,
            _ => ExitCodes.Invalid,
        };
        var firstBad = items.FirstOrDefault(i => i.Result.Status == worst && worst != ProvenanceStatus.Verified);
        string? problem = firstBad.Result is { } bad
            ? worst == ProvenanceStatus.Invalid
                ? $"{firstBad.Item.Label}: Invalid ({bad.Reason}); do not trust its provenance."
                : show ? null : $"{firstBad.Item.Label}: Unverified ({bad.Reason}); trusted: {keys.Describe()} (give the signers' keys with --jwks or --trust)."
            : null;
        return new CommandOutcome(exitCode, json, text.ToString(), problem);
    }

    private static string Headline(ProvenanceInput.Item item, ProvenanceExpectations expected, ProvenanceVerificationResult result)
    {
        string binding = result.BindingChecked
            ? $"bound to task {Shown(expected.TaskId)}, context {Shown(expected.ContextId)}: checked"
            : "task and context not checked (pass --task-id and --context-id, or a whole task)";
        return result.Status switch
        {
            ProvenanceStatus.Verified => $"Verified: {item.Label}, {Plural(result.Links.Count, "envelope")}, every signature by a trusted key; {binding}.",
            _ => $"{result.Status} ({result.Reason}): {item.Label}: {result.Detail}.",
        };
    }

    private static string LinkLine(ProvenanceLinkResult link, KeyTrust keys)
    {
        var statement = link.Statement;
        string what = statement is null
            ? $"{link.ClaimedIssuer ?? "(unknown signer)"} {link.Digest ?? ""}".TrimEnd()
            : $"{statement.Kind.ToString().ToLowerInvariant()} '{Shown(statement.ContentId)}' by {statement.Issuer}, task {Shown(statement.TaskId)}, {Times.Format(DateTimeOffset.FromUnixTimeSeconds(statement.IssuedAt))}";
        string status = link.Status switch
        {
            ProvenanceStatus.Verified => $"Verified ({link.Algorithm} key {link.Key!.KeyId} from {keys.SourceOf(link.Key)})",
            _ => $"{link.Status} ({link.Reason}): {link.Detail}",
        };
        return $"{what} - {status}";
    }

    private static void AppendTree(StringBuilder text, ProvenanceVerificationResult result, KeyTrust keys)
    {
        var links = result.Links;
        var prefixes = new List<bool>(); // per depth: does a later sibling follow?
        for (int i = 0; i < links.Count; i++)
        {
            int depth = links[i].Depth;
            bool hasLaterSibling = false;
            for (int j = i + 1; j < links.Count && links[j].Depth >= depth; j++)
            {
                if (links[j].Depth == depth)
                {
                    hasLaterSibling = true;
                    break;
                }
            }

            while (prefixes.Count > depth)
            {
                prefixes.RemoveAt(prefixes.Count - 1);
            }

            text.Append("  ");
            for (int d = 1; d < depth; d++)
            {
                text.Append(d < prefixes.Count && prefixes[d] ? "|  " : "   ");
            }

            if (depth > 0)
            {
                text.Append(hasLaterSibling ? "+- " : "`- ");
            }

            text.Append(LinkLine(links[i], keys)).Append('\n');
            while (prefixes.Count <= depth)
            {
                prefixes.Add(false);
            }

            prefixes[depth] = hasLaterSibling;
        }
    }

    private static void AppendTrail(StringBuilder text, ProvenanceVerificationResult result)
    {
        if (result.CustodyTrail.Count == 0)
        {
            return;
        }

        text.Append("  Chain of custody, oldest first:\n");
        int step = 1;
        foreach (var entry in result.CustodyTrail)
        {
            string from = entry.MadeFrom.Count == 0 ? "original" : $"made from {string.Join(", ", entry.MadeFrom.Select(Short))}";
            text.Append($"  {step++,3}. {Times.Format(entry.IssuedAt)}  {entry.Issuer} produced {entry.Kind.ToString().ToLowerInvariant()} '{Shown(entry.ContentId)}' in task {Shown(entry.TaskId)} ({from}) as {Short(entry.EnvelopeDigest)} [{entry.Status}]\n");
        }
    }

    private static JsonObject ItemJson(ProvenanceInput.Item item, ProvenanceExpectations expected, ProvenanceVerificationResult result, KeyTrust keys) => new()
    {
        ["content"] = item.Label,
        ["status"] = result.Status.ToString(),
        ["reason"] = result.Reason,
        ["detail"] = result.Detail,
        ["taskId"] = expected.TaskId,
        ["contextId"] = expected.ContextId,
        ["bindingChecked"] = result.BindingChecked,
        ["audienceChecked"] = result.AudienceChecked,
        ["links"] = new JsonArray([.. result.Links.Select(l => (JsonNode)LinkJson(l, keys))]),
        ["custody"] = new JsonArray([.. result.CustodyTrail.Select(e => (JsonNode)new JsonObject
        {
            ["issuer"] = e.Issuer,
            ["kind"] = e.Kind.ToString().ToLowerInvariant(),
            ["contentId"] = e.ContentId,
            ["taskId"] = e.TaskId,
            ["contextId"] = e.ContextId,
            ["issuedAt"] = Times.Format(e.IssuedAt),
            ["expiresAt"] = Times.Format(e.ExpiresAt),
            ["envelopeDigest"] = e.EnvelopeDigest,
            ["contentDigest"] = e.ContentDigest,
            ["madeFrom"] = new JsonArray([.. e.MadeFrom.Select(d => (JsonNode)d)]),
            ["status"] = e.Status.ToString(),
            ["kid"] = e.KeyId,
        })]),
    };

    private static JsonObject LinkJson(ProvenanceLinkResult link, KeyTrust keys)
    {
        var statement = link.Statement;
        return new JsonObject
        {
            ["depth"] = link.Depth,
            ["digest"] = link.Digest,
            ["iss"] = statement?.Issuer ?? link.ClaimedIssuer,
            ["status"] = link.Status.ToString(),
            ["reason"] = link.Reason,
            ["detail"] = link.Detail,
            ["source"] = link.Source,
            ["kid"] = link.Key?.KeyId,
            ["algorithm"] = link.Algorithm,
            ["keySource"] = link.Key is { } key ? keys.SourceOf(key) : null,
            ["kind"] = statement?.Kind.ToString().ToLowerInvariant(),
            ["contentId"] = statement?.ContentId,
            ["taskId"] = statement?.TaskId,
            ["contextId"] = statement?.ContextId,
            ["issuedAt"] = statement is null ? null : Times.Format(DateTimeOffset.FromUnixTimeSeconds(statement.IssuedAt)),
            ["expiresAt"] = statement?.ExpiresAt is { } exp ? Times.Format(DateTimeOffset.FromUnixTimeSeconds(exp)) : null,
            ["aud"] = statement?.Audience,
            ["parents"] = new JsonArray([.. link.ParentDigests.Select(d => (JsonNode)d)]),
        };
    }

    // Ids come from the input: quoted only sanitized.
    private static string Shown(string? text) => text is null ? "(none)" : CallerText.Sanitize(text);

    private static string Short(string digest) => digest.Length > 20 ? digest[..20] + "..." : digest;

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
