using System.Text.Json;
using System.Text.Json.Serialization;

namespace A2AGen.Protocol.JsonRpc;

/// <summary><c>google.rpc.ErrorInfo</c>: a machine-readable reason for an error (DESIGN §6.7).</summary>
public sealed record ErrorInfo
{
    /// <summary>The ProtoJSON <c>Any</c> type URL.</summary>
    public const string TypeUrl = "type.googleapis.com/google.rpc.ErrorInfo";

    /// <summary>The A2AGen error domain.</summary>
    public const string A2AGenDomain = "a2agen.dev";

    /// <summary>Always <see cref="TypeUrl"/>.</summary>
    [JsonPropertyName("@type")]
    public string Type { get; init => field = value ?? ""; } = TypeUrl;

    /// <summary>UPPER_SNAKE_CASE reason, e.g. <c>REQUEST_SIGNATURE_EXPIRED</c>.</summary>
    public string Reason { get; init => field = value ?? ""; } = "";

    /// <summary>The error domain.</summary>
    public string Domain { get; init => field = value ?? ""; } = A2AGenDomain;

    /// <summary>Extra context (never secrets).</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }
}
