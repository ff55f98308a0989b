using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace A2AGen.Security;

/// <summary>A verified JWS protected header: the registered parameters A2AGen uses, and the raw JSON for the rest.</summary>
public sealed class JwsHeader
{
    private const int MaxMembers = 64;
    private JsonDocument? _document;

    private JwsHeader(ReadOnlyMemory<byte> json, string algorithm, string? keyId, string? type, string? jwkSetUrl, IReadOnlyList<string>? critical, bool? base64Payload)
    {
        Json = json;
        Algorithm = algorithm;
        KeyId = keyId;
        Type = type;
        JwkSetUrl = jwkSetUrl;
        Critical = critical;
        Base64Payload = base64Payload;
    }

    /// <summary><c>alg</c>.</summary>
    public string Algorithm { get; }

    /// <summary><c>kid</c>, if present.</summary>
    public string? KeyId { get; }

    /// <summary><c>typ</c>, if present.</summary>
    public string? Type { get; }

    /// <summary><c>jku</c>, if present (a hint only; never a key source by itself).</summary>
    public string? JwkSetUrl { get; }

    /// <summary><c>crit</c>, if present.</summary>
    public IReadOnlyList<string>? Critical { get; }

    /// <summary>The decoded header JSON.</summary>
    public ReadOnlyMemory<byte> Json { get; }

    internal bool? Base64Payload { get; }

    /// <summary>Reads any header parameter (for profiles that put claims such as <c>iat</c>/<c>exp</c> in the header).</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="value">Its value.</param>
    public bool TryGetParameter(string name, out JsonElement value)
    {
        var document = _document;
        if (document is null)
        {
            document = JsonDocument.Parse(Json);
            document = Interlocked.CompareExchange(ref _document, document, null) ?? document;
        }

        return document.RootElement.TryGetProperty(name, out value);
    }

    internal static bool TryParse(ReadOnlyMemory<byte> json, [NotNullWhen(true)] out JwsHeader? header, [NotNullWhen(false)] out string? problem)
    {
        header = null;
        string? algorithm = null, keyId = null, type = null, jwkSetUrl = null;
        List<string>? critical = null;
        bool? base64 = null;
        var names = new List<string>(6);
        try
        {
            var reader = new Utf8JsonReader(json.Span, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "the protected header is not a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string name = reader.GetString()!;
                if (names.Contains(name))
                {
                    problem = $"the protected header has '{CallerText.Sanitize(name)}' twice";
                    return false;
                }

                if (names.Count == MaxMembers)
                {
                    problem = "the protected header has too many members";
                    return false;
                }

                names.Add(name);
                reader.Read();
                switch (name)
                {
                    case "alg":
                        algorithm = ReadString(ref reader, name, out problem);
                        break;
                    case "kid":
                        keyId = ReadString(ref reader, name, out problem);
                        break;
                    case "typ":
                        type = ReadString(ref reader, name, out problem);
                        break;
                    case "jku":
                        jwkSetUrl = ReadString(ref reader, name, out problem);
                        break;
                    case "crit":
                        critical = ReadCritical(ref reader, out problem);
                        break;
                    case "b64":
                        if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                        {
                            problem = "'b64' must be a boolean";
                            return false;
                        }

                        base64 = reader.GetBoolean();
                        problem = null;
                        break;
                    default:
                        reader.Skip();
                        problem = null;
                        break;
                }

                if (problem is not null)
                {
                    return false;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                problem = "the protected header is not a single JSON object";
                return false;
            }
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            problem = "the protected header is not valid JSON";
            return false;
        }

        if (algorithm is null)
        {
            problem = "the protected header has no 'alg'";
            return false;
        }

        // A string that is not valid Unicode could not be read later (TryGetParameter): refused here.
        if (A2AGen.Protocol.Serialization.JsonTextCheck.FindInvalidUnicode(json.Span, "header") is { } invalid)
        {
            problem = $"{CallerText.Sanitize(invalid)} is not valid Unicode (an unpaired surrogate escape, or bytes that are not UTF-8)";
            return false;
        }

        header = new JwsHeader(json, algorithm, keyId, type, jwkSetUrl, critical, base64);
        problem = null;
        return true;
    }

    private static string? ReadString(ref Utf8JsonReader reader, string name, out string? problem)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            problem = $"'{name}' must be a string";
            return null;
        }

        problem = null;
        return reader.GetString();
    }

    private static List<string>? ReadCritical(ref Utf8JsonReader reader, out string? problem)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            problem = "'crit' must be an array of strings";
            return null;
        }

        var list = new List<string>();
        while (reader.Read() && reader.TokenType == JsonTokenType.String)
        {
            list.Add(reader.GetString()!);
        }

        if (reader.TokenType != JsonTokenType.EndArray || list.Count == 0)
        {
            problem = "'crit' must be a non-empty array of strings";
            return null;
        }

        problem = null;
        return list;
    }
}
