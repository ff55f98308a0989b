namespace TravelDesk.AgentHosting;

/// <summary>
/// The exit codes of the TravelDesk orchestrator. The standalone agents exit with A2AGen.Hosting's codes
/// (<c>A2AExitCodes</c>: 0 stopped, 78 configuration problem, 75 port in use) from <c>RunA2AAsync</c>.
/// </summary>
public static class ExitCodes
{
    /// <summary>Every scenario behaved as expected.</summary>
    public const int Success = 0;

    /// <summary>The orchestrator ran every scenario, and at least one did not behave as expected.</summary>
    public const int ScenarioFailed = 1;

    /// <summary>The command line is wrong (unknown option, missing or malformed value).</summary>
    public const int Usage = 2;

    /// <summary>Could not run: its key, an agent it starts, a peer that is down, answers garbage or serves a card that does not verify.</summary>
    public const int CannotRun = 3;
}
