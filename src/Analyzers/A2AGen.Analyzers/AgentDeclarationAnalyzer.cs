using System.Collections.Immutable;
using A2AGen.Analyzers.Diagnostics;
using A2AGen.Declarations.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace A2AGen.Analyzers;

/// <summary>
/// Reports every problem of A2AGen declarations (A2AG0001–A2AG0024): it runs the parser the generator runs, with a
/// sink, so whatever the generator skips is explained here. <c>[A2AAgent]</c> classes (and <c>[Provenance]</c> classes
/// that are not agents) are analyzed as named types, <c>[Skill]</c>, <c>[DefaultSkill]</c> and <c>[Provenance]</c>
/// methods outside an agent as methods: symbol actions, so <c>#pragma</c>, suppressions and <c>.editorconfig</c>
/// severities apply as to any diagnostic.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AgentDeclarationAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => A2AGenDiagnostics.All;

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            // Without the A2AGen runtime there is nothing to analyze: no symbol actions at all.
            var agentAttribute = start.Compilation.GetTypeByMetadataName(KnownSymbols.AgentAttributeMetadataName);
            if (agentAttribute is null)
            {
                return;
            }

            start.RegisterSymbolAction(symbol => AnalyzeType(symbol, agentAttribute), SymbolKind.NamedType);
            start.RegisterSymbolAction(AnalyzeMethod, SymbolKind.Method);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol agentAttribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        foreach (var attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, agentAttribute))
            {
                AgentParser.Parse(type, attribute, new DiagnosticSink(context.ReportDiagnostic), context.CancellationToken);
                return;
            }
        }

        foreach (var attribute in type.GetAttributes())
        {
            if (KnownSymbols.IsAttribute(attribute, "ProvenanceAttribute"))
            {
                AgentParser.CheckProvenanceOutsideAgent(type, new DiagnosticSink(context.ReportDiagnostic), context.CancellationToken);
                return;
            }
        }
    }

    private static void AnalyzeMethod(SymbolAnalysisContext context)
    {
        // Most methods carry no A2AGen attribute: look at the method's own attributes before its class's.
        var method = (IMethodSymbol)context.Symbol;
        foreach (var attribute in method.GetAttributes())
        {
            if (KnownSymbols.IsAttribute(attribute, "SkillAttribute") || KnownSymbols.IsAttribute(attribute, "DefaultSkillAttribute") || KnownSymbols.IsAttribute(attribute, "ProvenanceAttribute"))
            {
                AgentParser.CheckSkillOutsideAgent(method, new DiagnosticSink(context.ReportDiagnostic), context.CancellationToken);
                return;
            }
        }
    }
}
