using A2AGen.Declarations.Parsing;
using A2AGen.Generators.Emit;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace A2AGen.Generators;

/// <summary>
/// Generates, for every valid <c>[A2AAgent]</c> class, its <c>IA2AAgent</c> implementation: descriptor, Agent Card
/// and canonical card bytes, dispatcher and typed passport. Invalid declarations produce nothing; the analyzers,
/// which share the parser, explain why.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class AgentGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var agents = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownSymbols.AgentAttributeMetadataName,
                static (node, _) => node is TypeDeclarationSyntax,
                static (syntaxContext, cancellationToken) => syntaxContext.TargetSymbol is INamedTypeSymbol type
                    ? AgentParser.Parse(type, syntaxContext.Attributes[0], sink: null, cancellationToken)
                    : null)
            .WithTrackingName(TrackingNames.ParsedAgents)
            .Where(static agent => agent is not null)
            .Select(static (agent, _) => agent!)
            .WithTrackingName(TrackingNames.ValidAgents);

        context.RegisterSourceOutput(agents, static (productionContext, agent) => AgentEmitter.Emit(productionContext, agent));
    }
}
