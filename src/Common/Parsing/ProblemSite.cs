using Microsoft.CodeAnalysis;

namespace A2AGen.Declarations.Parsing;

/// <summary>
/// Where a problem is, described cheaply (symbol, attribute, argument, element); turned into a
/// <see cref="Location"/> only when someone listens (the analyzers), never by the generator.
/// </summary>
internal readonly struct ProblemSite
{
    private ProblemSite(ISymbol? symbol, AttributeData? attribute, string? argumentName, int constructorIndex, int elementIndex, int textOffset = -1)
    {
        TextOffset = textOffset;
        Symbol = symbol;
        Attribute = attribute;
        ArgumentName = argumentName;
        ConstructorIndex = constructorIndex;
        ElementIndex = elementIndex;
    }

    public ISymbol? Symbol { get; }

    public AttributeData? Attribute { get; }

    /// <summary>A named argument (<c>Name = …</c>).</summary>
    public string? ArgumentName { get; }

    /// <summary>A constructor argument by position, or -1.</summary>
    public int ConstructorIndex { get; }

    /// <summary>An element of an array argument (or of a <c>params</c> constructor argument), or -1.</summary>
    public int ElementIndex { get; }

    /// <summary>A position inside the argument's string value (UTF-16 offset), or -1: the diagnostic then points at that character.</summary>
    public int TextOffset { get; }

    /// <summary>This site, narrowed to the character at <paramref name="offset"/> of the argument's string value.</summary>
    public ProblemSite AtText(int offset) => new(Symbol, Attribute, ArgumentName, ConstructorIndex, ElementIndex, offset);

    public static ProblemSite Of(ISymbol symbol) => new(symbol, null, null, -1, -1);

    public static ProblemSite Of(AttributeData attribute, ISymbol owner) => new(owner, attribute, null, -1, -1);

    public static ProblemSite Named(AttributeData attribute, ISymbol owner, string argumentName, int elementIndex = -1) =>
        new(owner, attribute, argumentName, -1, elementIndex);

    public static ProblemSite Constructor(AttributeData attribute, ISymbol owner, int index, int elementIndex = -1) =>
        new(owner, attribute, null, index, elementIndex);

    /// <summary>The argument name a code fix would change: the named argument, or the constructor parameter's name.</summary>
    public string? FixArgumentName =>
        ArgumentName ??
        (ConstructorIndex >= 0 && Attribute?.AttributeConstructor is { } constructor && ConstructorIndex < constructor.Parameters.Length
            ? constructor.Parameters[ConstructorIndex].Name
            : null);
}
