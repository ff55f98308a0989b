using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting;

/// <summary>
/// While <c>StartA2AAsync</c> starts the host it reports a failed start itself, as one line per problem; the generic
/// host and Kestrel would also log that failure as an error with the exception's stack trace. This post-configuration
/// wraps every logging filter rule (keeping each rule's provider, category and level, so what is logged otherwise does
/// not change) to leave out exactly those entries, and only during that start — and Kestrel's warning that endpoints in
/// code override <c>urls</c>, when A2AGen listens on those itself to open its gRPC endpoints.
/// </summary>
internal sealed class StartupLogFilter(StartFailureReporting reporting) : IPostConfigureOptions<LoggerFilterOptions>
{
    private static readonly string[] StartFailureCategories =
    [
        "Microsoft.Extensions.Hosting.Internal.Host",
        "Microsoft.AspNetCore.Hosting.Diagnostics",
        "Microsoft.AspNetCore.Server.Kestrel",
    ];

    public void PostConfigure(string? name, LoggerFilterOptions options)
    {
        var rules = options.Rules.ToList();
        options.Rules.Clear();
        foreach (var rule in rules)
        {
            options.Rules.Add(new LoggerFilterRule(rule.ProviderName, rule.CategoryName, rule.LogLevel, Wrap(rule.Filter)));
        }

        if (!rules.Any(r => r.ProviderName is null && r.CategoryName is null))
        {
            // Without a catch-all rule the factory uses MinLevel and no filter; this rule is the same plus the wrap.
            options.Rules.Add(new LoggerFilterRule(null, null, options.MinLevel, Wrap(null)));
        }
    }

    private Func<string?, string?, LogLevel, bool> Wrap(Func<string?, string?, LogLevel, bool>? filter) =>
        (provider, category, level) =>
            !(level >= LogLevel.Error && reporting.IsActive && IsStartFailureCategory(category))
            && !(level == LogLevel.Warning && reporting.IsActive && reporting.ListensOnHostUrls && category == KestrelCategory)
            && (filter is null || filter(provider, category, level));

    // Kestrel warns that it overrides the `urls` addresses when endpoints are configured in code; when A2AGen opens gRPC
    // endpoints it listens on those addresses itself (GrpcListeners), so the warning says nothing true: left out while
    // StartA2AAsync starts the host.
    private const string KestrelCategory = "Microsoft.AspNetCore.Server.Kestrel";

    private static bool IsStartFailureCategory(string? category) =>
        category is not null && StartFailureCategories.Any(c => category == c || category.StartsWith(c + ".", StringComparison.Ordinal));
}

/// <summary>Whether a <c>StartA2AAsync</c> call is starting the host (and so reports a failed start itself).</summary>
internal sealed class StartFailureReporting
{
    private int _active;

    public bool IsActive => Volatile.Read(ref _active) > 0;

    /// <summary>Whether A2AGen listens on the host's <c>urls</c> itself (it opened gRPC endpoints in code).</summary>
    public bool ListensOnHostUrls { get; set; }

    public IDisposable Begin()
    {
        Interlocked.Increment(ref _active);
        return new End(this);
    }

    private sealed class End(StartFailureReporting owner) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                Interlocked.Decrement(ref owner._active);
            }
        }
    }
}
