using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using A2AGen.Declarations.Model;
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
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownSymbols.AgentAttributeMetadataName,
                static (node, _) => node is TypeDeclarationSyntax,
                static (syntaxContext, cancellationToken) => syntaxContext.TargetSymbol is INamedTypeSymbol type
                    ? AgentParser.Parse(type, syntaxContext.Attributes[0], sink: null, cancellationToken)
                    : null)
            .WithTrackingName(TrackingNames.ParsedAgents);

        // Agents in a stable order (by type name), so that moving files around in the project is not a change:
        // the items are compared by position, and each agent keeps its own, so one edited agent is one re-emit.
        var agents = parsed
            .Collect()
            .WithComparer(AgentListComparer.Instance)
            .SelectMany(static (all, _) => SortValid(all))
            .WithTrackingName(TrackingNames.ValidAgents);

        context.RegisterSourceOutput(agents, static (productionContext, agent) => AgentEmitter.Emit(productionContext, agent));
    }

    private static ImmutableArray<AgentSpec> SortValid(ImmutableArray<AgentSpec?> all)
    {
        var valid = new List<AgentSpec>(all.Length);
        foreach (var agent in all)
        {
            if (agent is not null)
            {
                valid.Add(agent);
            }
        }

        valid.Sort(static (a, b) => string.CompareOrdinal(a.Type.HintName, b.Type.HintName));
        return valid.ToImmutableArray();
    }

    private sealed class AgentListComparer : IEqualityComparer<ImmutableArray<AgentSpec?>>
    {
        public static readonly AgentListComparer Instance = new();

        public bool Equals(ImmutableArray<AgentSpec?> x, ImmutableArray<AgentSpec?> y)
        {
            if (x.Length != y.Length)
            {
                return false;
            }

            for (var i = 0; i < x.Length; i++)
            {
                if (!Equals(x[i], y[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(ImmutableArray<AgentSpec?> obj)
        {
            var hash = 17;
            foreach (var agent in obj)
            {
                hash = unchecked((hash * 31) + (agent?.GetHashCode() ?? 0));
            }

            return hash;
        }
    }
}
