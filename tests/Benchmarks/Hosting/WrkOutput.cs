using System.Globalization;
using System.Text.RegularExpressions;

namespace A2AGen.Benchmarks.Hosting;

/// <summary>Reads the summary <c>wrk --latency</c> prints: request count, duration, latency percentiles and errors.</summary>
internal static partial class WrkOutput
{
    public static LoadTest.Result Parse(string output)
    {
        var summary = Summary().Match(output);
        if (!summary.Success)
        {
            throw new InvalidOperationException("wrk printed no summary:\n" + output);
        }

        var requests = long.Parse(summary.Groups["requests"].Value, CultureInfo.InvariantCulture);
        var elapsed = Duration(summary.Groups["time"].Value, summary.Groups["unit"].Value);
        var non2xx = NonSuccess().Match(output) is { Success: true } bad ? long.Parse(bad.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socket = SocketErrors().Match(output) is { Success: true } errors
            ? Enumerable.Range(1, 4).Sum(i => long.Parse(errors.Groups[i].Value, CultureInfo.InvariantCulture))
            : 0;
        return new LoadTest.Result(requests, non2xx + socket, elapsed, Percentile(output, "50"), Percentile(output, "90"), Percentile(output, "99"), TimeSpan.Zero);
    }

    private static double Percentile(string output, string percent)
    {
        var match = Regex.Match(output, @"^\s+" + percent + @"%\s+(?<value>[\d.]+)(?<unit>us|ms|s)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant);
        return match.Success ? Duration(match.Groups["value"].Value, match.Groups["unit"].Value).TotalMilliseconds : double.NaN;
    }

    private static TimeSpan Duration(string value, string unit)
    {
        var number = double.Parse(value, CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => TimeSpan.FromMicroseconds(number),
            "ms" => TimeSpan.FromMilliseconds(number),
            "s" => TimeSpan.FromSeconds(number),
            "m" => TimeSpan.FromMinutes(number),
            _ => throw new FormatException($"wrk unit '{unit}'"),
        };
    }

    [GeneratedRegex(@"(?<requests>\d+) requests in (?<time>[\d.]+)(?<unit>us|ms|s|m),", RegexOptions.CultureInvariant)]
    private static partial Regex Summary();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", RegexOptions.CultureInvariant)]
    private static partial Regex SocketErrors();
}
