namespace A2AGen.Protocol;

/// <summary>The OAuth 2.0 flow of a scheme (§4.5.7). A oneof: exactly one member is set.</summary>
public sealed record OAuthFlows
{
    /// <summary>Authorization code flow.</summary>
    public AuthorizationCodeOAuthFlow? AuthorizationCode { get; init; }

    /// <summary>Client credentials flow.</summary>
    public ClientCredentialsOAuthFlow? ClientCredentials { get; init; }

    /// <summary>Implicit flow (deprecated by the spec; read, never generated).</summary>
    public ImplicitOAuthFlow? Implicit { get; init; }

    /// <summary>Password flow (deprecated by the spec; read, never generated).</summary>
    public PasswordOAuthFlow? Password { get; init; }

    /// <summary>Device code flow (RFC 8628).</summary>
    public DeviceCodeOAuthFlow? DeviceCode { get; init; }
}

/// <summary>Authorization code flow (§4.5.8).</summary>
public sealed record AuthorizationCodeOAuthFlow
{
    /// <summary>Authorization endpoint. Required.</summary>
    public string AuthorizationUrl { get; init => field = value ?? ""; } = "";

    /// <summary>Token endpoint. Required.</summary>
    public string TokenUrl { get; init => field = value ?? ""; } = "";

    /// <summary>Refresh endpoint.</summary>
    public string? RefreshUrl { get; init; }

    /// <summary>Scope → description. Required.</summary>
    public IReadOnlyDictionary<string, string> Scopes { get; init => field = value ?? new Dictionary<string, string>(); } = new Dictionary<string, string>();

    /// <summary>Whether PKCE is required.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault)]
    public bool PkceRequired { get; init; }
}

/// <summary>Client credentials flow (§4.5.9).</summary>
public sealed record ClientCredentialsOAuthFlow
{
    /// <summary>Token endpoint. Required.</summary>
    public string TokenUrl { get; init => field = value ?? ""; } = "";

    /// <summary>Refresh endpoint.</summary>
    public string? RefreshUrl { get; init; }

    /// <summary>Scope → description. Required.</summary>
    public IReadOnlyDictionary<string, string> Scopes { get; init => field = value ?? new Dictionary<string, string>(); } = new Dictionary<string, string>();
}

/// <summary>Device code flow (§4.5.10).</summary>
public sealed record DeviceCodeOAuthFlow
{
    /// <summary>Device authorization endpoint. Required.</summary>
    public string DeviceAuthorizationUrl { get; init => field = value ?? ""; } = "";

    /// <summary>Token endpoint. Required.</summary>
    public string TokenUrl { get; init => field = value ?? ""; } = "";

    /// <summary>Refresh endpoint.</summary>
    public string? RefreshUrl { get; init; }

    /// <summary>Scope → description. Required.</summary>
    public IReadOnlyDictionary<string, string> Scopes { get; init => field = value ?? new Dictionary<string, string>(); } = new Dictionary<string, string>();
}

/// <summary>Implicit flow (deprecated).</summary>
public sealed record ImplicitOAuthFlow
{
    /// <summary>Authorization endpoint.</summary>
    public string? AuthorizationUrl { get; init; }

    /// <summary>Refresh endpoint.</summary>
    public string? RefreshUrl { get; init; }

    /// <summary>Scope → description.</summary>
    public IReadOnlyDictionary<string, string>? Scopes { get; init; }
}

/// <summary>Password flow (deprecated).</summary>
public sealed record PasswordOAuthFlow
{
    /// <summary>Token endpoint.</summary>
    public string? TokenUrl { get; init; }

    /// <summary>Refresh endpoint.</summary>
    public string? RefreshUrl { get; init; }

    /// <summary>Scope → description.</summary>
    public IReadOnlyDictionary<string, string>? Scopes { get; init; }
}
