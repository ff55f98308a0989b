namespace A2AGen.Declarations.Problems;

/// <summary>The diagnostic categories, as constants (analyzer release tracking reads them from the descriptors).</summary>
internal static class ProblemCategories
{
    /// <summary>Problems that weaken what a caller must prove (signatures, schemes, transport).</summary>
    public const string Security = "A2AGen.Security";

    /// <summary>Declarations the generator cannot turn into an agent.</summary>
    public const string Usage = "A2AGen.Usage";

    /// <summary>Values that would make the Agent Card invalid or misleading.</summary>
    public const string Card = "A2AGen.Card";
}
