using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using A2AGen.Declarations.Model;
using A2AGen.Declarations.Problems;

namespace A2AGen.Declarations.Parsing;

/// <summary>
/// Reads <c>[PassportKeys]</c>: string keys (snake_case → PascalCase <c>string?</c> properties) or a state type
/// (its public properties, keyed by <c>[JsonPropertyName]</c> or else their snake_case name).
/// </summary>
internal static class PassportParser
{
    // Members a generated property must not hide (AgentPassport's and object's).
    private static readonly HashSet<string> ReservedNames = new(System.StringComparer.Ordinal)
    {
        "Context", "ClientId", "SessionId", "IsSignatureVerified", "State", "TryGet", "GetString", "FromInvocation",
        "Equals", "GetHashCode", "ToString", "GetType", "MemberwiseClone", "Finalize",
    };

    public static PassportSpec? Parse(INamedTypeSymbol agentType, string className, bool isPublic, OwnerName owner, ProblemReporter reporter)
    {
        AttributeData? attribute = null;
        foreach (var candidate in agentType.GetAttributes())
        {
            if (KnownSymbols.IsAttribute(candidate, "PassportKeysAttribute"))
            {
                attribute = candidate;
                break;
            }
        }

        if (attribute is null)
        {
            return null;
        }

        var arguments = new AttributeArguments(attribute, agentType, reporter);
        if (!arguments.IsValid)
        {
            return null;
        }

        var required = arguments.NamedBool("Required");
        var byType = attribute.AttributeConstructor!.Parameters.Length == 1 &&
            attribute.AttributeConstructor.Parameters[0].Type.TypeKind != TypeKind.Array;

        var keys = new List<PassportKeySpec>();
        var properties = new HashSet<string>(System.StringComparer.Ordinal);
        string? stateTypeName = null;
        if (byType)
        {
            var stateType = arguments.ConstructorType(0);
            if (stateType is null)
            {
                return null;
            }

            stateTypeName = TypeNames.Display(stateType);
            ParseStateType(stateType, arguments, className, isPublic, owner, reporter, keys, properties);
        }
        else
        {
            var declared = arguments.ConstructorStringArray(0) ?? [];
            for (var i = 0; i < declared.Length; i++)
            {
                var key = declared[i];
                var site = arguments.ConstructorSite(0, i);
                if (!TextRules.IsValidSnakeKey(key))
                {
                    reporter.Report(ProblemDescriptors.InvalidPassportKey, site, key ?? "", "is not snake_case: use 1 to 64 characters from a-z, 0-9 and '_', starting with a letter");
                    continue;
                }

                var property = TextRules.SnakeToPascal(key!);
                if (AddKey(keys, properties, key!, property, className, site, reporter))
                {
                    keys.Add(new PassportKeySpec(key!, property, "string?", PassportValueKind.String, PassportCollectionKind.None, "string", false, EquatableArray<EnumMemberSpec>.Empty));
                }
            }
        }

        return new PassportSpec(className, required, stateTypeName, EquatableArray.From(keys));
    }

    private static void ParseStateType(
        ITypeSymbol stateType, AttributeArguments arguments, string className, bool isPublic, OwnerName owner,
        ProblemReporter reporter, List<PassportKeySpec> keys, HashSet<string> properties)
    {
        var site = arguments.ConstructorSite(0);
        var display = TypeNames.Display(stateType);
        if (stateType is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } named || named.IsUnboundGenericType ||
            TypeRules.WhyNotJson(stateType) is not null)
        {
            reporter.Report(ProblemDescriptors.InvalidPassportKey, site, display, "is not a class, struct or record whose public properties can be the keys");
            return;
        }

        var fields = new CardFields(reporter);
        var seen = new HashSet<string>(System.StringComparer.Ordinal);
        for (INamedTypeSymbol? current = named; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                reporter.CancellationToken.ThrowIfCancellationRequested();
                if (member is not IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public } property ||
                    property.GetMethod is not { DeclaredAccessibility: Accessibility.Public } ||
                    !seen.Add(property.Name) || IsJsonIgnored(property))
                {
                    continue;
                }

                var key = JsonName(property) ?? TextRules.ToSnakeCase(property.Name);
                if (fields.Required(key, "supportedStateKeys", owner, site) is null)
                {
                    continue;
                }

                if (TypeRules.WhyNotJson(property.Type) is { } reason)
                {
                    reporter.Report(ProblemDescriptors.InvalidPassportKey, site, key, $"(property {display}.{property.Name}) cannot be read: {reason}");
                    continue;
                }

                if (!TypeRules.IsVisible(property.Type, isPublic))
                {
                    reporter.Report(ProblemDescriptors.InvalidPassportKey, site, key, $"(property {display}.{property.Name}) has a type less visible than the generated {className}");
                    continue;
                }

