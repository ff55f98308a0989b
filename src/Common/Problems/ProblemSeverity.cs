namespace A2AGen.Declarations.Problems;

/// <summary>
/// How bad a declaration problem is. <see cref="Error"/> makes the generator skip the agent (it emits nothing for
/// it rather than code that does not compile); warnings and infos leave the generated code unchanged.
/// </summary>
internal enum ProblemSeverity
{
    Info,
    Warning,
    Error,
}
