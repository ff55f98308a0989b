namespace A2AGen.Analyzers.Diagnostics;

/// <summary>Where each diagnostic is explained: <c>docs/diagnostics/&lt;ID&gt;.md</c> in the repository.</summary>
internal static class HelpLinks
{
    /// <summary>The docs folder of the repository (the package's project URL plus the docs path), ending with a slash.</summary>
    public const string Base = "https://github.com/a2agen/a2agen/blob/main/docs/diagnostics/";

    /// <summary>The file extension of a docs page.</summary>
    public const string Extension = ".md";
}
