namespace A2AGen.Biscuit.Tests;

/// <summary>
/// Limits for tests that are not about time: the machine runs test projects in parallel on two cores, and the first
/// authorization in a process pays for JIT compilation, so the default time limit could refuse spuriously there.
/// </summary>
internal static class TestLimits
{
    public static AuthorizerLimits Generous { get; } = new() { MaxTime = TimeSpan.FromSeconds(10) };
}
