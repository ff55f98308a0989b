using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using A2AGen;
using A2AGen.Protocol;

namespace ConformanceAgent.Agents;

/// <summary>
/// The system under test of the A2A TCK (a2aproject/a2a-tck, branch 1.0-dev, scenarios/core_operations.feature and
/// scenarios/streaming.feature): what it does is chosen by the prefix of the caller's <c>messageId</c>, the TCK's
/// in-band signal. Everything else (errors, contextId/taskId rules, history, listing, cancelation) is A2AGen's.
/// </summary>
[A2AAgent(Id, Name = "TCK conformance agent", Description = "Behaves as the A2A TCK scenarios expect, keyed by messageId prefix.",
    Streaming = true, DefaultInputModes = ["text/plain", "application/json"], DefaultOutputModes = ["text/plain", "application/json"])]
public sealed partial class TckAgent
{
    /// <summary>The agent id (and card name) the TCK talks to.</summary>
    public const string Id = "tck-conformance-agent";

    /// <summary>
    /// Every TCK scenario. Order matters where prefixes overlap (<c>tck-artifact-file-url</c> before
    /// <c>tck-artifact-file</c>); an unknown prefix completes the task like <c>tck-complete-task</c>.
    /// </summary>
    [Skill("scenario", Description = "Runs the TCK scenario its messageId names.", Tags = ["tck"])]
    [DefaultSkill]
    public static SkillResult Scenario(SkillContext context, CancellationToken cancellationToken)
    {
        var id = context.Message.MessageId;
        return id switch
        {
            _ when id.StartsWith("tck-input-required", StringComparison.Ordinal) => InputRequired(context),
            _ when id.StartsWith("tck-multi-stream", StringComparison.Ordinal) => MultiStream(context, cancellationToken),
            _ when id.StartsWith("tck-reject-task", StringComparison.Ordinal) => throw new ScenarioRejectedException(),
            _ when id.StartsWith("tck-message-response", StringComparison.Ordinal) => SkillResult.FromMessage(Message.AgentText("Direct message response")),
            _ when id.StartsWith("tck-artifact-text", StringComparison.Ordinal) => "Generated text content",
            _ when id.StartsWith("tck-artifact-file-url", StringComparison.Ordinal) => Parts([FileUrl]),
            _ when id.StartsWith("tck-artifact-file", StringComparison.Ordinal) => Parts([OutputFile]),
            _ when id.StartsWith("tck-artifact-data", StringComparison.Ordinal) => SkillResult.FromData(DataArtifact()),
            _ when id.StartsWith("tck-stream-artifact-text", StringComparison.Ordinal) => Parts([Part.FromText("Streamed text content")]),
            _ when id.StartsWith("tck-stream-artifact-file", StringComparison.Ordinal) => Parts([OutputFile]),
            _ when id.StartsWith("tck-stream-artifact-chunked", StringComparison.Ordinal) => Parts([Part.FromText("chunk-1 "), Part.FromText("chunk-2")], cancellationToken),
            _ when id.StartsWith("tck-stream-ordering-001", StringComparison.Ordinal) => Parts([Part.FromText("Ordered output")]),
            _ when id.StartsWith("tck-stream-001", StringComparison.Ordinal) => Parts([Part.FromText("Stream hello from TCK")]),
            // A2AGen streams a task for every skill that does not return a Message: the scenario's "completed" is the task's.
            _ when id.StartsWith("tck-stream-002", StringComparison.Ordinal) => SkillResult.None,
            _ when id.StartsWith("tck-stream-003", StringComparison.Ordinal) => Parts([Part.FromText("Stream task lifecycle")]),
            _ => "Hello from TCK",
        };
    }

    /// <summary>
    /// tck-message-response and the Message branch of tck-stream-002: an answer without a task. A2AGen decides between a
    /// Message and a Task by the skill's declared return type, so this is a skill of its own, chosen with the
    /// <c>urn:a2agen:skill</c> metadata key ("message-response"); a bare TCK message reaches <see cref="Scenario"/>.
    /// </summary>
    [Skill("message-response", Description = "Answers with a message, no task.", Tags = ["tck"])]
    public static Message MessageResponse(SkillContext context) =>
        Message.AgentText(context.Message.MessageId.StartsWith("tck-stream-002", StringComparison.Ordinal) ? "Stream message-only response" : "Direct message response");

    private static readonly Part OutputFile = new() { Raw = Encoding.UTF8.GetBytes("TCK file content"), Filename = "output.txt", MediaType = "text/plain" };

    private static readonly Part FileUrl = new() { Url = "https://example.com/output.txt", Filename = "output.txt", MediaType = "text/plain" };

    // tck-input-required stops for input; the follow-up message (any text) completes the task, echoing what it saw.
    private static SkillResult InputRequired(SkillContext context) =>
        context.History.Any(m => m.Role == Role.Agent)
            ? $"Thanks: {context.Message.Parts[0].Text} (after {context.History.Count} messages)"
            : SkillResult.InputRequired("Please provide input");

    /// <summary>How many chunks <c>tck-multi-stream</c> streams once resumed.</summary>
    public const int MultiStreamChunks = 12;

    // tck-multi-stream (A2AGen's, for STREAM-ORDER-002..004): the task first waits for input, so any number of streams
    // can subscribe to it while nothing happens; the follow-up then streams MultiStreamChunks artifact chunks to completion,
    // which every open stream must see alike.
    private static SkillResult MultiStream(SkillContext context, CancellationToken cancellationToken) =>
        context.History.Any(m => m.Role == Role.Agent)
            ? Parts(Enumerable.Range(1, MultiStreamChunks).Select(i => Part.FromText($"chunk-{i} ")).ToArray(), cancellationToken)
            : SkillResult.InputRequired("Subscribe, then send anything to start the stream");

    private static JsonElement DataArtifact()
    {
        using var document = JsonDocument.Parse("""{"key":"value","count":42}""");
        return document.RootElement.Clone();
    }

    private static SkillResult Parts(Part[] parts, CancellationToken cancellationToken = default) => SkillResult.FromStream(Yield(parts, cancellationToken));

    private static async IAsyncEnumerable<Part> Yield(Part[] parts, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var part in parts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return part;
        }
    }
}

/// <summary>tck-reject-task: the skill refuses the work (the task ends as failed; A2AGen has no skill-level REJECTED yet).</summary>
public sealed class ScenarioRejectedException : Exception
{
    /// <summary>Creates the refusal.</summary>
    public ScenarioRejectedException()
        : base("rejected")
    {
    }

    /// <summary>Creates the refusal with a message.</summary>
    /// <param name="message">The message.</param>
    public ScenarioRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the refusal with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The inner exception.</param>
    public ScenarioRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
