namespace A2AGen;

/// <summary>
/// One skill's policy and binding shape, with every default already resolved by the generator (for example a
/// <see cref="SkillPrivilege.High"/> skill's signature requirements are <see cref="SignatureRequirement.Required"/>
/// unless explicitly weakened).
/// </summary>
public sealed class SkillDescriptor
{
    /// <summary>Creates a descriptor (called by generated code).</summary>
    /// <param name="id">The skill id.</param>
    /// <param name="methodName">The C# method implementing the skill.</param>
    public SkillDescriptor(string id, string methodName)
    {
        Id = id;
        MethodName = methodName;
    }

    /// <summary>The skill id.</summary>
    public string Id { get; }

    /// <summary>The C# method implementing the skill.</summary>
    public string MethodName { get; }

    /// <summary>The declared privilege.</summary>
    public SkillPrivilege Privilege { get; init; }

    /// <summary>Effective request-signature policy: <see cref="SignatureRequirement.Optional"/> or <see cref="SignatureRequirement.Required"/>.</summary>
    public SignatureRequirement RequestSignature { get; init; } = SignatureRequirement.Optional;

    /// <summary>Effective passport-signature policy: <see cref="SignatureRequirement.Optional"/> or <see cref="SignatureRequirement.Required"/>.</summary>
    public SignatureRequirement PassportSignature { get; init; } = SignatureRequirement.Optional;

    /// <summary>Whether a passport must be present (explicitly, through required keys, or a required signature).</summary>
    public bool RequiresPassport { get; init; }

    /// <summary>Passport state keys that must be present.</summary>
    public IReadOnlyList<string> RequiredPassportKeys { get; init; } = [];

    /// <summary>OAuth2/OpenID Connect scopes the caller needs.</summary>
    public IReadOnlyList<string> RequiredScopes { get; init; } = [];

    /// <summary>
    /// The authorizer Datalog of <see cref="RequiresBiscuitAttribute"/>, or null when the skill needs no Biscuit. The host
    /// verifies the caller's <c>Authorization: Bearer</c> Biscuit and runs this policy (docs/biscuit.md).
    /// </summary>
    public string? BiscuitPolicy { get; init; }

    /// <summary>What the skill's input parameter binds.</summary>
    public SkillInputKind Input { get; init; }

    /// <summary>The input parameter's type as written in C# (for messages and docs), if any.</summary>
    public string? InputTypeName { get; init; }

    /// <summary>What the skill returns.</summary>
    public SkillOutputKind Output { get; init; }

    /// <summary>The result type as written in C# (element type for streams), if any.</summary>
    public string? OutputTypeName { get; init; }

    /// <summary>Whether the method takes the agent's passport type.</summary>
    public bool BindsPassport { get; init; }

    /// <summary>Whether the method takes a <see cref="SkillContext"/>.</summary>
    public bool BindsContext { get; init; }

    /// <summary>Whether the method takes a <see cref="CancellationToken"/>.</summary>
    public bool BindsCancellation { get; init; }

    /// <summary>Whether this is the agent's <see cref="DefaultSkillAttribute"/> skill.</summary>
    public bool IsDefault { get; init; }

    /// <summary>Whether hosting signs the artifacts and messages this skill produces (<see cref="ProvenanceAttribute"/> on it or its agent).</summary>
    public bool SignsProvenance { get; init; }

    /// <summary>Effective encryption policy: <see cref="EncryptionRequirement.Optional"/> or <see cref="EncryptionRequirement.Required"/> (plaintext parts refused).</summary>
    public EncryptionRequirement Encryption { get; init; } = EncryptionRequirement.Optional;
}

/// <summary>What a skill's input parameter binds.</summary>
public enum SkillInputKind
{
    /// <summary>No input parameter.</summary>
    None = 0,

    /// <summary>A <see cref="string"/>: the message's text parts.</summary>
    Text = 1,

    /// <summary>A JSON-serializable type: the first <c>data</c> part.</summary>
    Data = 2,

    /// <summary>The raw <c>A2AGen.Protocol.Message</c>.</summary>
    Message = 3,
}

/// <summary>What a skill returns (after unwrapping <c>Task</c>/<c>ValueTask</c>).</summary>
public enum SkillOutputKind
{
    /// <summary><c>void</c>, <c>Task</c> or <c>ValueTask</c>.</summary>
    None = 0,

    /// <summary>A <see cref="string"/>: one text part.</summary>
    Text = 1,

    /// <summary>A JSON-serializable value: one <c>data</c> part.</summary>
    Data = 2,

    /// <summary>An <c>A2AGen.Protocol.Message</c>: answered as is.</summary>
    Message = 3,

    /// <summary><c>IAsyncEnumerable&lt;T&gt;</c>: a streamed task with artifact updates.</summary>
    Stream = 4,

    /// <summary>
    /// A <see cref="SkillResult"/> the skill builds itself: text, data or message parts, or an interruption
    /// (<see cref="SkillResult.InputRequired(string)"/>, <see cref="SkillResult.AuthRequired(string)"/>) that a follow-up
    /// message continues. Always runs as a task.
    /// </summary>
    Result = 5,
}
