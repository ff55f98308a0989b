using A2AGen.Passport;
using A2AGen.Protocol;

namespace A2AGen.Hosting;

/// <summary>
/// Reads the Secure Passport from a message's metadata (key: the extension URI) with the published schema's rules
/// (<see cref="CallerContextJson"/>): <see cref="PassportStatus.Absent"/>, <see cref="PassportStatus.Malformed"/> with
/// the request field at fault, or the passport — marked <see cref="PassportStatus.Unsigned"/> until the verifier has
/// looked at its signature, if it has one.
/// </summary>
internal static class PassportReader
{
    public const string FieldPrefix = "params.message.metadata[\"" + A2AProtocol.SecurePassportExtensionUri + "\"]";

    private static readonly PassportContext Absent = new() { Status = PassportStatus.Absent };

    public static PassportContext Read(Message message)
    {
        if (message.Metadata is not { } metadata || !metadata.TryGetValue(PassportFormat.ExtensionUri, out var value))
        {
            return Absent;
        }

        return CallerContextJson.TryRead(value, out var passport, out var error)
            ? new PassportContext { Status = PassportStatus.Unsigned, Value = passport }
            : Malformed(error.Field, error.Message);
    }

    /// <summary>A malformed passport, its field as a request path (<c>params.message.metadata["…"].state</c>).</summary>
    public static PassportContext Malformed(string field, string detail) => new()
    {
        Status = PassportStatus.Malformed,
        Reason = PassportReasons.Malformed,
        Field = field.Length == 0 ? FieldPrefix : FieldPrefix + "." + field,
        Detail = detail,
    };
}
