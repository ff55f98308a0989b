namespace A2AGen;

/// <summary>Whether a skill's message parts must arrive encrypted (JWE, docs/encryption.md). An encrypted part is always decrypted and checked.</summary>
public enum EncryptionRequirement
{
    /// <summary>Follow the agent: <see cref="Required"/> when <see cref="A2AAgentAttribute.Encryption"/> says so, otherwise <see cref="Optional"/>.</summary>
    Default = 0,

    /// <summary>Encrypted parts are decrypted, plaintext parts accepted.</summary>
    Optional = 1,

    /// <summary>Every part must be encrypted to the agent's published encryption key; plaintext is refused (<c>ENCRYPTION_REQUIRED</c>).</summary>
    Required = 2,
}
