using A2AGen.Declarations.Model;
using A2AGen.Declarations.Parsing;
using A2AGen.Declarations.Problems;
using Microsoft.CodeAnalysis;

namespace A2AGen.Generators.Tests.Infrastructure;

/// <summary>A problem sink that keeps what the parser reports, as the analyzers' sink would.</summary>
internal sealed class ProblemCollector : IDeclarationProblemSink
{
    public List<DeclarationProblem> Problems { get; } = [];

    public void Report(DeclarationProblem problem) => Problems.Add(problem);

    /// <summary>Parses every <c>[A2AAgent]</c> class, every orphan <c>[Skill]</c> and every <c>[Provenance]</c> class that is not an agent, with a sink.</summary>
    public static (List<DeclarationProblem> Problems, List<AgentSpec?> Agents) ParseAll(Compilation compilation)
    {
        var collector = new ProblemCollector();
        var agents = new List<AgentSpec?>();
        foreach (var type in AllTypes(compilation.Assembly.GlobalNamespace))
        {
            foreach (var attribute in type.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() == "A2AGen.A2AAgentAttribute")
                {
                    agents.Add(AgentParser.Parse(type, attribute, collector, CancellationToken.None));
                }
            }

            foreach (var method in type.GetMembers().OfType<IMethodSymbol>())
            {
                AgentParser.CheckSkillOutsideAgent(method, collector, CancellationToken.None);
            }

            AgentParser.CheckProvenanceOutsideAgent(type, collector, CancellationToken.None);
        }

        return (collector.Problems, agents);
    }

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceOrTypeSymbol scope)
    {
        foreach (var member in scope.GetMembers())
        {
            if (member is INamespaceSymbol ns)
            {
                foreach (var type in AllTypes(ns))
                {
                    yield return type;
                }
            }
            else if (member is INamedTypeSymbol type)
            {
                yield return type;
                foreach (var nested in AllTypes(type))
                {
                    yield return nested;
                }
            }
        }
    }
}
