using Microsoft.CodeAnalysis;
using A2AGen.Declarations.Problems;

namespace A2AGen.Declarations.Parsing;

/// <summary>
/// Reads one attribute's arguments. An argument that did not bind to a constant (a compile error in the user's
/// code, or a value of the wrong type) is reported as <see cref="ProblemIds.NonConstantArgument"/> and read as
/// absent, so the parser never builds a model from a guess.
/// </summary>
internal sealed class AttributeArguments
{
    private readonly ISymbol _owner;
    private readonly ProblemReporter _reporter;

    public AttributeArguments(AttributeData attribute, ISymbol owner, ProblemReporter reporter)
    {
        Attribute = attribute;
        _owner = owner;
        _reporter = reporter;
        if (attribute.AttributeConstructor is null)
        {
            IsValid = false;
            _reporter.Report(ProblemDescriptors.NonConstantArgument, ProblemSite.Of(attribute, owner), "(arguments)", AttributeName);
        }
        else
        {
            IsValid = true;
        }
    }

    public AttributeData Attribute { get; }

    /// <summary>The attribute's name as written in C# (<c>Skill</c> for <c>SkillAttribute</c>), for messages.</summary>
    private string AttributeName
    {
        get
        {
            var name = Attribute.AttributeClass?.Name ?? "attribute";
            return name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - 9) : name;
        }
    }

    /// <summary>False when the attribute did not bind at all (its constructor could not be chosen).</summary>
    public bool IsValid { get; }

    public ProblemSite Site => ProblemSite.Of(Attribute, _owner);

    public ProblemSite NamedSite(string name, int element = -1) => ProblemSite.Named(Attribute, _owner, name, element);

    public ProblemSite ConstructorSite(int index, int element = -1) => ProblemSite.Constructor(Attribute, _owner, index, element);

    public string? ConstructorString(int index) =>
        TryGetConstructor(index, out var value) ? ReadString(value, ConstructorSite(index), ParameterName(index)) : null;

    public string?[]? ConstructorStringArray(int index) =>
        TryGetConstructor(index, out var value) ? ReadStringArray(value, index, null, ParameterName(index)) : null;

    public ITypeSymbol? ConstructorType(int index)
    {
        if (!TryGetConstructor(index, out var value))
        {
            return null;
        }

        // typeof of a type that does not resolve is as unusable as a non-constant.
        if (value.Kind == TypedConstantKind.Type && value.Value is ITypeSymbol { TypeKind: not TypeKind.Error } type)
        {
            return type;
        }

        if (!value.IsNull || value.Kind is TypedConstantKind.Error or TypedConstantKind.Type)
        {
            ReportNonConstant(ConstructorSite(index), ParameterName(index));
        }

        return null;
    }

    public void Report(ProblemDescriptor descriptor, ProblemSite site, params string[] messageArgs) =>
        _reporter.Report(descriptor, site, messageArgs);

    public bool HasNamed(string name) => TryGetNamed(name, out _);

    public string? NamedString(string name) =>
        TryGetNamed(name, out var value) ? ReadString(value, NamedSite(name), name) : null;

    public string?[]? NamedStringArray(string name) =>
        TryGetNamed(name, out var value) ? ReadStringArray(value, -1, name, name) : null;

    public bool NamedBool(string name)
    {
        if (!TryGetNamed(name, out var value))
        {
            return false;
        }

        if (value.Kind == TypedConstantKind.Primitive && value.Value is bool flag)
        {
            return flag;
        }

        ReportNonConstant(NamedSite(name), name);
        return false;
    }

    /// <summary>An enum argument's numeric value, checked against the values the enum defines.</summary>
    public int NamedEnum(string name, int maxDefined)
    {
        if (!TryGetNamed(name, out var value))
        {
            return 0;
        }

        if (value.Kind == TypedConstantKind.Enum && value.Value is int number && number >= 0 && number <= maxDefined)
        {
            return number;
        }

        ReportNonConstant(NamedSite(name), name);
        return 0;
    }

    private bool TryGetConstructor(int index, out TypedConstant value)
    {
        var arguments = Attribute.ConstructorArguments;
        if (!IsValid || index >= arguments.Length)
        {
            value = default;
            return false;
        }

        value = arguments[index];
        return true;
    }

    private bool TryGetNamed(string name, out TypedConstant value)
    {
        foreach (var pair in Attribute.NamedArguments)
        {
            if (pair.Key == name)
            {
                value = pair.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private string? ReadString(TypedConstant value, ProblemSite site, string argument)
    {
        // An argument that did not bind (e.g. a non-const field) reads as null; it is not an empty value.
        if (value.IsNull && value.Kind != TypedConstantKind.Error)
        {
            return null;
        }

        if (value.Kind == TypedConstantKind.Primitive && value.Value is string text)
        {
            return text;
        }

        ReportNonConstant(site, argument);
        return null;
    }

    private string?[]? ReadStringArray(TypedConstant value, int constructorIndex, string? namedArgument, string argument)
    {
        ProblemSite SiteOf(int element) =>
            namedArgument is not null ? NamedSite(namedArgument, element) : ConstructorSite(constructorIndex, element);

        if (value.Kind != TypedConstantKind.Array)
        {
            if (!value.IsNull || value.Kind == TypedConstantKind.Error)
            {
                ReportNonConstant(SiteOf(-1), argument);
            }

            return null;
        }

        if (value.IsNull)
        {
            return null;
        }

        var values = value.Values;
        var result = new string?[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var element = values[i];
            if (element.IsNull && element.Kind != TypedConstantKind.Error)
            {
                result[i] = null;
            }
            else if (element.Kind == TypedConstantKind.Primitive && element.Value is string text)
            {
                result[i] = text;
            }
            else
            {
                ReportNonConstant(SiteOf(i), argument);
                result[i] = null;
            }
        }

        return result;
    }

    private string ParameterName(int index) =>
        Attribute.AttributeConstructor is { } constructor && index < constructor.Parameters.Length
            ? constructor.Parameters[index].Name
            : "#" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void ReportNonConstant(ProblemSite site, string argument) =>
        _reporter.Report(ProblemDescriptors.NonConstantArgument, site, argument, AttributeName);
}