                if (AddKey(keys, properties, key, property.Name, className, site, reporter))
                {
                    keys.Add(Classify(key, property.Name, property.Type));
                }
            }
        }
    }

    private static bool AddKey(List<PassportKeySpec> keys, HashSet<string> properties, string key, string property, string className, ProblemSite site, ProblemReporter reporter)
    {
        if (keys.Exists(k => k.Key == key))
        {
            reporter.Report(ProblemDescriptors.InvalidPassportKey, site, key, "is declared more than once");
            return false;
        }

        var clash = ReservedNames.Contains(property) ? $"AgentPassport already has"
            : property == className ? "is the name of the passport class itself"
            : properties.Contains(property) ? "another key also becomes"
            : null;
        if (clash is not null)
        {
            reporter.Report(ProblemDescriptors.InvalidPassportKey, site, key, $"becomes the property '{property}', which {clash}");
            return false;
        }

        properties.Add(property);
        return true;
    }

    private static PassportKeySpec Classify(string key, string propertyName, ITypeSymbol declared)
    {
        var type = UnwrapNullable(declared);
        if (TryScalar(type, out var kind, out var members))
        {
            var name = TypeNames.FullyQualified(type, annotations: false);
            return new PassportKeySpec(key, propertyName, name + "?", kind, PassportCollectionKind.None, name, type.IsValueType, members);
        }

        ITypeSymbol? element = null;
        var collection = PassportCollectionKind.None;
        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            element = array.ElementType;
            collection = PassportCollectionKind.Array;
        }
        else if (type is INamedTypeSymbol { Arity: 1 } generic && IsListLike(generic))
        {
            element = generic.TypeArguments[0];
            collection = PassportCollectionKind.List;
        }

        if (element is not null && !IsNullableValueType(element) && TryScalar(element, out var elementKind, out var elementMembers))
        {
            var elementName = TypeNames.FullyQualified(element, annotations: false);
            var propertyType = TypeNames.FullyQualified(type, annotations: false) + "?";
            return new PassportKeySpec(key, propertyName, propertyType, elementKind, collection, elementName, element.IsValueType, elementMembers);
        }

        var fallback = TypeNames.FullyQualified(type, annotations: false);
        return new PassportKeySpec(key, propertyName, fallback + "?", PassportValueKind.Json, PassportCollectionKind.None, fallback, type.IsValueType, EquatableArray<EnumMemberSpec>.Empty);
    }

    private static bool TryScalar(ITypeSymbol type, out PassportValueKind kind, out EquatableArray<EnumMemberSpec> members)
    {
        members = EquatableArray<EnumMemberSpec>.Empty;
        kind = type.SpecialType switch
        {
            SpecialType.System_String => PassportValueKind.String,
            SpecialType.System_Boolean => PassportValueKind.Boolean,
            SpecialType.System_Byte => PassportValueKind.Byte,
            SpecialType.System_SByte => PassportValueKind.SByte,
            SpecialType.System_Int16 => PassportValueKind.Int16,
            SpecialType.System_UInt16 => PassportValueKind.UInt16,
            SpecialType.System_Int32 => PassportValueKind.Int32,
            SpecialType.System_UInt32 => PassportValueKind.UInt32,
            SpecialType.System_Int64 => PassportValueKind.Int64,
            SpecialType.System_UInt64 => PassportValueKind.UInt64,
            SpecialType.System_Single => PassportValueKind.Single,
            SpecialType.System_Double => PassportValueKind.Double,
            SpecialType.System_Decimal => PassportValueKind.Decimal,
            SpecialType.System_DateTime => PassportValueKind.DateTime,
            _ => PassportValueKind.Json,
        };

        if (kind != PassportValueKind.Json)
        {
            return true;
        }

        if (type is INamedTypeSymbol { ContainingType: null, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } system)
        {
            if (system.Name == "DateTimeOffset")
            {
                kind = PassportValueKind.DateTimeOffset;
                return true;
            }

            if (system.Name == "Guid")
            {
                kind = PassportValueKind.Guid;
                return true;
            }
        }

        if (type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType)
        {
            var list = new List<EnumMemberSpec>();
            foreach (var member in enumType.GetMembers())
            {
                // Aliases (two names for one value) and repeated JSON names keep their first spelling.
                if (member is IFieldSymbol { HasConstantValue: true } field)
                {
                    var jsonName = EnumJsonName(field) ?? field.Name;
                    if (!list.Exists(m => m.JsonName == jsonName))
                    {
                        list.Add(new EnumMemberSpec(jsonName, field.Name));
                    }
                }
            }

            kind = PassportValueKind.Enum;
            members = EquatableArray.From(list);
            return true;
        }

        return false;
    }

    private static bool IsListLike(INamedTypeSymbol type) =>
        type.ContainingType is null &&
        type.ContainingNamespace is { Name: "Generic", ContainingNamespace: { Name: "Collections", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } } &&
        type.Name is "List" or "IList" or "ICollection" or "IEnumerable" or "IReadOnlyList" or "IReadOnlyCollection";

    private static ITypeSymbol UnwrapNullable(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;

    private static bool IsNullableValueType(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };

    private static bool IsJsonIgnored(IPropertySymbol property)
    {
        foreach (var attribute in property.GetAttributes())
        {
            if (!KnownSymbols.IsJsonAttribute(attribute, "JsonIgnoreAttribute"))
            {
                continue;
            }

            // JsonIgnoreCondition.Always (1) is the default; the other conditions only skip writing some values.
            foreach (var pair in attribute.NamedArguments)
            {
                if (pair.Key == "Condition" && pair.Value.Value is int condition && condition != 1)
                {
                    return false;
                }
            }

            return true;
        }

        return false;
    }

    private static string? JsonName(IPropertySymbol property)
    {
        foreach (var attribute in property.GetAttributes())
        {
            if (KnownSymbols.IsJsonAttribute(attribute, "JsonPropertyNameAttribute") &&
                attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
            {
                return name;
            }
        }

        return null;
    }

    private static string? EnumJsonName(IFieldSymbol field)
    {
        foreach (var attribute in field.GetAttributes())
        {
            if (KnownSymbols.IsJsonAttribute(attribute, "JsonStringEnumMemberNameAttribute") &&
                attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
            {
                return name;
            }
        }

        return null;
    }
}
