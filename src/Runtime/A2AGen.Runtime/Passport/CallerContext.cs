using System.Text.Json;

namespace A2AGen.Passport;

/// <summary>
/// The Secure Passport payload as it travels in message metadata under
/// <see cref="Protocol.A2AProtocol.SecurePassportExtensionUri"/>: <c>{clientId, sessionId?, signature?, state}</c>,
/// wire-compatible with the published extension.
/// </summary>
public sealed record CallerContext
{
    /// <summary>The calling agent's id. Required.</summary>
    public string ClientId { get; init => field = value ?? ""; } = "";

    /// <summary>Session or conversation id.</summary>
    public string? SessionId { get; init; }

    /// <summary>Compact JWS with detached payload over the passport without this field (DESIGN §6.5).</summary>
    public string? Signature { get; init; }

    /// <summary>The shared context state. Required (may be an empty object).</summary>
    public IReadOnlyDictionary<string, JsonElement> State { get; init => field = value ?? new Dictionary<string, JsonElement>(); } = new Dictionary<string, JsonElement>();
}
