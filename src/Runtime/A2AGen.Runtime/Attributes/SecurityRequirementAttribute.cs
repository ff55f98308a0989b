namespace A2AGen;

/// <summary>
/// One alternative of the card's <c>securityRequirements</c>: the caller must satisfy every named scheme. Several
/// attributes are alternatives (any one suffices). Without this attribute every declared scheme is required.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class SecurityRequirementAttribute : Attribute
{
    /// <summary>Declares a requirement.</summary>
    /// <param name="schemes">Names of declared <see cref="SecuritySchemeAttribute"/>s, all required together.</param>
    public SecurityRequirementAttribute(params string[] schemes) => Schemes = schemes;

    /// <summary>The scheme names required together.</summary>
    public string[] Schemes { get; }

    /// <summary>Scopes required on the OAuth2/OpenID Connect schemes of this requirement.</summary>
    public string[]? Scopes { get; set; }
}
