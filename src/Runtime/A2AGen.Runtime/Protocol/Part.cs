using System.Text.Json;

namespace A2AGen.Protocol;

/// <summary>
/// A piece of content (§4.1.6). A oneof: exactly one of <see cref="Text"/>, <see cref="Raw"/>, <see cref="Url"/>,
/// <see cref="Data"/> is set. JSON: <c>{"text":…}|{"raw":…}|{"url":…}|{"data":…}</c>, no <c>kind</c>.
/// </summary>
public sealed record Part
{
    /// <summary>Text content.</summary>
    public string? Text { get; init; }

    /// <summary>Inline bytes (base64 in JSON).</summary>
    public byte[]? Raw { get; init; }

    /// <summary>A URL pointing at the content.</summary>
    public string? Url { get; init; }

    /// <summary>Structured JSON content.</summary>
    public JsonElement? Data { get; init; }

    /// <summary>Part metadata.</summary>
    public IReadOnlyDictionary<string, JsonElement>? Metadata { get; init; }

    /// <summary>File name, for file content.</summary>
    public string? Filename { get; init; }

    /// <summary>Media type of the content.</summary>
    public string? MediaType { get; init; }

    /// <summary>The number of content members set; a valid part has exactly one.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public int ContentCount =>
        (Text is null ? 0 : 1) + (Raw is null ? 0 : 1) + (Url is null ? 0 : 1) + (Data is null ? 0 : 1);

    /// <summary>A text part.</summary>
    public static Part FromText(string text) => new() { Text = text };

    /// <summary>A data part.</summary>
    public static Part FromData(JsonElement data) => new() { Data = data };
}
