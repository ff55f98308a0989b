namespace TravelDesk.AgentHosting;

/// <summary>The exit codes of the TravelDesk programs (the orchestrator and both agents).</summary>
public static class ExitCodes
{
    /// <summary>Everything went as expected (an agent: it ran until stopped).</summary>
    public const int Success = 0;

    /// <summary>The orchestrator ran every scenario, and at least one did not behave as expected.</summary>
    public const int ScenarioFailed = 1;

    /// <summary>The command line is wrong (unknown option, missing or malformed value).</summary>
    public const int Usage = 2;

    /// <summary>Could not start or run: keys, a port in use, a peer that is down, answers garbage or serves a card that does not verify.</summary>
    public const int CannotRun = 3;
}
