namespace A2AGen;

/// <summary>
/// Base of the attributes that declare how callers authenticate (card <c>securitySchemes</c>). Declaring a scheme
/// also adds it to the card's <c>securityRequirements</c> unless <see cref="SecurityRequirementAttribute"/>s say
/// otherwise (then they alone define the requirements).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public abstract class SecuritySchemeAttribute : Attribute
{
    /// <summary>Declares a named scheme.</summary>
    /// <param name="name">The key of the scheme in <c>securitySchemes</c>, referenced by requirements.</param>
    protected SecuritySchemeAttribute(string name) => Name = name;

    /// <summary>The key of the scheme in <c>securitySchemes</c>.</summary>
    public string Name { get; }

    /// <summary>Optional description shown to callers.</summary>
    public string? Description { get; set; }
}

/// <summary>Where an API key is carried.</summary>
public enum ApiKeyLocation
{
    /// <summary>An HTTP header.</summary>
    Header = 0,

    /// <summary>A query parameter.</summary>
    Query = 1,

    /// <summary>A cookie.</summary>
    Cookie = 2,
}

/// <summary>API key authentication (card <c>apiKeySecurityScheme</c>).</summary>
public sealed class ApiKeyAuthAttribute : SecuritySchemeAttribute
{
    /// <summary>Declares an API key scheme.</summary>
    /// <param name="name">The scheme's key in <c>securitySchemes</c>.</param>
    /// <param name="parameterName">The header, query or cookie name that carries the key (e.g. <c>X-API-Key</c>).</param>
    public ApiKeyAuthAttribute(string name, string parameterName) : base(name) => ParameterName = parameterName;

    /// <summary>The header, query or cookie name that carries the key.</summary>
    public string ParameterName { get; }

    /// <summary>Where the key is carried. Defaults to <see cref="ApiKeyLocation.Header"/>.</summary>
    public ApiKeyLocation Location { get; set; }
}

/// <summary>HTTP authentication with any RFC 7235 scheme (card <c>httpAuthSecurityScheme</c>).</summary>
public sealed class HttpAuthAttribute : SecuritySchemeAttribute
{
    /// <summary>Declares an HTTP authentication scheme.</summary>
    /// <param name="name">The scheme's key in <c>securitySchemes</c>.</param>
    /// <param name="scheme">The HTTP scheme, e.g. <c>Basic</c> or <c>Bearer</c>.</param>
    public HttpAuthAttribute(string name, string scheme) : base(name) => Scheme = scheme;

    /// <summary>The HTTP authentication scheme.</summary>
    public string Scheme { get; }

    /// <summary>A hint for bearer tokens, e.g. <c>JWT</c>.</summary>
    public string? BearerFormat { get; set; }
}

/// <summary>HTTP <c>Bearer</c> authentication (card <c>httpAuthSecurityScheme</c> with scheme <c>Bearer</c>).</summary>
public sealed class BearerAuthAttribute : SecuritySchemeAttribute
{
    /// <summary>Declares a bearer-token scheme.</summary>
    /// <param name="name">The scheme's key in <c>securitySchemes</c>.</param>
    public BearerAuthAttribute(string name) : base(name)
    {
    }

    /// <summary>A hint for the token format, e.g. <c>JWT</c>.</summary>
    public string? BearerFormat { get; set; }
}

/// <summary>HTTP <c>Basic</c> authentication (card <c>httpAuthSecurityScheme</c> with scheme <c>Basic</c>).</summary>
public sealed class BasicAuthAttribute : SecuritySchemeAttribute
{
    /// <summary>Declares a basic-auth scheme.</summary>
    /// <param name="name">The scheme's key in <c>securitySchemes</c>.</param>
    public BasicAuthAttribute(string name) : base(name)
    {
    }
}

/// <summary>
/// OAuth 2.0 client-credentials flow (card <c>oauth2SecurityScheme.flows.clientCredentials</c>).
/// </summary>
public sealed class OAuth2ClientCredentialsAttribute : SecuritySchemeAttribute
{
    /// <summary>Declares an OAuth2 client-credentials scheme.</summary>
    /// <param name="name">The scheme's key in <c>securitySchemes</c>.</param>
    /// <param name="tokenUrl">The token endpoint.</param>
    public OAuth2ClientCredentialsAttribute(string name, string tokenUrl) : base(name) => TokenUrl = tokenUrl;

    /// <summary>The token endpoint.</summary>
    public string TokenUrl { get; }

