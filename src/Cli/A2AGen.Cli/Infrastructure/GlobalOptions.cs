using System.CommandLine;
using System.Globalization;

namespace A2AGen.Cli.Infrastructure;

/// <summary>Options every command accepts (declared once on the root, recursive).</summary>
internal sealed class GlobalOptions
{
    /// <summary>The default time a URL fetch may take.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write the result as one JSON object on standard output (errors too), for scripts.",
        Recursive = true,
    };

    public Option<double> Timeout { get; } = new("--timeout")
    {
        Description = "How long a URL fetch may take, in seconds.",
        HelpName = "seconds",
        Recursive = true,
        DefaultValueFactory = _ => DefaultTimeout.TotalSeconds,
        CustomParser = result =>
        {
            string text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && seconds is > 0 and <= 600)
            {
                return seconds;
            }

            result.AddError($"--timeout must be a number of seconds above 0 and at most 600, not '{text}'");
            return DefaultTimeout.TotalSeconds;
        },
    };

    /// <summary>The fetch timeout the parse result asks for.</summary>
    public TimeSpan GetTimeout(ParseResult parse) => TimeSpan.FromSeconds(parse.GetValue(Timeout));
}
