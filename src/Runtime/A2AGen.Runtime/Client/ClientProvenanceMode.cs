namespace A2AGen.Client;

/// <summary>What an <see cref="A2AClient"/> does with provenance when the agent's card declares <c>urn:a2agen:ext:provenance:v1</c>.</summary>
public enum ClientProvenanceMode
{
    /// <summary>Verify every artifact and agent message, and report each result through <see cref="A2AClient.ProvenanceOf(A2AGen.Protocol.Artifact)"/> (the default).</summary>
    Report = 0,

    /// <summary>Verify, report, and throw an <see cref="A2AClientException"/> (its <c>Reason</c> the failed check) when any result is Invalid.</summary>
    ThrowOnInvalid = 1,

    /// <summary>Verify, report, and throw when any result is not Verified (Invalid, or Unverified: no envelope, or no trusted key).</summary>
    ThrowUnlessVerified = 2,

    /// <summary>Verify nothing.</summary>
    Off = 3,
}
