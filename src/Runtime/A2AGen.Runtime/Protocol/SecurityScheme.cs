using System.Text.Json.Serialization;

namespace A2AGen.Protocol;

/// <summary>
/// How callers authenticate (§4.5.1). A oneof: exactly one member is set.
/// </summary>
public sealed record SecurityScheme
{
    /// <summary>API key.</summary>
    public ApiKeySecurityScheme? ApiKeySecurityScheme { get; init; }

    /// <summary>HTTP authentication (Basic, Bearer, …).</summary>
    public HttpAuthSecurityScheme? HttpAuthSecurityScheme { get; init; }

    /// <summary>OAuth 2.0.</summary>
    [JsonPropertyName("oauth2SecurityScheme")]
    public OAuth2SecurityScheme? OAuth2SecurityScheme { get; init; }

    /// <summary>OpenID Connect.</summary>
    public OpenIdConnectSecurityScheme? OpenIdConnectSecurityScheme { get; init; }

    /// <summary>Mutual TLS.</summary>
    public MutualTlsSecurityScheme? MtlsSecurityScheme { get; init; }

    /// <summary>The number of members set; a valid scheme has exactly one.</summary>
    [JsonIgnore]
    public int MemberCount =>
        (ApiKeySecurityScheme is null ? 0 : 1) + (HttpAuthSecurityScheme is null ? 0 : 1) +
        (OAuth2SecurityScheme is null ? 0 : 1) + (OpenIdConnectSecurityScheme is null ? 0 : 1) +
        (MtlsSecurityScheme is null ? 0 : 1);
}

/// <summary>API key authentication (§4.5.2).</summary>
public sealed record ApiKeySecurityScheme
{
    /// <summary>Description.</summary>
    public string? Description { get; init; }

    /// <summary><c>header</c>, <c>query</c> or <c>cookie</c>. Required.</summary>
    public string Location { get; init => field = value ?? ""; } = "";

    /// <summary>The header, query or cookie name. Required.</summary>
    public string Name { get; init => field = value ?? ""; } = "";
}

/// <summary>HTTP authentication (§4.5.3).</summary>
public sealed record HttpAuthSecurityScheme
{
    /// <summary>Description.</summary>
    public string? Description { get; init; }

    /// <summary>The RFC 7235 scheme, e.g. <c>Bearer</c>. Required.</summary>
    public string Scheme { get; init => field = value ?? ""; } = "";

    /// <summary>Bearer token format hint, e.g. <c>JWT</c>.</summary>
    public string? BearerFormat { get; init; }
}

/// <summary>OAuth 2.0 (§4.5.4).</summary>
public sealed record OAuth2SecurityScheme
{
    /// <summary>Description.</summary>
    public string? Description { get; init; }

    /// <summary>The flow. Required.</summary>
    public OAuthFlows Flows { get; init => field = value ?? new(); } = new();

    /// <summary>RFC 8414 metadata URL.</summary>
    [JsonPropertyName("oauth2MetadataUrl")]
    public string? OAuth2MetadataUrl { get; init; }
}

/// <summary>OpenID Connect (§4.5.5).</summary>
public sealed record OpenIdConnectSecurityScheme
{
    /// <summary>Description.</summary>
    public string? Description { get; init; }

    /// <summary>The discovery URL. Required.</summary>
    public string OpenIdConnectUrl { get; init => field = value ?? ""; } = "";
}

/// <summary>Mutual TLS (§4.5.6).</summary>
public sealed record MutualTlsSecurityScheme
{
    /// <summary>Description.</summary>
    public string? Description { get; init; }
}
