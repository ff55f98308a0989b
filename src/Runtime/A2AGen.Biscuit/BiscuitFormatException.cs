namespace A2AGen.Biscuit;

/// <summary>Why a token (or key, or third-party block) was refused before any Datalog ran.</summary>
public enum BiscuitFormatError
{
    /// <summary>The bytes or the base64 text are not a well-formed token.</summary>
    Deserialization,
    /// <summary>A block's Datalog content is malformed.</summary>
    BlockDeserialization,
    /// <summary>A signature has the wrong length or encoding.</summary>
    InvalidSignatureSize,
    /// <summary>A signature does not verify (wrong root key, tampered, forged or reordered block).</summary>
    InvalidSignature,
    /// <summary>A key is malformed or of an unsupported algorithm.</summary>
    InvalidKey,
    /// <summary>A block's Datalog version (or signature version) is outside what this library supports (v3.0–v3.3).</summary>
    UnsupportedVersion,
    /// <summary>The token is sealed: it cannot be attenuated.</summary>
    Sealed,
    /// <summary>The token is larger than the configured limit (bytes or blocks).</summary>
    TooLarge,
    /// <summary>A symbol index or public-key index points outside its table, or a block repeats a known symbol.</summary>
    UnknownSymbol,
    /// <summary>A revocation id of the token is on the deny list.</summary>
    Revoked,
    /// <summary>Building a block or token failed (e.g. a fact with a variable).</summary>
    InvalidBlock,
}

/// <summary>A token, key or block was refused: <see cref="Error"/> says which check failed. Messages carry no secrets.</summary>
public sealed class BiscuitFormatException(BiscuitFormatError error, string message) : Exception(message)
{
    /// <summary>Which check failed.</summary>
    public BiscuitFormatError Error { get; } = error;
}
