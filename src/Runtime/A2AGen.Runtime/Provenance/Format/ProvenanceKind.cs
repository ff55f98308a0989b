namespace A2AGen.Provenance;

/// <summary>What a provenance statement vouches for: an artifact of a task, or an agent message.</summary>
public enum ProvenanceKind
{
    /// <summary><c>"artifact"</c>: the statement names an <c>artifactId</c>.</summary>
    Artifact,

    /// <summary><c>"message"</c>: the statement names a <c>messageId</c>.</summary>
    Message,
}
