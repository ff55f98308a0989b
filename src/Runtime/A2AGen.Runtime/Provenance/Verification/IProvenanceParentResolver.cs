namespace A2AGen.Provenance;

/// <summary>
/// Finds a parent envelope that did not travel with its child: a store of envelopes seen before, or a fetch from an
/// allow-listed agent. The verifier checks that what comes back has the digest asked for, so a resolver cannot
/// substitute content; it only decides where to look. Implementations must be thread-safe.
/// </summary>
public interface IProvenanceParentResolver
{
    /// <summary>The envelope with <paramref name="parent"/>'s digest (without ancestors), or null when unknown.</summary>
    /// <param name="parent">The link: digest and claimed signer.</param>
    /// <param name="cancellationToken">Cancels a fetch.</param>
    ValueTask<ProvenanceEnvelope?> ResolveAsync(ProvenanceParent parent, CancellationToken cancellationToken);
}
