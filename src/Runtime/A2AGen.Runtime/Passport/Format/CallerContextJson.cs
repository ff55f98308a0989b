using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace A2AGen.Passport;

/// <summary>
/// Reads and writes the Secure Passport's <c>CallerContext</c> exactly as the published extension defines it:
/// <c>{clientId, sessionId?, signature?, state}</c>, <c>clientId</c> a non-empty string and <c>state</c> an object
/// (both required), <c>sessionId</c> and <c>signature</c> strings when present, nothing else. Errors name the member
/// at fault. Reading goes through the passport's own source-generated JSON context.
/// </summary>
public static class CallerContextJson
{
    private const string Shape = "a CallerContext object {clientId, sessionId?, signature?, state}";
    private const int MaxQuotedName = 64;

    /// <summary>Reads a received passport.</summary>
    /// <param name="element">The value of the passport's metadata entry.</param>
    /// <param name="passport">The passport when it is well-formed.</param>
    /// <param name="error">What is wrong otherwise.</param>
    public static bool TryRead(JsonElement element, [NotNullWhen(true)] out CallerContext? passport, [NotNullWhen(false)] out PassportFormatError? error)
    {
        passport = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = new PassportFormatError("", $"must be {Shape}.");
            return false;
        }

        // Before anything reads a string: text that is not valid Unicode cannot be read, canonicalized or written back.
        if (A2AGen.Protocol.Serialization.JsonTextCheck.FindInvalidUnicode(System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(element)) is { } invalid)
        {
            error = new PassportFormatError(invalid, "is not valid Unicode (an unpaired surrogate escape such as \\udc00, or bytes that are not UTF-8).");
            return false;
        }

        CallerContextDocument document;
        try
        {
            document = element.Deserialize(PassportJsonContext.Default.CallerContextDocument)!;
        }
        catch (JsonException e)
        {
            error = Describe(element, e.Path);
            return false;
        }

        if (document.ClientId is not { Length: > 0 } clientId)
        {
            error = element.TryGetProperty("clientId"u8, out _)
                ? new PassportFormatError("clientId", "must be a non-empty string.")
                : new PassportFormatError("clientId", "is required.");
            return false;
        }

        if (document.State is not { } state)
        {
            error = element.TryGetProperty("state"u8, out _)
                ? new PassportFormatError("state", "must be a JSON object.")
                : new PassportFormatError("state", "is required (it may be an empty object).");
            return false;
        }

        // Absent and null read alike; the wire never carries null for an optional member (the published sample
        // drops None), and a signer and a verifier must agree on the signed object, so null is refused.
        if (document.SessionId is null && element.TryGetProperty("sessionId"u8, out _))
        {
            error = new PassportFormatError("sessionId", "must be a string; leave it out when there is no session.");
            return false;
        }

        if (document.Signature is null && element.TryGetProperty("signature"u8, out _))
        {
            error = new PassportFormatError("signature", "must be a compact JWS string; leave it out for an unsigned passport.");
            return false;
        }

        if (document.Signature is { Length: 0 })
        {
            error = new PassportFormatError("signature", "must be a non-empty compact JWS string; leave it out for an unsigned passport.");
            return false;
        }

