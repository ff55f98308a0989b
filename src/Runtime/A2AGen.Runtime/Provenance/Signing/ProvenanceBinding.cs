namespace A2AGen.Provenance;

/// <summary>
/// Where signed content was produced: the task and context an envelope is bound to. A verifier told the task and
/// context the content arrived in refuses an envelope bound to others (a replay).
/// </summary>
/// <param name="TaskId">The task; null only for a message outside any task.</param>
/// <param name="ContextId">The context (conversation).</param>
public sealed record ProvenanceBinding(string? TaskId, string ContextId);
