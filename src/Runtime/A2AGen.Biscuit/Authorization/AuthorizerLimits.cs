namespace A2AGen.Biscuit;

/// <summary>Bounds on one authorization: the Datalog evaluation stops with a clear error when one is reached.</summary>
public sealed record AuthorizerLimits
{
    /// <summary>The most facts the world may hold (token, authorizer and generated). Default 1000.</summary>
    public int MaxFacts { get; init; } = 1000;

    /// <summary>The most rule-application rounds. Default 100.</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>The longest the evaluation, checks and policies may take, measured with the authorizer's <see cref="TimeProvider"/>.
    /// Default 250 ms: a typical authorization takes tens of microseconds once warm, but the first one in a process
    /// also pays for JIT compilation, which a tight default would turn into a spurious refusal.</summary>
    public TimeSpan MaxTime { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The defaults.</summary>
    public static AuthorizerLimits Default { get; } = new();
}
