namespace A2AGen.Protocol;

/// <summary>
/// One alternative of a security requirement: every named scheme must be satisfied, with the listed scopes
/// (§4.5, <c>{"schemes":{"name":{"list":["scope"]}}}</c>).
/// </summary>
public sealed record SecurityRequirement
{
    /// <summary>Scheme name → required scopes.</summary>
    public IReadOnlyDictionary<string, StringList> Schemes { get; init => field = value ?? new Dictionary<string, StringList>(); } = new Dictionary<string, StringList>();
}

/// <summary>A list of strings (protobuf <c>StringList</c>).</summary>
public sealed record StringList
{
    /// <summary>The strings.</summary>
    public IReadOnlyList<string> List { get; init => field = value ?? []; } = [];
}
