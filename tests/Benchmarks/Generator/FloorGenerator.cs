using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace A2AGen.Benchmarks.Generator;

/// <summary>
/// The cheapest generator that finds the same agents: <c>ForAttributeWithMetadataName</c> on <c>[A2AAgent]</c>, a
/// transform that returns the class name, no output. Its cost is the floor Roslyn's incremental machinery sets for any
/// generator built this way (the transform re-runs for every agent whenever the compilation changes). Created
/// directly by the benchmarks, never loaded by a compiler (so no <c>[Generator]</c>).
/// </summary>
public sealed class FloorGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var names = context.SyntaxProvider.ForAttributeWithMetadataName(
            "A2AGen.A2AAgentAttribute",
            static (node, _) => node is TypeDeclarationSyntax,
            static (syntaxContext, _) => syntaxContext.TargetSymbol.Name);
        context.RegisterSourceOutput(names, static (_, _) => { });
    }
}
