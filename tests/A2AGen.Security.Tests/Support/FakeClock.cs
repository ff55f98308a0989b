namespace A2AGen.Security.Tests.Support;

/// <summary>A settable clock for time-based claim checks.</summary>
internal sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
