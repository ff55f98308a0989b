namespace A2AGen.Analyzers.Diagnostics;

/// <summary>Keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> that code fixes read.</summary>
internal static class DiagnosticProperties
{
    /// <summary>The attribute argument at fault (e.g. <c>RequestSignature</c>), when the problem is an argument.</summary>
    public const string Argument = "A2AGen.Argument";
}
