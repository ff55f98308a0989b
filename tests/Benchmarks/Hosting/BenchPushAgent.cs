namespace A2AGen.Benchmarks.Hosting;

/// <summary>The agent of <c>push-load</c>: a generated agent with one text skill that sends its tasks' updates to webhooks.</summary>
[A2AAgent("bench-push", Name = "Bench Push", Description = "Echoes text and notifies webhooks.", Streaming = true, PushNotifications = true,
    DefaultInputModes = ["text/plain"], DefaultOutputModes = ["text/plain"])]
public sealed partial class BenchPushAgent
{
    /// <summary>Returns the text it was sent.</summary>
    [Skill("echo", Description = "Echoes the text it receives.", Tags = ["echo"])]
    public string Echo(string text) => text;
}
