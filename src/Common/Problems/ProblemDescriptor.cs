namespace A2AGen.Declarations.Problems;

/// <summary>
/// The fixed part of a declaration problem: id, default severity and texts. Plain data (no Roslyn
/// <c>DiagnosticDescriptor</c>), so the generator stays free of diagnostics and the analyzers build their
/// descriptors from the same source of truth.
/// </summary>
/// <param name="Id">The diagnostic id, <c>A2AG00NN</c>.</param>
/// <param name="Severity">The default severity.</param>
/// <param name="Title">A short title.</param>
/// <param name="MessageFormat">A composite format string; its arguments are listed in <see cref="ProblemDescriptors"/>.</param>
/// <param name="Category">The diagnostic category.</param>
internal sealed record ProblemDescriptor(string Id, ProblemSeverity Severity, string Title, string MessageFormat, string Category);
