namespace A2AGen.Declarations.Model;

/// <summary>The kind of a declared security scheme (the member of the card's <c>SecurityScheme</c> oneof).</summary>
internal enum SecuritySchemeKind
{
    ApiKey,
    HttpAuth,
    OAuth2,
    OpenIdConnect,
    MutualTls,
}

/// <summary>The OAuth 2.0 flow of an <see cref="SecuritySchemeKind.OAuth2"/> scheme.</summary>
internal enum OAuthFlowKind
{
    None,
    AuthorizationCode,
    ClientCredentials,
    DeviceCode,
}

/// <summary>One declared security scheme with its final card values.</summary>
/// <param name="Name">The key in <c>securitySchemes</c>.</param>
/// <param name="Kind">The scheme kind.</param>
/// <param name="Description">The description (mutual TLS gets a default so the scheme is never an empty object).</param>
/// <param name="ApiKeyName">API key: the header, query or cookie name.</param>
/// <param name="ApiKeyLocation">API key: <c>header</c>, <c>query</c> or <c>cookie</c>.</param>
/// <param name="HttpScheme">HTTP auth: the RFC 7235 scheme.</param>
/// <param name="BearerFormat">HTTP auth: the bearer format hint.</param>
/// <param name="Flow">OAuth2: the flow.</param>
/// <param name="AuthorizationUrl">OAuth2 authorization code: the authorization endpoint.</param>
/// <param name="DeviceAuthorizationUrl">OAuth2 device code: the device authorization endpoint.</param>
/// <param name="TokenUrl">OAuth2: the token endpoint.</param>
/// <param name="RefreshUrl">OAuth2: the refresh endpoint.</param>
/// <param name="Scopes">OAuth2: the available scopes.</param>
/// <param name="PkceRequired">OAuth2 authorization code: PKCE required.</param>
/// <param name="MetadataUrl">OAuth2: RFC 8414 metadata URL.</param>
/// <param name="OpenIdConnectUrl">OpenID Connect: the discovery URL.</param>
internal sealed record SecuritySchemeSpec(
    string Name,
    SecuritySchemeKind Kind,
    string? Description,
    string? ApiKeyName,
    string? ApiKeyLocation,
    string? HttpScheme,
    string? BearerFormat,
    OAuthFlowKind Flow,
    string? AuthorizationUrl,
    string? DeviceAuthorizationUrl,
    string? TokenUrl,
    string? RefreshUrl,
    EquatableArray<OAuthScopeSpec> Scopes,
    bool PkceRequired,
    string? MetadataUrl,
    string? OpenIdConnectUrl)
{
    /// <summary>Whether scopes can be attached to this scheme in a requirement.</summary>
    public bool TakesScopes => Kind is SecuritySchemeKind.OAuth2 or SecuritySchemeKind.OpenIdConnect;
}

/// <summary>An OAuth2 scope and its description (the scope itself when none is given: the card has no empty values).</summary>
internal sealed record OAuthScopeSpec(string Name, string Description);

/// <summary>One alternative of a security requirement, as written to the card (entries sorted by scheme name).</summary>
internal sealed record SecurityRequirementSpec(EquatableArray<SecurityRequirementEntrySpec> Entries);

/// <summary>A scheme of a requirement and the scopes required on it (never empty: see docs/architecture.md).</summary>
internal sealed record SecurityRequirementEntrySpec(string Scheme, EquatableArray<string> Scopes);
