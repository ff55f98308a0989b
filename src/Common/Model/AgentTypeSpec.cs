namespace A2AGen.Declarations.Model;

/// <summary>Where the agent class lives and how to re-declare it as <c>partial</c>.</summary>
/// <param name="Namespace">The containing namespace, or empty for the global namespace.</param>
/// <param name="Name">The class name.</param>
/// <param name="Keyword">The declaration keyword: <c>class</c> or <c>record</c>.</param>
/// <param name="Accessibility">The declared accessibility as C# modifiers (e.g. <c>public</c>), used for the passport class.</param>
/// <param name="IsPublic">Whether the class is visible outside its assembly (every containing type public too).</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
/// <param name="FullyQualifiedName">The name with <c>global::</c>, e.g. <c>global::Shop.Outer.CurrencyAgent</c>.</param>
/// <param name="HintName">A stable file-name stem from the fully qualified name, e.g. <c>Shop.Outer+CurrencyAgent</c>.</param>
internal sealed record AgentTypeSpec(
    string Namespace,
    string Name,
    string Keyword,
    string Accessibility,
    bool IsPublic,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string FullyQualifiedName,
    string HintName);

/// <summary>An enclosing type of a nested agent class.</summary>
/// <param name="Keyword">The declaration keyword: <c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</param>
/// <param name="Name">The type name.</param>
internal sealed record ContainingTypeSpec(string Keyword, string Name);
