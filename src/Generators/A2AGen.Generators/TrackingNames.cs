namespace A2AGen.Generators;

/// <summary>Names of the pipeline steps, so tests can check what was cached and what re-ran.</summary>
internal static class TrackingNames
{
    /// <summary>Every <c>[A2AAgent]</c> class parsed into a spec (null for an invalid declaration).</summary>
    public const string ParsedAgents = nameof(ParsedAgents);

    /// <summary>The agents that had no error: the ones code is generated for.</summary>
    public const string ValidAgents = nameof(ValidAgents);
}
