using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Provenance;

namespace A2AGen;

/// <summary>
/// The parents of what a skill produces: the signed content it received and built on. With <see cref="ProvenanceAttribute"/>,
/// hosting cites every parent named here (by envelope digest) in the envelopes of the artifacts and messages the skill
/// produces after naming it, and carries the parents' envelopes along as ancestors so a receiver can verify the whole
/// chain. Hosting does not verify parents: a skill that relies on a parent's content verifies it first
/// (<see cref="ProvenanceVerifier"/>). Without <see cref="ProvenanceAttribute"/> nothing is signed and parents are ignored.
/// Thread-safe.
/// </summary>
public sealed class SkillProvenance
{
    private readonly object _gate = new();
    private readonly List<ProvenanceEnvelope> _parents = [];

    /// <summary>Whether hosting signs what this skill produces (the skill or its agent has <see cref="ProvenanceAttribute"/>).</summary>
    public bool Signs { get; init; }

    /// <summary>The parents named so far, in order, each envelope once.</summary>
    public IReadOnlyList<ProvenanceEnvelope> Parents
    {
        get
        {
            lock (_gate)
            {
                return _parents.ToArray();
            }
        }
    }

    /// <summary>Names a parent by its envelope (its own ancestors travel along).</summary>
    /// <param name="envelope">The parent's envelope.</param>
    public void AddParent(ProvenanceEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        lock (_gate)
        {
            if (!_parents.Exists(p => p.Digest == envelope.Digest))
            {
                _parents.Add(envelope);
            }
        }
    }

    /// <summary>Names a parent by its envelope's JSON (the value of the <c>urn:a2agen:ext:provenance:v1</c> metadata key).</summary>
    /// <param name="envelope">The envelope JSON.</param>
    /// <exception cref="FormatException">It is not a well-formed envelope.</exception>
    public void AddParent(JsonElement envelope) => AddParent(ProvenanceEnvelope.Parse(envelope));

    /// <summary>Names a signed artifact as a parent. False when it carries no envelope.</summary>
    /// <param name="artifact">An artifact received from another agent.</param>
    /// <exception cref="FormatException">Its envelope is malformed.</exception>
    public bool AddParent(Artifact artifact)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        if (ProvenanceFormat.FindEnvelope(artifact) is not { } envelope)
        {
            return false;
        }

        AddParent(envelope);
        return true;
    }

    /// <summary>
    /// Names as parents every envelope a message carries: in its own metadata and in its parts' metadata (signed content
    /// a caller forwarded). Returns how many it found.
    /// </summary>
    /// <param name="message">A message, typically <see cref="SkillContext.Message"/>.</param>
    /// <exception cref="FormatException">An envelope is malformed.</exception>
    public int AddParentsFrom(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var found = 0;
        if (ProvenanceFormat.FindEnvelope(message) is { } own)
        {
            AddParent(own);
            found++;
        }

        foreach (var part in message.Parts ?? [])
        {
            if (part.Metadata is { } metadata && metadata.TryGetValue(ProvenanceFormat.MetadataKey, out var envelope))
            {
                AddParent(envelope);
                found++;
            }
        }

        return found;
    }
}
