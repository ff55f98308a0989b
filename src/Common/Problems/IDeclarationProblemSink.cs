namespace A2AGen.Declarations.Problems;

/// <summary>
/// Receives the problems the parser finds. The analyzers pass a sink that reports diagnostics; the generator passes
/// none (the parser then skips computing locations) and simply gets no model for an agent with errors.
/// </summary>
internal interface IDeclarationProblemSink
{
    void Report(DeclarationProblem problem);
}
