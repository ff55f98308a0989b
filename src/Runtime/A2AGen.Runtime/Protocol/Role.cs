using System.Text.Json.Serialization;

namespace A2AGen.Protocol;

/// <summary>The sender of a message (§4.1.5). JSON: <c>ROLE_USER</c>, <c>ROLE_AGENT</c>.</summary>
[JsonConverter(typeof(Serialization.RoleConverter))]
public enum Role
{
    /// <summary>Unspecified.</summary>
    Unspecified = 0,

    /// <summary>The client.</summary>
    User = 1,

    /// <summary>The agent.</summary>
    Agent = 2,
}
