using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace A2AGen.Benchmarks.Generator;

/// <summary>
/// The floor plus the symbol reads any generator of this kind must make: the same <c>ForAttributeWithMetadataName</c>
/// as <see cref="FloorGenerator"/>, with a transform that visits what the A2AGen parser reads (the agent's attributes
/// and their arguments, every member, each method's attributes, parameters and return type, the passport state type)
/// and returns only a count. What it costs above <see cref="FloorGenerator"/> is Roslyn's work for those reads; what
/// the real generator costs above this is the model it builds and compares. With <c>emitFiles</c> it also adds two
/// one-line files per agent, as many as the real generator: the driver re-registers every cached output on each run,
/// a per-edit cost that depends only on the number of files. Created directly by the benchmarks.
/// </summary>
public sealed class BindingFloorGenerator(bool emitFiles = false) : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var agents = context.SyntaxProvider.ForAttributeWithMetadataName(
            "A2AGen.A2AAgentAttribute",
            static (node, _) => node is TypeDeclarationSyntax,
            static (syntaxContext, _) => (Name: syntaxContext.TargetSymbol.Name, Count: Touch((INamedTypeSymbol)syntaxContext.TargetSymbol)));
        if (emitFiles)
        {
            context.RegisterSourceOutput(agents, static (output, agent) =>
            {
                output.AddSource(agent.Name + ".a.g.cs", "// " + agent.Count);
                output.AddSource(agent.Name + ".b.g.cs", "// " + agent.Count);
            });
        }
        else
        {
            context.RegisterSourceOutput(agents, static (_, _) => { });
        }
    }

    /// <summary>Reads what the parser reads; returns a number that depends on all of it (so nothing is skipped).</summary>
    public static int Touch(INamedTypeSymbol type)
    {
        var count = Attributes(type.GetAttributes());
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            count += outer.Name.Length;
        }

        for (var ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            count += ns.Name.Length;
        }

        foreach (var member in type.GetMembers())
        {
            if (member is not IMethodSymbol method)
            {
                continue;
            }

            count += Attributes(method.GetAttributes());
            foreach (var parameter in method.Parameters)
            {
                count += Type(parameter.Type) + (int)parameter.RefKind;
            }

            count += Type(method.ReturnType);
        }

        return count;
    }

    private static int Attributes(System.Collections.Immutable.ImmutableArray<AttributeData> attributes)
    {
        var count = 0;
        foreach (var attribute in attributes)
        {
            count += attribute.AttributeClass?.Name.Length ?? 0;
            foreach (var argument in attribute.ConstructorArguments)
            {
                count += Constant(argument);
            }

            foreach (var pair in attribute.NamedArguments)
            {
                count += pair.Key.Length + Constant(pair.Value);
            }
        }

        return count;
    }

    private static int Constant(TypedConstant constant)
    {
        if (constant.Kind == TypedConstantKind.Array)
        {
            var count = 0;
            foreach (var element in constant.Values)
            {
                count += Constant(element);
            }

            return count;
        }

        return constant.Value switch
        {
            string text => text.Length,
            int number => number,
            bool flag => flag ? 1 : 0,
            ITypeSymbol type => Type(type),
            _ => 0,
        };
    }

    private static int Type(ITypeSymbol type)
    {
        var count = (int)type.TypeKind + (int)type.NullableAnnotation + type.Name.Length;
        for (var ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            count += ns.Name.Length;
        }

        if (type is INamedTypeSymbol named)
        {
            foreach (var argument in named.TypeArguments)
            {
                count += Type(argument);
            }
        }

        return count;
    }
}
