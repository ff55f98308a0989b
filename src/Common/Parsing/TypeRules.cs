using Microsoft.CodeAnalysis;

namespace A2AGen.Declarations.Parsing;

/// <summary>Which types generated code can (de)serialize and name.</summary>
internal static class TypeRules
{
    /// <summary>
    /// Why <paramref name="type"/> cannot travel as JSON through generated code, or null when it can (any concrete,
    /// resolved type; its JSON metadata comes from the hosting's options at run time).
    /// </summary>
    public static string? WhyNotJson(ITypeSymbol type)
    {
        switch (type.TypeKind)
        {
            case TypeKind.Error:
                return $"type '{type.ToDisplayString()}' could not be resolved";
            case TypeKind.Pointer:
            case TypeKind.FunctionPointer:
                return $"'{type.ToDisplayString()}' is a pointer";
            case TypeKind.Dynamic:
                return "'dynamic' has no JSON contract; use a concrete type or System.Text.Json.JsonElement";
            case TypeKind.TypeParameter:
                return $"'{type.ToDisplayString()}' is a generic type parameter";
            case TypeKind.Delegate:
                return $"'{type.ToDisplayString()}' is a delegate";
        }

        if (type.IsRefLikeType)
        {
            return $"'{type.ToDisplayString()}' is a ref struct";
        }

        if (type is IArrayTypeSymbol array)
        {
            return WhyNotJson(array.ElementType);
        }

        if (type is INamedTypeSymbol named)
        {
            if (named.IsUnboundGenericType)
            {
                return $"'{type.ToDisplayString()}' is an open generic type";
            }

            if (KnownSymbols.IsAwaitableOrStream(named.OriginalDefinition))
            {
                return $"'{type.ToDisplayString()}' is not a value: a skill takes or returns data, not tasks or streams";
            }

            if (KnownSymbols.IsSkillResult(named))
            {
                return "'A2AGen.SkillResult' is a whole answer, not a value: a skill returns it itself (SkillResult, Task<SkillResult>, ValueTask<SkillResult>), never as an input or a stream element";
            }

            foreach (var argument in named.TypeArguments)
            {
                if (WhyNotJson(argument) is { } reason)
                {
                    return reason;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Whether code outside the agent can name <paramref name="type"/>: public everywhere when
    /// <paramref name="requirePublic"/>, otherwise at least internal (no private or protected type in the way).
    /// </summary>
    public static bool IsVisible(ITypeSymbol type, bool requirePublic)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return IsVisible(array.ElementType, requirePublic);
            case INamedTypeSymbol named:
                for (var current = named; current is not null; current = current.ContainingType)
                {
                    var accessibility = current.DeclaredAccessibility;
                    var visible = requirePublic
                        ? accessibility == Accessibility.Public
                        : accessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;
                    if (!visible)
                    {
                        return false;
                    }
                }

                foreach (var argument in named.TypeArguments)
                {
                    if (!IsVisible(argument, requirePublic))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }
}
