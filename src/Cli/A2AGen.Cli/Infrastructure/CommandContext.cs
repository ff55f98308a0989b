using A2AGen.Cli.Inputs;

namespace A2AGen.Cli.Infrastructure;

/// <summary>One command invocation: the console, the global options' values and the HTTP fetcher (made on first use).</summary>
internal sealed class CommandContext : IDisposable
{
    private HttpFetcher? _http;

    public CommandContext(CliConsole console, bool json, TimeSpan timeout, CancellationToken cancellationToken)
    {
        Console = console;
        Json = json;
        Timeout = timeout;
        CancellationToken = cancellationToken;
    }

    public CliConsole Console { get; }

    /// <summary>Whether <c>--json</c> was given.</summary>
    public bool Json { get; }

    /// <summary>The URL fetch timeout (<c>--timeout</c>).</summary>
    public TimeSpan Timeout { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Fetches URLs with the timeout and size limits.</summary>
    public HttpFetcher Http => _http ??= new HttpFetcher(Timeout);

    public void Dispose() => _http?.Dispose();
}
