namespace A2AGen.Benchmarks.Hosting;

/// <summary>The echo agent the hosting benchmarks serve: a generated agent with one text skill.</summary>
[A2AAgent("bench-echo", Name = "Bench Echo", Description = "Echoes text.", Streaming = true,
    DefaultInputModes = ["text/plain"], DefaultOutputModes = ["text/plain"])]
public sealed partial class BenchEchoAgent
{
    /// <summary>Returns the text it was sent.</summary>
    [Skill("echo", Description = "Echoes the text it receives.", Tags = ["echo"])]
    public string Echo(string text) => text;
}
