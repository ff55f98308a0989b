using System;
using System.Collections.Immutable;
using A2AGen.Declarations.Problems;
using Microsoft.CodeAnalysis;

namespace A2AGen.Analyzers.Diagnostics;

/// <summary>Turns the shared parser's problems into diagnostics and hands them to an analysis context.</summary>
internal sealed class DiagnosticSink : IDeclarationProblemSink
{
    private readonly Action<Diagnostic> _report;

    public DiagnosticSink(Action<Diagnostic> report) => _report = report;

    public void Report(DeclarationProblem problem) => _report(ToDiagnostic(problem));

    /// <summary>The diagnostic of a problem: its descriptor, location, message arguments and the argument at fault.</summary>
    public static Diagnostic ToDiagnostic(DeclarationProblem problem)
    {
        var properties = problem.ArgumentName is { } argument
            ? ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Argument, argument)
            : ImmutableDictionary<string, string?>.Empty;

        var args = new object[problem.MessageArgs.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = problem.MessageArgs[i];
        }

        return Diagnostic.Create(A2AGenDiagnostics.For(problem.Descriptor), problem.Location, properties, args);
    }
}
