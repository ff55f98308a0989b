namespace A2AGen.Provenance;

/// <summary>
/// What the verifier knows about where the content arrived: the task and context (an envelope bound to others is a
/// replay) and the names this verifier answers to (an envelope with an <c>aud</c> naming none of them is refused).
/// Whatever is left null is not checked, and the result says so.
/// </summary>
public sealed record ProvenanceExpectations
{
    /// <summary>No expectations: nothing about the binding or audience is checked.</summary>
    public static ProvenanceExpectations None { get; } = new();

    /// <summary>The task the content arrived in.</summary>
    public string? TaskId { get; init; }

    /// <summary>The context the content arrived in.</summary>
    public string? ContextId { get; init; }

    /// <summary>This verifier's agent id and/or URLs; an <c>aud</c> must equal one of them.</summary>
    public IReadOnlyList<string>? Audiences { get; init; }
}
