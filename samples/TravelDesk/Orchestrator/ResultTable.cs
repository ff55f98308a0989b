using System.Text;

namespace TravelDesk.Orchestrator;

/// <summary>Prints the scenarios as an aligned plain-text table: one row each, and the explanation under it.</summary>
public static class ResultTable
{
    /// <summary>The table, ending with a summary line.</summary>
    /// <param name="results">The scenarios' results, in order.</param>
    public static string Render(IReadOnlyList<ScenarioResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        string[] headers = ["#", "scenario", "expected", "actual", "reason", "ok"];
        var rows = results.Select((r, i) => new[]
        {
            (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            r.Name,
            r.Expected,
            r.Actual,
            r.Reason ?? "-",
            r.AsExpected ? "yes" : "NO",
        }).ToList();

        var widths = Enumerable.Range(0, headers.Length).Select(c => rows.Select(r => r[c].Length).Append(headers[c].Length).Max()).ToArray();
        var text = new StringBuilder();
        Append(text, headers, widths);
        Append(text, widths.Select(w => new string('-', w)).ToArray(), widths);
        for (var i = 0; i < rows.Count; i++)
        {
            Append(text, rows[i], widths);
            text.Append(' ', widths[0] + 4).Append(results[i].Explanation).Append('\n');
        }

        var passed = results.Count(r => r.AsExpected);
        text.Append('\n').Append(passed == results.Count
            ? $"All {results.Count} scenarios behaved as expected."
            : $"{results.Count - passed} of {results.Count} scenarios did NOT behave as expected (rows marked NO).").Append('\n');
        return text.ToString();
    }

    private static void Append(StringBuilder text, string[] cells, int[] widths)
    {
        text.Append("  ");
        for (var c = 0; c < cells.Length; c++)
        {
            text.Append(c == cells.Length - 1 ? cells[c] : cells[c].PadRight(widths[c] + 2));
        }

        text.Append('\n');
    }
}
