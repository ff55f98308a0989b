namespace A2AGen;

/// <summary>
/// Declares a method of an <see cref="A2AAgentAttribute"/> class as an A2A skill: it appears in the Agent Card's
/// <c>skills</c> and the generated dispatcher routes messages to it.
/// </summary>
/// <remarks>
/// Bindable parameters: one input (<see cref="string"/> ← the text parts; a JSON-serializable type ← the first
/// <c>data</c> part; <c>A2AGen.Protocol.Message</c> ← the raw message), the agent's generated passport type,
/// <see cref="SkillContext"/> and <see cref="System.Threading.CancellationToken"/>. Returns: <see cref="string"/>, a
/// JSON-serializable <c>T</c>, <c>Message</c>, <c>void</c>, their <c>Task</c>/<c>ValueTask</c> forms, or
/// <c>IAsyncEnumerable&lt;T&gt;</c> (a streamed task).
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SkillAttribute : Attribute
{
    /// <summary>Declares a skill.</summary>
    /// <param name="id">The skill id, unique in the agent: <c>[a-z0-9][a-z0-9._-]{0,63}</c>.</param>
    public SkillAttribute(string id) => Id = id;

    /// <summary>The skill id (card <c>skills[].id</c>; message metadata <c>urn:a2agen:skill</c> selects it).</summary>
    public string Id { get; }

    /// <summary>Human-readable name. Defaults to the method name without an <c>Async</c> suffix.</summary>
    public string? Name { get; set; }

    /// <summary>What the skill does. Required.</summary>
    public string? Description { get; set; }

    /// <summary>Keywords for discovery. At least one is required.</summary>
    public string[]? Tags { get; set; }

    /// <summary>Example prompts or inputs.</summary>
    public string[]? Examples { get; set; }

    /// <summary>Media types this skill accepts, when they differ from the agent's defaults.</summary>
    public string[]? InputModes { get; set; }

    /// <summary>Media types this skill produces, when they differ from the agent's defaults.</summary>
    public string[]? OutputModes { get; set; }

    /// <summary>
    /// How much damage a forged or replayed call could do. <see cref="SkillPrivilege.High"/> fails closed: a signed
    /// request and a signed passport are required unless explicitly weakened (which analyzer A2AG0001 flags).
    /// </summary>
    public SkillPrivilege Privilege { get; set; }

    /// <summary>Request-signature policy. <see cref="SignatureRequirement.Default"/> follows <see cref="Privilege"/> and the agent.</summary>
    public SignatureRequirement RequestSignature { get; set; }

    /// <summary>
    /// Secure Passport signature policy. <see cref="SignatureRequirement.Required"/> means a passport must be present
    /// and carry a valid signature. <see cref="SignatureRequirement.Default"/> follows <see cref="Privilege"/>.
    /// </summary>
    public SignatureRequirement PassportSignature { get; set; }

    /// <summary>Whether a passport (signed or not) must accompany the message. Implied by <see cref="RequiredPassportKeys"/>.</summary>
    public bool RequirePassport { get; set; }

    /// <summary>Passport state keys that must be present. Each must be declared in <see cref="PassportKeysAttribute"/>.</summary>
    public string[]? RequiredPassportKeys { get; set; }

    /// <summary>OAuth2/OpenID Connect scopes the caller needs (card <c>skills[].securityRequirements</c>).</summary>
    public string[]? RequiredScopes { get; set; }

    /// <summary>
    /// Payload encryption: <see cref="EncryptionRequirement.Required"/> refuses plaintext message parts with
    /// <c>ENCRYPTION_REQUIRED</c>; the card lists the skill in the encryption extension and answers go back encrypted to
    /// the caller's published key. <see cref="EncryptionRequirement.Default"/> follows the agent.
    /// </summary>
    public EncryptionRequirement Encryption { get; set; }
}