    /// <summary>The refresh endpoint, if any.</summary>
    public string? RefreshUrl { get; set; }

    /// <summary>Available scopes as <c>"scope"</c> or <c>"scope=description"</c>.</summary>
    public string[]? Scopes { get; set; }

    /// <summary>RFC 8414 authorization-server metadata URL.</summary>
    public string? MetadataUrl { get; set; }
}

/// <summary>
/// OAuth 2.0 authorization-code flow (card <c>oauth2SecurityScheme.flows.authorizationCode</c>).
/// </summary>
public sealed class OAuth2AuthorizationCodeAttribute : SecuritySchemeAttribute
{
    /// <summary>Declares an OAuth2 authorization-code scheme.</summary>
    /// <param name="name">The scheme's key in <c>securitySchemes</c>.</param>
    /// <param name="authorizationUrl">The authorization endpoint.</param>
    /// <param name="tokenUrl">The token endpoint.</param>
    public OAuth2AuthorizationCodeAttribute(string name, string authorizationUrl, string tokenUrl) : base(name)
    {
        AuthorizationUrl = authorizationUrl;
        TokenUrl = tokenUrl;
    }

    /// <summary>The authorization endpoint.</summary>
    public string AuthorizationUrl { get; }

    /// <summary>The token endpoint.</summary>
    public string TokenUrl { get; }

    /// <summary>The refresh endpoint, if any.</summary>
    public string? RefreshUrl { get; set; }

    /// <summary>Available scopes as <c>"scope"</c> or <c>"scope=description"</c>.</summary>
    public string[]? Scopes { get; set; }

    /// <summary>Whether PKCE (RFC 7636) is required.</summary>
    public bool PkceRequired { get; set; }

    /// <summary>RFC 8414 authorization-server metadata URL.</summary>
    public string? MetadataUrl { get; set; }
}

/// <summary>
/// OAuth 2.0 device-authorization flow, RFC 8628 (card <c>oauth2SecurityScheme.flows.deviceCode</c>).
/// </summary>
public sealed class OAuth2DeviceCodeAttribute : SecuritySchemeAttribute
{
    /// <summary>Declares an OAuth2 device-code scheme.</summary>
    /// <param name="name">The scheme's key in <c>securitySchemes</c>.</param>
    /// <param name="deviceAuthorizationUrl">The device authorization endpoint.</param>
    /// <param name="tokenUrl">The token endpoint.</param>
    public OAuth2DeviceCodeAttribute(string name, string deviceAuthorizationUrl, string tokenUrl) : base(name)
    {
        DeviceAuthorizationUrl = deviceAuthorizationUrl;
        TokenUrl = tokenUrl;
    }

    /// <summary>The device authorization endpoint.</summary>
    public string DeviceAuthorizationUrl { get; }

    /// <summary>The token endpoint.</summary>
    public string TokenUrl { get; }

    /// <summary>The refresh endpoint, if any.</summary>
    public string? RefreshUrl { get; set; }

    /// <summary>Available scopes as <c>"scope"</c> or <c>"scope=description"</c>.</summary>
    public string[]? Scopes { get; set; }

    /// <summary>RFC 8414 authorization-server metadata URL.</summary>
    public string? MetadataUrl { get; set; }
}

/// <summary>OpenID Connect (card <c>openIdConnectSecurityScheme</c>).</summary>
public sealed class OpenIdConnectAuthAttribute : SecuritySchemeAttribute
{
    /// <summary>Declares an OpenID Connect scheme.</summary>
    /// <param name="name">The scheme's key in <c>securitySchemes</c>.</param>
    /// <param name="openIdConnectUrl">The OpenID Connect discovery URL.</param>
    public OpenIdConnectAuthAttribute(string name, string openIdConnectUrl) : base(name) => OpenIdConnectUrl = openIdConnectUrl;

    /// <summary>The OpenID Connect discovery URL.</summary>
    public string OpenIdConnectUrl { get; }
}

/// <summary>Mutual TLS: callers present a client certificate (card <c>mtlsSecurityScheme</c>).</summary>
public sealed class MutualTlsAuthAttribute : SecuritySchemeAttribute
{
    /// <summary>Declares a mutual-TLS scheme.</summary>
    /// <param name="name">The scheme's key in <c>securitySchemes</c>.</param>
    public MutualTlsAuthAttribute(string name) : base(name)
    {
    }
}
