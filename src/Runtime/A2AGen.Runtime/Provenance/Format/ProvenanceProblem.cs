namespace A2AGen.Provenance;

/// <summary>A failed check: its stable reason and a description that quotes caller text only sanitized.</summary>
internal sealed record ProvenanceProblem(string Reason, string Detail)
{
    public static ProvenanceProblem Malformed(string detail) => new(ProvenanceReasons.Malformed, detail);
}
