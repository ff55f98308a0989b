using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using A2AGen.Protocol;

namespace A2AGen.Passport;

/// <summary>Attaches a Secure Passport to a message and reads it back (metadata key: <see cref="PassportFormat.ExtensionUri"/>).</summary>
public static class PassportMessages
{
    /// <summary>A copy of <paramref name="message"/> carrying <paramref name="passport"/> (replacing any passport it had); other metadata is kept.</summary>
    /// <param name="message">The message.</param>
    /// <param name="passport">The passport, signed or not.</param>
    public static Message WithPassport(this Message message, CallerContext passport)
    {
        ArgumentNullException.ThrowIfNull(message);
        var metadata = message.Metadata is { } existing
            ? new Dictionary<string, JsonElement>(existing, StringComparer.Ordinal)
            : new Dictionary<string, JsonElement>(1, StringComparer.Ordinal);
        metadata[PassportFormat.ExtensionUri] = CallerContextJson.ToJsonElement(passport);
        return message with { Metadata = metadata };
    }

    /// <summary>Whether the message carries a passport entry at all (well-formed or not).</summary>
    /// <param name="message">The message.</param>
    public static bool HasPassport(this Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Metadata?.ContainsKey(PassportFormat.ExtensionUri) == true;
    }

    /// <summary>Reads the message's passport. False with a null <paramref name="error"/> when there is none.</summary>
    /// <param name="message">The message.</param>
    /// <param name="passport">The passport when present and well-formed.</param>
    /// <param name="error">What is wrong with a passport that is present but malformed.</param>
    public static bool TryGetPassport(this Message message, [NotNullWhen(true)] out CallerContext? passport, out PassportFormatError? error)
    {
        ArgumentNullException.ThrowIfNull(message);
        passport = null;
        error = null;
        return message.Metadata is { } metadata && metadata.TryGetValue(PassportFormat.ExtensionUri, out var value)
            && CallerContextJson.TryRead(value, out passport, out error);
    }
}
