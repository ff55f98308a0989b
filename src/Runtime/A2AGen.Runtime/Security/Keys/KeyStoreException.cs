namespace A2AGen.Security;

/// <summary>The key store cannot start: the one-line message says what is wrong and what to do (never a secret).</summary>
public sealed class KeyStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    public KeyStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="innerException">The cause.</param>
    public KeyStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// True when the store failed only because no signing key was configured (as opposed to a key that is present but
    /// unreadable, encrypted with another password, or invalid): a host can then suggest not signing at all.
    /// </summary>
    public bool SigningKeyMissing { get; init; }
}
