namespace A2AGen.Provenance;

/// <summary>
/// A link from a statement to an envelope it was made from: the digest of the parent's whole envelope (statement and
/// signature, without its ancestors) and the parent's signer.
/// </summary>
/// <param name="Digest"><c>sha-256:</c> and the base64url SHA-256 of the parent envelope's RFC 8785 form.</param>
/// <param name="Issuer">The parent's signer (agent id); its statement must name the same <c>iss</c>.</param>
public sealed record ProvenanceParent(string Digest, string Issuer);
