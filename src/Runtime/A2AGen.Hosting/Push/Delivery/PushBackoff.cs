namespace A2AGen.Hosting.Push;

/// <summary>The wait before a retry: doubling from the first delay up to the longest, with "equal jitter" (half fixed, half random), so instances retrying together spread out.</summary>
internal static class PushBackoff
{
    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (1 for the first).</summary>
    public static TimeSpan Delay(int attempt, TimeSpan first, TimeSpan max)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ticks = Math.Min((double)max.Ticks, first.Ticks * Math.Pow(2, exponent));
        var half = ticks / 2;
        return TimeSpan.FromTicks((long)(half + Random.Shared.NextDouble() * half));
    }
}
