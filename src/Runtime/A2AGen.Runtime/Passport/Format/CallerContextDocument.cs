using System.Text.Json;
using System.Text.Json.Serialization;

namespace A2AGen.Passport;

/// <summary>
/// The passport as it is on the wire, every member nullable so that "absent" and "wrong" can be told apart and
/// reported by name; <see cref="CallerContextJson"/> turns it into a <see cref="CallerContext"/>.
/// </summary>
internal sealed class CallerContextDocument
{
    [JsonPropertyName("clientId")]
    public string? ClientId { get; set; }

    [JsonPropertyName("sessionId")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? SessionId { get; set; }

    [JsonPropertyName("signature")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Signature { get; set; }

    [JsonPropertyName("state")]
    public Dictionary<string, JsonElement>? State { get; set; }
}

/// <summary>
/// The passport's own source-generated JSON metadata: exact camelCase names, unknown members refused (the published
/// schema says <c>extra='forbid'</c>), duplicate members refused at every depth (a signed object must mean one thing).
/// </summary>
[JsonSourceGenerationOptions(
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    AllowDuplicateProperties = false,
    PropertyNameCaseInsensitive = false,
    ReadCommentHandling = JsonCommentHandling.Disallow,
    AllowTrailingCommas = false,
    NumberHandling = JsonNumberHandling.Strict,
    MaxDepth = 64)]
[JsonSerializable(typeof(CallerContextDocument))]
internal sealed partial class PassportJsonContext : JsonSerializerContext;