        passport = new CallerContext { ClientId = clientId, SessionId = document.SessionId, Signature = document.Signature, State = state };
        error = null;
        return true;
    }

    /// <summary>Reads a passport from UTF-8 JSON.</summary>
    /// <param name="utf8Json">The passport JSON.</param>
    /// <param name="passport">The passport when it is well-formed.</param>
    /// <param name="error">What is wrong otherwise.</param>
    public static bool TryRead(ReadOnlySpan<byte> utf8Json, [NotNullWhen(true)] out CallerContext? passport, [NotNullWhen(false)] out PassportFormatError? error)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json.ToArray(), new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException)
        {
            passport = null;
            error = new PassportFormatError("", "is not valid JSON (one JSON object, nothing after it).");
            return false;
        }

        using (document)
        {
            if (!TryRead(document.RootElement, out passport, out error))
            {
                return false;
            }

            // The state's elements belong to the document being disposed.
            passport = passport with { State = passport.State.ToDictionary(static p => p.Key, static p => p.Value.Clone(), StringComparer.Ordinal) };
            return true;
        }
    }

    /// <summary>The passport as a JSON value (for a message's metadata): members in canonical order, optional ones only when set.</summary>
    /// <param name="passport">The passport.</param>
    public static JsonElement ToJsonElement(CallerContext passport) =>
        JsonSerializer.SerializeToElement(ToDocument(passport), PassportJsonContext.Default.CallerContextDocument);

    /// <summary>The passport as UTF-8 JSON.</summary>
    /// <param name="passport">The passport.</param>
    public static byte[] ToUtf8Json(CallerContext passport) =>
        JsonSerializer.SerializeToUtf8Bytes(ToDocument(passport), PassportJsonContext.Default.CallerContextDocument);

    private static CallerContextDocument ToDocument(CallerContext passport)
    {
        ArgumentNullException.ThrowIfNull(passport);
        if (passport.ClientId.Length == 0)
        {
            throw new ArgumentException("A passport needs a clientId.", nameof(passport));
        }

        var state = passport.State as Dictionary<string, JsonElement> ?? new Dictionary<string, JsonElement>(passport.State, StringComparer.Ordinal);
        foreach (var (key, value) in state)
        {
            if (value.ValueKind == JsonValueKind.Undefined)
            {
                throw new ArgumentException($"The passport state key '{key}' has no value (default JsonElement).", nameof(passport));
            }
        }

        return new CallerContextDocument { ClientId = passport.ClientId, SessionId = passport.SessionId, Signature = passport.Signature, State = state };
    }

    // JsonException.Path is "$.member", "$['odd.member']" or deeper ("$.state.x"); only duplicates and depth can fail
    // inside state, whose values are free-form JSON.
    private static PassportFormatError Describe(JsonElement element, string? path)
    {
        var (member, rest) = SplitPath(path);
        if (member is null)
        {
            return new PassportFormatError("", $"must be {Shape}.");
        }

        var count = 0;
        foreach (var property in element.EnumerateObject())
        {
            if (property.NameEquals(member))
            {
                count++;
            }
        }

        if (count > 1)
        {
            return new PassportFormatError(member, "appears more than once.");
        }

        return member switch
        {
            "clientId" => new PassportFormatError(member, "must be a non-empty string."),
            "sessionId" => new PassportFormatError(member, "must be a string."),
            "signature" => new PassportFormatError(member, "must be a compact JWS string."),
            "state" when rest is null => new PassportFormatError(member, "must be a JSON object."),
            "state" => new PassportFormatError(Quote("state" + rest), "repeats a member name or nests deeper than 64 levels."),
            "client_id" or "session_id" => new PassportFormatError(member, $"is not a CallerContext member; the wire name is {(member == "client_id" ? "clientId" : "sessionId")}."),
            _ => new PassportFormatError(Quote(member), "is not a CallerContext member (the published schema allows clientId, sessionId, signature, state)."),
        };
    }

    private static (string? Member, string? Remainder) SplitPath(string? path)
    {
        if (path is null || !path.StartsWith('$') || path.Length < 2)
        {
            return (null, null);
        }

        string member;
        int end;
        if (path[1] == '.')
        {
            end = path.IndexOfAny(['.', '['], 2);
            end = end < 0 ? path.Length : end;
            member = path[2..end];
        }
        else if (path.StartsWith("$['", StringComparison.Ordinal) && path.IndexOf("']", 3, StringComparison.Ordinal) is var close and > 0)
        {
            member = path[3..close];
            end = close + 2;
        }
        else
        {
            return (null, null);
        }

        return (member, end < path.Length ? path[end..] : null);
    }

    // Member names come from the caller: through the one sanitizer before they reach a message or a log.
    private static string Quote(string name) => A2AGen.Security.CallerText.Sanitize(name, MaxQuotedName);
}
