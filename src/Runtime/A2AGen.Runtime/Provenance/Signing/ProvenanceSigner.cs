using A2AGen.Protocol;
using A2AGen.Security;

namespace A2AGen.Provenance;

/// <summary>
/// Signs artifacts and agent messages into provenance envelopes: a detached JWS (<c>typ</c>
/// <c>a2a-provenance+jws</c>) over the RFC 8785 form of a statement naming the content digest, the signer, the task,
/// context and content ids, the time, an optional audience and expiry, and the parent envelopes by digest. Parents'
/// envelopes travel along as <c>ancestors</c> (flattened: each once, without ancestors of its own), so an envelope
/// grows with the size of its history, never with its depth squared. Thread-safe; the key stays owned by the caller.
/// </summary>
public sealed class ProvenanceSigner
{
    private readonly JwsSigningOptions _jwsOptions;

    /// <summary>Creates a signer for <paramref name="agentId"/>.</summary>
    /// <param name="key">The agent's signing key (Ed25519 or P-256); verifiers must trust its public half for <paramref name="agentId"/>.</param>
    /// <param name="agentId">The signing agent's id (<c>iss</c>).</param>
    /// <param name="options">Lifetime, <c>kid</c>, clock.</param>
    /// <exception cref="ArgumentException">The agent id is invalid or the lifetime is not positive.</exception>
    public ProvenanceSigner(SigningKey key, string agentId, ProvenanceSigningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        Security.AgentId.Validate(agentId);
        Options = options ?? new ProvenanceSigningOptions();
        if (Options.Lifetime is { } lifetime && lifetime < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException("A provenance lifetime must be at least one second (or null for none).", nameof(options));
        }

        Key = key;
        AgentId = agentId;
        _jwsOptions = new JwsSigningOptions { KeyId = Options.KeyId, Type = ProvenanceFormat.SignatureType };
    }

    /// <summary>The signing key.</summary>
    public SigningKey Key { get; }

    /// <summary>The signer's agent id (<c>iss</c>).</summary>
    public string AgentId { get; }

    /// <summary>The signer's settings.</summary>
    public ProvenanceSigningOptions Options { get; }

    /// <summary>Signs an artifact produced in <paramref name="binding"/>'s task: a copy carrying its envelope in metadata.</summary>
    /// <param name="artifact">The artifact (an envelope it already carries is replaced).</param>
    /// <param name="binding">The task and context it belongs to (the task is required).</param>
    /// <param name="parents">The envelopes of what it was made from; null or empty for original content.</param>
    /// <param name="audience">The agent id or URL it is meant for, or null.</param>
    /// <exception cref="ArgumentException">The artifact has no id, the binding no task, or its content cannot be canonicalized.</exception>
    public Artifact Sign(Artifact artifact, ProvenanceBinding binding, IReadOnlyList<ProvenanceEnvelope>? parents = null, string? audience = null)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        ArgumentNullException.ThrowIfNull(binding);
        if (binding.TaskId is null)
        {
            throw new ArgumentException("An artifact belongs to a task: the binding needs a TaskId.", nameof(binding));
        }

        var envelope = CreateEnvelope(ProvenanceKind.Artifact, Digest(() => ProvenanceFormat.ComputeDigest(artifact)), artifact.ArtifactId, binding, parents, audience);
        return ProvenanceFormat.Attach(artifact, envelope);
    }

    /// <summary>Signs an agent message: a copy carrying its envelope, bound to the message's own task and context.</summary>
    /// <param name="message">The message; it needs a <c>contextId</c>.</param>
    /// <param name="parents">The envelopes of what it was made from.</param>
    /// <param name="audience">The agent id or URL it is meant for, or null.</param>
    /// <exception cref="ArgumentException">The message has no id or context, or its content cannot be canonicalized.</exception>
    public Message Sign(Message message, IReadOnlyList<ProvenanceEnvelope>? parents = null, string? audience = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.ContextId is not { Length: > 0 } contextId)
        {
            throw new ArgumentException("A signed message needs a contextId (the envelope is bound to it).", nameof(message));
        }

        var envelope = CreateEnvelope(ProvenanceKind.Message, Digest(() => ProvenanceFormat.ComputeDigest(message)), message.MessageId, new ProvenanceBinding(message.TaskId, contextId), parents, audience);
        return ProvenanceFormat.Attach(message, envelope);
    }

    /// <summary>Signs a statement about content whose digest the caller computed (<see cref="ProvenanceFormat.ComputeDigest(Artifact)"/>).</summary>
    /// <param name="kind">Artifact or message.</param>
    /// <param name="contentDigest">The content digest.</param>
    /// <param name="contentId">The artifact or message id.</param>
    /// <param name="binding">Task and context.</param>
    /// <param name="parents">Parent envelopes, or null.</param>
    /// <param name="audience">Audience, or null.</param>
    /// <exception cref="ArgumentException">An argument is empty or malformed.</exception>
    public ProvenanceEnvelope CreateEnvelope(ProvenanceKind kind, string contentDigest, string contentId, ProvenanceBinding binding, IReadOnlyList<ProvenanceEnvelope>? parents = null, string? audience = null)
    {
        ArgumentNullException.ThrowIfNull(binding);
        if (!ProvenanceDigest.IsWellFormed(contentDigest))
        {
            throw new ArgumentException("The content digest must be 'sha-256:' and 43 base64url characters.", nameof(contentDigest));
        }

        if (string.IsNullOrEmpty(contentId) || binding.ContextId is not { Length: > 0 } || binding.TaskId is { Length: 0 } || audience is { Length: 0 })
        {
            throw new ArgumentException("The content id and context id are required, and a task id or audience must not be empty.");
        }

        parents ??= [];
        var links = new List<ProvenanceParent>(parents.Count);
        foreach (var parent in parents)
        {
            ArgumentNullException.ThrowIfNull(parent, nameof(parents));
            if (links.Exists(l => l.Digest == parent.Digest))
            {
                continue;
            }

            links.Add(new ProvenanceParent(parent.Digest, parent.Statement.Issuer));
        }

        long issuedAt = Options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        var statement = new ProvenanceStatement
        {
            Issuer = AgentId,
            Kind = kind,
            Digest = contentDigest,
            TaskId = binding.TaskId,
            ContextId = binding.ContextId,
            ContentId = contentId,
            IssuedAt = issuedAt,
            ExpiresAt = Options.Lifetime is { } lifetime ? issuedAt + (long)Math.Ceiling(lifetime.TotalSeconds) : null,
            Audience = audience,
            Parents = links,
        };
        byte[] canonical = statement.ToCanonicalJson();
        string signature = Jws.SignDetached(Key, canonical, _jwsOptions);
        return ProvenanceEnvelope.Create(statement, canonical, signature, Options.CarryAncestors ? Flatten(parents) : []);
    }

    // Parents first, then their carried ancestors, each digest once and without ancestors of its own.
    private static List<ProvenanceEnvelope> Flatten(IReadOnlyList<ProvenanceEnvelope> parents)
    {
        var carried = new List<ProvenanceEnvelope>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var parent in parents)
        {
            if (seen.Add(parent.Digest))
            {
                carried.Add(parent.WithoutAncestors());
            }
        }

        foreach (var parent in parents)
        {
            foreach (var ancestor in parent.Ancestors)
            {
                if (seen.Add(ancestor.Digest))
                {
                    carried.Add(ancestor);
                }
            }
        }

        return carried;
    }

    private static string Digest(Func<string> compute)
    {
        try
        {
            return compute();
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"The content cannot be signed: {e.Message}", e);
        }
    }
}
