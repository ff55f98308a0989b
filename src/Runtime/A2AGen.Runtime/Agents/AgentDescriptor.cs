using System.Text.Json;
using A2AGen.Protocol;

namespace A2AGen;

/// <summary>What the generator knows about an agent: id, skills, passport keys and policies.</summary>
public sealed class AgentDescriptor
{
    /// <summary>Creates a descriptor (called by generated code).</summary>
    /// <param name="agentId">The agent id.</param>
    /// <param name="skills">The skills in declaration order.</param>
    public AgentDescriptor(string agentId, IReadOnlyList<SkillDescriptor> skills)
    {
        AgentId = agentId;
        Skills = skills;
        SkillIds = string.Join(", ", skills.Select(static s => s.Id));
    }

    /// <summary>The agent id (<c>iss</c> of its signed requests, trust-folder file name).</summary>
    public string AgentId { get; }

    /// <summary>The skills in declaration order.</summary>
    public IReadOnlyList<SkillDescriptor> Skills { get; }

    /// <summary>The id of the <see cref="DefaultSkillAttribute"/> skill, if any.</summary>
    public string? DefaultSkillId { get; init; }

    /// <summary>The declared Secure Passport state keys (empty when the agent declares none).</summary>
    public IReadOnlyList<string> PassportKeys { get; init; } = [];

    /// <summary>Whether the card declares the Secure Passport extension <c>required</c>.</summary>
    public bool PassportExtensionRequired { get; init; }

    /// <summary>The agent-wide request-signature policy.</summary>
    public SignatureRequirement RequestSignature { get; init; } = SignatureRequirement.Optional;

    /// <summary>
    /// Whether <c>[A2AAgent(Url = …)]</c> declared the endpoint URL. When it did not, the card carries a placeholder
    /// and hosting serves the configured public URL or the one each request arrived at.
    /// </summary>
    public bool DeclaresUrl { get; init; }

    /// <summary>The skill ids, comma-separated, for error messages.</summary>
    public string SkillIds { get; }

    /// <summary>Finds a skill by id (ordinal).</summary>
    /// <param name="skillId">The skill id.</param>
    public SkillDescriptor? FindSkill(string skillId)
    {
        foreach (var skill in Skills)
        {
            if (string.Equals(skill.Id, skillId, StringComparison.Ordinal))
            {
                return skill;
            }
        }

        return null;
    }

    /// <summary>
    /// Chooses the skill for a message (DESIGN §4): metadata <c>urn:a2agen:skill</c>; else the only skill; else the
    /// default skill. Returns null with an error naming the available skill ids otherwise.
    /// </summary>
    /// <param name="message">The incoming message.</param>
    /// <param name="error">Why no skill was chosen.</param>
    public SkillDescriptor? Route(Message message, out string? error)
    {
        error = null;
        if (message.Metadata is { } metadata && metadata.TryGetValue(A2AProtocol.SkillMetadataKey, out var selector))
        {
            if (selector.ValueKind != JsonValueKind.String)
            {
                error = $"metadata[\"{A2AProtocol.SkillMetadataKey}\"] must be a skill id string; available skills: {SkillIds}.";
                return null;
            }

            var requested = selector.GetString()!;
            var skill = FindSkill(requested);
            if (skill is null)
            {
                error = $"Unknown skill in metadata[\"{A2AProtocol.SkillMetadataKey}\"]; available skills: {SkillIds}.";
            }

            return skill;
        }

        if (Skills.Count == 1)
        {
            return Skills[0];
        }

        if (DefaultSkillId is not null)
        {
            return FindSkill(DefaultSkillId);
        }

        error = $"The message does not name a skill (metadata \"{A2AProtocol.SkillMetadataKey}\"); available skills: {SkillIds}.";
        return null;
    }
}
