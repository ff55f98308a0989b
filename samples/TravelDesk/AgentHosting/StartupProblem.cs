using A2AGen.Hosting;

namespace TravelDesk.AgentHosting;

/// <summary>One line for an agent host that could not start, never a stack trace or type name.</summary>
public static class StartupProblem
{
    /// <summary>
    /// The line for <paramref name="exception"/>: A2AGen.Hosting's own problems (<see cref="A2AStartupException"/>, from
    /// <c>StartA2AAsync</c>) already name the agent and the fix; anything else gets the agent's id in front.
    /// </summary>
    /// <param name="agentId">The agent that could not start.</param>
    /// <param name="exception">What the host threw while building or starting.</param>
    public static string Describe(string agentId, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is A2AStartupException startup
            ? string.Join(" ", startup.Problems)
            : $"{agentId} cannot start: {OneLine(exception.Message)}";
    }

    /// <summary>Collapses line breaks, so a message always prints as one line.</summary>
    /// <param name="text">Any message.</param>
    public static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
