using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;

namespace A2AGen.Declarations.Parsing;

/// <summary>
/// C# spellings of type names for generated code and messages. Written by hand because
/// <c>ISymbol.ToDisplayString</c> costs microseconds per call and the parser names every skill's types on every
/// compilation change (benchmarked: it dominated the per-edit cost).
/// </summary>
internal static class TypeNames
{
    /// <summary><c>global::Shop.Quote</c>, <c>global::System.Collections.Generic.List&lt;string?&gt;</c>, <c>int?</c>.</summary>
    public static string FullyQualified(ITypeSymbol type, bool annotations = true) => Format(type, global: true, annotations);

    /// <summary><c>Shop.Quote</c>, <c>System.Collections.Generic.List&lt;string?&gt;</c>: for descriptors and messages.</summary>
    public static string Display(ITypeSymbol type) => Format(type, global: false, annotations: true);

    // One builder per thread, reused: the parser names thousands of types per compilation change.
    [System.ThreadStatic]
    private static StringBuilder? t_builder;

    private static string Format(ITypeSymbol type, bool global, bool annotations)
    {
        var builder = t_builder ?? new StringBuilder(128);
        t_builder = null;
        builder.Clear();
        Append(builder, type, global, annotations);
        var name = builder.ToString();
        if (builder.Capacity <= 1024)
        {
            t_builder = builder;
        }

        return name;
    }

    private static void Append(StringBuilder builder, ITypeSymbol type, bool global, bool annotations)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                AppendArray(builder, array, global, annotations);
                return;
            case INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable:
                Append(builder, nullable.TypeArguments[0], global, annotations);
                builder.Append('?');
                return;
            case INamedTypeSymbol { TypeKind: not TypeKind.Error } named:
                AppendNamed(builder, named, global, annotations);
                break;
            default:
                // Type parameters, pointers, dynamic, error types: rare here (the parser rejects them).
                builder.Append(type.ToDisplayString(global ? KnownSymbols.FullyQualified : KnownSymbols.Display));
                return;
        }

        if (annotations && type.IsReferenceType && type.NullableAnnotation == NullableAnnotation.Annotated)
        {
            builder.Append('?');
        }
    }

    private static void AppendNamed(StringBuilder builder, INamedTypeSymbol type, bool global, bool annotations)
    {
        var keyword = Keyword(type);
        if (keyword is not null)
        {
            builder.Append(keyword);
            return;
        }

        if (type.ContainingType is { } outer)
        {
            AppendNamed(builder, outer, global, annotations);
            builder.Append('.');
        }
        else
        {
            if (global)
            {
                builder.Append("global::");
            }

            AppendNamespace(builder, type.ContainingNamespace);
        }

        builder.Append(KnownSymbols.Identifier(type.Name));
        if (type.Arity > 0)
        {
            // Each read of INamedTypeSymbol.TypeArguments builds a new array of wrappers: read it once.
            var arguments = type.TypeArguments;
            builder.Append('<');
            for (var i = 0; i < arguments.Length; i++)
            {
                if (i > 0)
                {
                    builder.Append(", ");
                }

                Append(builder, arguments[i], global, annotations);
            }

            builder.Append('>');
        }
    }

    private static void AppendNamespace(StringBuilder builder, INamespaceSymbol? ns)
    {
        if (ns is null || ns.IsGlobalNamespace)
        {
            return;
        }

        AppendNamespace(builder, ns.ContainingNamespace);
        builder.Append(KnownSymbols.Identifier(ns.Name)).Append('.');
    }

    // C# writes the outermost rank first: int[][,] is an array of int[,]; the element type is innermost.
    private static void AppendArray(StringBuilder builder, IArrayTypeSymbol array, bool global, bool annotations)
    {
        var ranks = new List<IArrayTypeSymbol>();
        ITypeSymbol element = array;
        while (element is IArrayTypeSymbol nested)
        {
            ranks.Add(nested);
            element = nested.ElementType;
        }

        Append(builder, element, global, annotations);
        foreach (var rank in ranks)
        {
            builder.Append('[').Append(',', rank.Rank - 1).Append(']');
            if (annotations && rank.NullableAnnotation == NullableAnnotation.Annotated)
            {
                builder.Append('?');
            }
        }
    }

    private static string? Keyword(INamedTypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Object => "object",
        SpecialType.System_String => "string",
        SpecialType.System_Boolean => "bool",
        SpecialType.System_Char => "char",
        SpecialType.System_SByte => "sbyte",
        SpecialType.System_Byte => "byte",
        SpecialType.System_Int16 => "short",
        SpecialType.System_UInt16 => "ushort",
        SpecialType.System_Int32 => "int",
        SpecialType.System_UInt32 => "uint",
        SpecialType.System_Int64 => "long",
        SpecialType.System_UInt64 => "ulong",
        SpecialType.System_Single => "float",
        SpecialType.System_Double => "double",
        SpecialType.System_Decimal => "decimal",
        SpecialType.System_IntPtr when type.IsNativeIntegerType => "nint",
        SpecialType.System_UIntPtr when type.IsNativeIntegerType => "nuint",
        _ => null,
    };
}
