namespace TravelDesk.Orchestrator;

/// <summary>What a scenario expected and what happened.</summary>
/// <param name="Name">The scenario, in a few words.</param>
/// <param name="Expected">"accepted", "verified" or "rejected".</param>
/// <param name="ExpectedReason">The reason code a rejection must carry; null for acceptance.</param>
/// <param name="Actual">What happened: "accepted", "verified", "rejected 401", "error", …</param>
/// <param name="Reason">The reason code the agent (or client) gave; null when none.</param>
/// <param name="Explanation">One line: why this is the right (or wrong) outcome, with what the agent answered.</param>
/// <param name="AsExpected">Whether the outcome is the expected one.</param>
public sealed record ScenarioResult(
    string Name, string Expected, string? ExpectedReason, string Actual, string? Reason, string Explanation, bool AsExpected);
