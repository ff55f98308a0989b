namespace A2AGen.Hosting;

/// <summary>
/// How the host checks Secure Passport signatures (host-wide: one verifier, one cache for all agents). Set with
/// <c>services.Configure&lt;A2APassportOptions&gt;(…)</c>; checked when the host starts its agents.
/// </summary>
public sealed class A2APassportOptions
{
    /// <summary>Tolerance for callers' clocks (default 5 seconds; 0 to 5 minutes).</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest accepted passport lifetime, <c>exp</c> − <c>iat</c> (default 1 hour; 1 second to 24 hours).</summary>
    public TimeSpan MaxLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Refuse signed passports that do not name their audience (<c>aud</c>); default false.</summary>
    public bool RequireAudience { get; set; }

    /// <summary>How many verified passports to remember so a repeated one skips its signature verification (default 10,000; 0 turns the cache off).</summary>
    public int CacheCapacity { get; set; } = 10_000;
}
