namespace A2AGen.Hosting;

/// <summary>
/// The exit codes of <c>RunA2AAsync</c> (BSD <c>sysexits.h</c> values, so scripts and service managers can tell a
/// configuration mistake from a passing condition). Documented in docs/hosting.md#startup-errors.
/// </summary>
public static class A2AExitCodes
{
    /// <summary>The host ran and stopped normally.</summary>
    public const int Success = 0;

    /// <summary>The host could not listen: the address is in use (<c>EX_TEMPFAIL</c>, 75); trying again later or on another port may work.</summary>
    public const int AddressInUse = 75;

    /// <summary>A configuration problem: keys, trusted peers, options, URLs, the mutual TLS trust folder (<c>EX_CONFIG</c>, 78).</summary>
    public const int Configuration = 78;
}
