using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace A2AGen.Protocol;

/// <summary>One turn of communication between a client and an agent (§4.1.4).</summary>
public sealed record Message
{
    /// <summary>Unique id, set by the creator. Required.</summary>
    public string MessageId { get; init => field = value ?? ""; } = "";

    /// <summary>The conversation this message belongs to.</summary>
    public string? ContextId { get; init; }

    /// <summary>The task this message belongs to.</summary>
    public string? TaskId { get; init; }

    /// <summary>The sender. Required.</summary>
    public Role Role { get; init; }

    /// <summary>The content. Required, at least one.</summary>
    public IReadOnlyList<Part> Parts { get; init => field = value ?? []; } = [];

    /// <summary>Extension metadata (e.g. the Secure Passport, <c>urn:a2agen:skill</c>).</summary>
    public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }

    /// <summary>URIs of extensions present in this message.</summary>
    public IReadOnlyList<string>? Extensions { get; init; }

    /// <summary>Ids of tasks this message refers to.</summary>
    public IReadOnlyList<string>? ReferenceTaskIds { get; init; }

    /// <summary>A new agent message with one text part.</summary>
    public static Message AgentText(string text, string? contextId = null, string? taskId = null) => new()
    {
        MessageId = Guid.NewGuid().ToString("N"),
        Role = Role.Agent,
        Parts = [Part.FromText(text)],
        ContextId = contextId,
        TaskId = taskId,
    };

    /// <summary>A new user message with one text part.</summary>
    public static Message UserText(string text, string? contextId = null, string? taskId = null) => new()
    {
        MessageId = Guid.NewGuid().ToString("N"),
        Role = Role.User,
        Parts = [Part.FromText(text)],
        ContextId = contextId,
        TaskId = taskId,
    };

    /// <summary>
    /// A new user message with one data part: <paramref name="value"/> as JSON, written with
    /// <paramref name="typeInfo"/> (from your <c>JsonSerializerContext</c>, so no reflection). A skill whose parameter is
    /// a JSON type binds the message's first data part; pair it with <see cref="ForSkill"/> to choose the skill.
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">What the skill receives.</param>
    /// <param name="typeInfo">How to write it, e.g. <c>MyJson.Default.QuoteRequest</c>; use the naming the agent reads
    /// (an A2AGen agent reads its skills' types with <c>JsonSerializerDefaults.Web</c>, camelCase, unless configured).</param>
    /// <param name="contextId">The conversation, when continuing one.</param>
    /// <param name="taskId">The task, when continuing one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="typeInfo"/> is null.</exception>
    public static Message UserData<T>(T value, JsonTypeInfo<T> typeInfo, string? contextId = null, string? taskId = null)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        return new()
        {
            MessageId = Guid.NewGuid().ToString("N"),
            Role = Role.User,
            Parts = [Part.FromData(JsonSerializer.SerializeToElement(value, typeInfo))],
            ContextId = contextId,
            TaskId = taskId,
        };
    }

    /// <summary>
    /// This message addressed to one skill of an A2AGen agent: a copy with <c>urn:a2agen:skill</c> metadata (DESIGN §4
    /// routing), keeping any other metadata. Agents with one skill or a default skill need no address.
    /// </summary>
    /// <param name="skillId">The skill id, as in the agent's card.</param>
    public Message ForSkill(string skillId)
    {
        ArgumentException.ThrowIfNullOrEmpty(skillId);
        var metadata = Metadata is null ? new Dictionary<string, JsonElement>(1) : new Dictionary<string, JsonElement>(Metadata);
        metadata[A2AProtocol.SkillMetadataKey] = JsonSerializer.SerializeToElement(skillId, Serialization.A2AJsonContext.Default.String);
        return this with { Metadata = metadata };
    }
}
