namespace A2AGen;

/// <summary>
/// The message does not fit the skill's input (no text, no data part, data of the wrong shape). Hosting answers
/// JSON-RPC -32602 naming <see cref="Field"/>.
/// </summary>
public sealed class SkillBindingException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="field">The message field at fault, e.g. <c>message.parts[0].data</c>.</param>
    /// <param name="message">What is wrong, safe to show to the caller.</param>
    /// <param name="innerException">The underlying error, if any (never shown to the caller).</param>
    public SkillBindingException(string field, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Field = field;
    }

    /// <summary>The message field at fault.</summary>
    public string Field { get; }
}
