using System.Text.Json;
using A2AGen.Passport;
using A2AGen.Protocol;

namespace A2AGen.Hosting;

/// <summary>
/// Reads the Secure Passport from a message's metadata (key: the extension URI) with the published schema's rules:
/// <c>clientId</c> (non-empty string) and <c>state</c> (object) required, <c>sessionId</c> and <c>signature</c>
/// optional strings, nothing else. The result is <see cref="PassportStatus.Absent"/>, <see cref="PassportStatus.Unsigned"/>,
/// or — when a signature is present — still <see cref="PassportStatus.Unsigned"/> with <see cref="CallerContext.Signature"/>
/// set, for the verifier to decide.
/// </summary>
internal static class PassportReader
{
    public const string FieldPrefix = "params.message.metadata[\"" + A2AProtocol.SecurePassportExtensionUri + "\"]";

    private static readonly PassportContext Absent = new() { Status = PassportStatus.Absent };

    /// <summary>Reads the passport; a malformed one yields an error naming the field at fault.</summary>
    public static A2AError? Read(Message message, out PassportContext passport)
    {
        passport = Absent;
        if (message.Metadata is not { } metadata || !metadata.TryGetValue(A2AProtocol.SecurePassportExtensionUri, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            return Malformed(FieldPrefix, "must be a CallerContext object {clientId, sessionId?, signature?, state}.");
        }

        string? clientId = null, sessionId = null, signature = null;
        Dictionary<string, JsonElement>? state = null;
        foreach (var property in value.EnumerateObject())
        {
            switch (property.Name)
            {
                case "clientId":
                    if (property.Value.ValueKind != JsonValueKind.String || property.Value.GetString() is not { Length: > 0 } id)
                    {
                        return Malformed(FieldPrefix + ".clientId", "must be a non-empty string.");
                    }

                    clientId = id;
                    break;
                case "sessionId":
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        return Malformed(FieldPrefix + ".sessionId", "must be a string.");
                    }

                    sessionId = property.Value.GetString();
                    break;
                case "signature":
                    if (property.Value.ValueKind != JsonValueKind.String || property.Value.GetString() is not { Length: > 0 } jws)
                    {
                        return Malformed(FieldPrefix + ".signature", "must be a non-empty compact JWS string.");
                    }

                    signature = jws;
                    break;
                case "state":
                    if (property.Value.ValueKind != JsonValueKind.Object)
                    {
                        return Malformed(FieldPrefix + ".state", "must be a JSON object.");
                    }

                    state = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                    foreach (var entry in property.Value.EnumerateObject())
                    {
                        state[entry.Name] = entry.Value.Clone();
                    }

                    break;
                default:
                    return Malformed(FieldPrefix + "." + A2AError.Truncate(property.Name, 64), "is not a CallerContext field (the schema allows clientId, sessionId, signature, state).");
            }
        }

        if (clientId is null)
        {
            return Malformed(FieldPrefix + ".clientId", "is required.");
        }

        if (state is null)
        {
            return Malformed(FieldPrefix + ".state", "is required (it may be an empty object).");
        }

        passport = new PassportContext
        {
            Status = PassportStatus.Unsigned,
            Value = new CallerContext { ClientId = clientId, SessionId = sessionId, Signature = signature, State = state },
        };
        return null;
    }

    private static A2AError Malformed(string field, string message) => A2AError.InvalidParams(field, message, "PASSPORT_MALFORMED");
}
