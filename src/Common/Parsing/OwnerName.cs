namespace A2AGen.Declarations.Parsing;

/// <summary>
/// Who a card field belongs to, for messages ("skill 'refund' of agent 'shop'"). Spelled out only when a problem is
/// reported: the parser runs for every agent on every compilation change and should not build strings it never shows.
/// </summary>
internal readonly struct OwnerName
{
    private readonly string _kind;
    private readonly string _name;
    private readonly string? _parentKind;
    private readonly string? _parentName;

    private OwnerName(string kind, string name, string? parentKind, string? parentName)
    {
        _kind = kind;
        _name = name;
        _parentKind = parentKind;
        _parentName = parentName;
    }

    public static OwnerName Agent(string id) => new("agent", id, null, null);

    public static OwnerName AgentClass(string className) => new("agent class", className, null, null);

    /// <summary>A part of an agent (a skill, a security scheme); <paramref name="agent"/> is the agent's own name.</summary>
    public static OwnerName Of(string kind, string name, OwnerName agent) => new(kind, name, agent._kind, agent._name);

    public override string ToString() =>
        _parentKind is null ? $"{_kind} '{_name}'" : $"{_kind} '{_name}' of {_parentKind} '{_parentName}'";
}
