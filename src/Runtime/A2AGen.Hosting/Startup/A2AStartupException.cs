namespace A2AGen.Hosting;

/// <summary>
/// A hosted agent cannot start because of its configuration (or its address is taken). Each of
/// <see cref="Problems"/> is one line that names the agent, the problem and the fix; <see cref="ExitCode"/> is what
/// <c>RunA2AAsync</c> exits with. Thrown by <c>StartA2AAsync</c>, and by the host's own <c>StartAsync</c> for key
/// and URL problems found when the agents start.
/// </summary>
public sealed class A2AStartupException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">One line per problem, each naming the agent and the fix.</param>
    /// <param name="exitCode">The process exit code for it (<see cref="A2AExitCodes"/>).</param>
    /// <param name="innerException">What was thrown, for debuggers; never printed by <c>RunA2AAsync</c>.</param>
    public A2AStartupException(IReadOnlyList<string> problems, int exitCode, Exception? innerException = null)
        : base(string.Join(Environment.NewLine, problems ?? throw new ArgumentNullException(nameof(problems))), innerException)
    {
        Problems = problems;
        ExitCode = exitCode;
    }

    /// <summary>One line per problem.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>The exit code <c>RunA2AAsync</c> returns for it.</summary>
    public int ExitCode { get; }
}
