namespace A2AGen.Security;

/// <summary>
/// A replay cache could not record a token id (it is full, or its store is unreachable). A verifier that cannot rule
/// out a replay refuses the request: it never lets it through unchecked.
/// </summary>
public sealed class ReplayCacheUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReplayCacheUnavailableException()
        : this("The replay cache is unavailable.")
    {
    }

    /// <summary>Creates the exception with a message saying why (no secrets).</summary>
    /// <param name="message">Why.</param>
    public ReplayCacheUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the store's failure.</summary>
    /// <param name="message">Why.</param>
    /// <param name="innerException">The store's exception.</param>
    public ReplayCacheUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
