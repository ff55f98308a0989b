namespace A2AGen.Cli.Infrastructure;

/// <summary>The tool's exit codes (documented in docs/cli.md). Verification outcomes get their own codes so scripts can tell them apart.</summary>
internal static class ExitCodes
{
    /// <summary>The command did its job; for verifying commands: verified with a trusted key.</summary>
    public const int Success = 0;

    /// <summary>The command could not do its job: a missing or unreadable file, a wrong password, bad JSON, an unreachable URL, a peer answering garbage.</summary>
    public const int Failure = 1;

    /// <summary>The command line is wrong (unknown command or option, missing argument, conflicting options).</summary>
    public const int Usage = 2;

    /// <summary>Unverified: nothing is wrong with the signature, but no trusted key vouches for it (unsigned, or an unknown key).</summary>
    public const int Unverified = 3;

    /// <summary>Invalid: a check failed (forged or tampered signature, wrong type, expired, wrong audience, body hash mismatch, malformed signature).</summary>
    public const int Invalid = 4;

    /// <summary>Interrupted (Ctrl+C), as shells report SIGINT.</summary>
    public const int Canceled = 130;
}
