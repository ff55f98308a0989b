using System.Globalization;
using System.Text;
using A2AGen.Provenance;
using A2AGen.Security;

namespace TravelDesk.Orchestrator;

/// <summary>
/// Prints a verified chain as a readable tree, the content's own envelope first and each parent under what was made
/// from it, then the chain of custody in time order (who produced what, from what, when).
/// </summary>
public static class CustodyTree
{
    /// <summary>The tree and the trail, one line per envelope, indented by two spaces.</summary>
    /// <param name="result">A verification result (any status: a failed link says which check failed).</param>
    public static string Render(ProvenanceVerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        var links = result.Links;
        var open = new List<bool>(); // per depth: does a later sibling follow (draw its "|")?
        for (var i = 0; i < links.Count; i++)
        {
            var depth = links[i].Depth;
            var laterSibling = false;
            for (var j = i + 1; j < links.Count && links[j].Depth >= depth; j++)
            {
                if (links[j].Depth == depth)
                {
                    laterSibling = true;
                    break;
                }
            }

            text.Append("  ");
            for (var d = 1; d < depth; d++)
            {
                text.Append(d < open.Count && open[d] ? "|  " : "   ");
            }

            if (depth > 0)
            {
                text.Append(laterSibling ? "+- " : "`- ");
            }

            text.Append(Line(links[i])).Append('\n');
            while (open.Count <= depth)
            {
                open.Add(false);
            }

            open[depth] = laterSibling;
        }

        text.Append("  In time order:\n");
        var step = 1;
        var names = result.CustodyTrail.ToDictionary(e => e.EnvelopeDigest, e => $"{e.Issuer}'s {Id(e.ContentId)}", StringComparer.Ordinal);
        foreach (var entry in result.CustodyTrail)
        {
            var from = entry.MadeFrom.Count == 0 ? "original" : "made from " + string.Join(" and ", entry.MadeFrom.Select(d => names.GetValueOrDefault(d, d)));
            text.Append(CultureInfo.InvariantCulture, $"  {step++}. {entry.IssuedAt:yyyy-MM-dd HH:mm:ss}Z {entry.Issuer} produced {entry.Kind.ToString().ToLowerInvariant()} {Id(entry.ContentId)} ({from})\n");
        }

        return text.ToString();
    }

    private static string Line(ProvenanceLinkResult link)
    {
        var statement = link.Statement;
        var what = statement is null
            ? $"{link.ClaimedIssuer ?? "an unknown signer"}'s envelope {link.Digest}"
            : $"{statement.Kind.ToString().ToLowerInvariant()} {Id(statement.ContentId)} by {statement.Issuer}, task {Id(statement.TaskId)}";
        var status = link.Status == ProvenanceStatus.Verified
            ? $"verified ({link.Algorithm}, kid {link.Key!.KeyId[..8]}…)"
            : $"{link.Status.ToString().ToLowerInvariant()} ({link.Reason}): {link.Detail}";
        return $"{what} - {status}";
    }

    // Ids come from the agents: shortened, and sanitized before they are printed.
    private static string Id(string? id) => id is null ? "(none)" : CallerText.Sanitize(id.Length <= 8 ? id : id[..8] + "…", 20);
}
