using System.Text.Json.Nodes;

namespace A2AGen.Cli.Infrastructure;

/// <summary>
/// What a command produced: its exit code, the <c>--json</c> object, the text for people, and — for outcomes that
/// are not a success — one line for standard error saying what is wrong.
/// </summary>
/// <param name="ExitCode">The process exit code (<see cref="ExitCodes"/>).</param>
/// <param name="Json">The result for <c>--json</c>.</param>
/// <param name="Text">The result for people (may be empty).</param>
/// <param name="Problem">A one-line explanation written to standard error in text mode; null when all is well.</param>
internal sealed record CommandOutcome(int ExitCode, JsonObject Json, string Text, string? Problem = null);
