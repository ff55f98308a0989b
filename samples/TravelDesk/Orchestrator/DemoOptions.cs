namespace TravelDesk.Orchestrator;

/// <summary>The orchestrator's command line.</summary>
public sealed record DemoOptions
{
    /// <summary>The usage text (printed by <c>--help</c> and after a usage error).</summary>
    public const string Usage = """
        Usage: dotnet run --project samples/TravelDesk [-- options]
          (no options)          start both agents in-process on free 127.0.0.1 ports and run every scenario
          --currency-url URL    use a currency agent that already runs at URL instead of starting one
          --finance-url URL     use a finance agent that already runs at URL instead of starting one
          --trust DIR           verify the cards of agents given by URL with <agent-id>.jwks.json files from DIR
                                (without it: with the keys each agent publishes at its own /.well-known/jwks.json)
          --print-jwks          print travel-desk's public keys (for an agent's a2a-keys/trusted/travel-desk.jwks.json)
          --save-chain FILE     also write row 14's report, the quote and the figure it cites, and the three agents'
                                served JWKS to FILE as JSON ({"jwks": {...}, "items": [...]}), to check with any tool
          --help                show this text
        """;

    /// <summary>A currency agent to call instead of starting one.</summary>
    public Uri? CurrencyUrl { get; init; }

    /// <summary>A finance agent to call instead of starting one.</summary>
    public Uri? FinanceUrl { get; init; }

    /// <summary>A folder of trusted agents' JWKS files (<c>&lt;agent-id&gt;.jwks.json</c>).</summary>
    public string? TrustDirectory { get; init; }

    /// <summary>Where to write the report's chain and the agents' keys (<c>--save-chain</c>), or null.</summary>
    public string? SaveChain { get; init; }

    /// <summary>Print the orchestrator's JWKS and stop.</summary>
    public bool PrintJwks { get; init; }

    /// <summary>Print the usage and stop.</summary>
    public bool Help { get; init; }

    /// <summary>Reads the command line; a problem is returned as one line.</summary>
    /// <param name="args">The arguments after <c>--</c>.</param>
    /// <param name="options">The options read.</param>
    /// <param name="problem">What is wrong, when the result is false.</param>
    public static bool TryParse(IReadOnlyList<string> args, out DemoOptions options, out string? problem)
    {
        options = new DemoOptions();
        problem = null;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "--help" or "-h" or "-?":
                    options = options with { Help = true };
                    continue;
                case "--print-jwks":
                    options = options with { PrintJwks = true };
                    continue;
                case "--currency-url" or "--finance-url" or "--trust" or "--save-chain":
                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        problem = $"{name} needs a value.";
                        return false;
                    }

                    var value = args[++i];
                    if (name == "--trust")
                    {
                        options = options with { TrustDirectory = value };
                        continue;
                    }

                    if (name == "--save-chain")
                    {
                        options = options with { SaveChain = value };
                        continue;
                    }

                    if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
                    {
                        problem = $"{name} '{value}' is not an absolute http or https URL (e.g. http://127.0.0.1:5080/).";
                        return false;
                    }

                    options = name == "--currency-url" ? options with { CurrencyUrl = url } : options with { FinanceUrl = url };
                    continue;
                default:
                    problem = $"Unknown option '{name}'.";
                    return false;
            }
        }

        return true;
    }
}
