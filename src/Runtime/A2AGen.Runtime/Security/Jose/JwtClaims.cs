using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace A2AGen.Security;

/// <summary>
/// The registered claims of a JSON object (RFC 7519 §4.1): a JWT payload, or a protected header that carries
/// <c>iat</c>/<c>exp</c> (the Secure Passport profile). Other members stay readable through <see cref="TryGetString"/>.
/// </summary>
public sealed class JwtClaims
{
    // 9999-12-31T23:59:59Z: the largest NumericDate DateTimeOffset can hold.
    private const double MaxNumericDate = 253402300799;

    private JsonDocument? _document;

    private JwtClaims(ReadOnlyMemory<byte> json)
    {
        Json = json;
    }

    /// <summary><c>iss</c>.</summary>
    public string? Issuer { get; private set; }

    /// <summary><c>sub</c>.</summary>
    public string? Subject { get; private set; }

    /// <summary><c>aud</c> (a single string is a one-element list); empty when absent.</summary>
    public IReadOnlyList<string> Audiences { get; private set; } = [];

    /// <summary><c>iat</c>.</summary>
    public DateTimeOffset? IssuedAt { get; private set; }

    /// <summary><c>nbf</c>.</summary>
    public DateTimeOffset? NotBefore { get; private set; }

    /// <summary><c>exp</c>.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary><c>jti</c>.</summary>
    public string? JwtId { get; private set; }

    /// <summary>The JSON object the claims were read from.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    /// <summary>Reads the registered claims; duplicate members or wrongly typed registered claims are errors.</summary>
    /// <param name="json">A JSON object.</param>
    /// <param name="claims">The claims.</param>
    /// <param name="problem">What is wrong otherwise.</param>
    public static bool TryParse(ReadOnlyMemory<byte> json, [NotNullWhen(true)] out JwtClaims? claims, [NotNullWhen(false)] out string? problem)
    {
        claims = null;
        var result = new JwtClaims(json);
        var names = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = 32 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "the claims are not a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                if (!names.Add(name))
                {
                    problem = $"the claim '{CallerText.Sanitize(name)}' appears twice";
                    return false;
                }

                reader.Read();
                problem = name switch
                {
                    "iss" => ReadString(ref reader, name, v => result.Issuer = v),
                    "sub" => ReadString(ref reader, name, v => result.Subject = v),
                    "jti" => ReadString(ref reader, name, v => result.JwtId = v),
                    "aud" => ReadAudience(ref reader, result),
                    "iat" => ReadDate(ref reader, name, v => result.IssuedAt = v),
                    "nbf" => ReadDate(ref reader, name, v => result.NotBefore = v),
                    "exp" => ReadDate(ref reader, name, v => result.ExpiresAt = v),
                    _ => Skip(ref reader),
                };
                if (problem is not null)
                {
                    return false;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                problem = "the claims are not a single JSON object";
                return false;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            problem = "the claims are not valid JSON";
            return false;
        }

        // A string that is not valid Unicode could not be read later (TryGetString, a claim a caller looks up): refused here.
        if (A2AGen.Protocol.Serialization.JsonTextCheck.FindInvalidUnicode(json.Span, "claims") is { } invalid)
        {
            problem = $"{CallerText.Sanitize(invalid)} is not valid Unicode (an unpaired surrogate escape, or bytes that are not UTF-8)";
            return false;
        }

        claims = result;
        problem = null;
        return true;
    }

    /// <summary>Reads a string-valued member (e.g. <c>htm</c>, <c>htu</c>, <c>bh</c>).</summary>
    /// <param name="name">The member name.</param>
    /// <param name="value">Its value when present and a string.</param>
    public bool TryGetString(string name, [NotNullWhen(true)] out string? value)
    {
        if (TryGetElement(name, out var element) && element.ValueKind == JsonValueKind.String)
        {
            value = element.GetString()!;
            return true;
        }

        value = null;
        return false;
    }

    /// <summary>Reads any member.</summary>
    /// <param name="name">The member name.</param>
    /// <param name="value">Its value.</param>
    public bool TryGetElement(string name, out JsonElement value)
    {
        var document = _document;
        if (document is null)
        {
            document = JsonDocument.Parse(Json);
            document = Interlocked.CompareExchange(ref _document, document, null) ?? document;
        }

        return document.RootElement.TryGetProperty(name, out value);
    }

    private static string? ReadString(ref Utf8JsonReader reader, string name, Action<string> set)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return $"the claim '{name}' must be a string";
        }

        set(reader.GetString()!);
        return null;
    }

    private static string? ReadAudience(ref Utf8JsonReader reader, JwtClaims claims)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            claims.Audiences = [reader.GetString()!];
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return "the claim 'aud' must be a string or an array of strings";
        }

        var list = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            list.Add(reader.GetString()!);
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            return "the claim 'aud' must be a string or an array of strings";
        }

        claims.Audiences = list;
        return null;
    }

    private static string? ReadDate(ref Utf8JsonReader reader, string name, Action<DateTimeOffset> set)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out double seconds) || !double.IsFinite(seconds) || seconds < 0 || seconds > MaxNumericDate)
        {
            return $"the claim '{name}' must be a NumericDate (seconds since 1970 as a JSON number)";
        }

        set(DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Floor(seconds * 1000)));
        return null;
    }

    private static string? Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }
}
