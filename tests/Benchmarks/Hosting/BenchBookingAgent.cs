namespace A2AGen.Benchmarks.Hosting;

/// <summary>The multi-turn agent of <see cref="MultiTurnBenchmarks"/>: "ask" stops for input, anything else is booked.</summary>
[A2AAgent("bench-booking", Name = "Bench Booking", Description = "Asks for a date when told to.",
    DefaultInputModes = ["text/plain"], DefaultOutputModes = ["text/plain"])]
public sealed partial class BenchBookingAgent
{
    /// <summary>Books; "ask" makes it stop for the caller first.</summary>
    [Skill("book", Description = "Books a trip.", Tags = ["travel"])]
    public SkillResult Book(string text, SkillContext context) =>
        text == "ask" ? SkillResult.InputRequired("Which date?") : "booked " + text + " after " + context.History.Count + " messages";
}
