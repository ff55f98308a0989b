using A2AGen.Security;

namespace A2AGen.Passport;

/// <summary>
/// What a passport is checked against besides its signature: who is verifying (for <c>aud</c>) and who signed the
/// request it came with. These checks run on every verification, cached or not.
/// </summary>
public sealed record PassportVerificationContext
{
    /// <summary>The verifying agent's id: an <c>aud</c> equal to it matches.</summary>
    public string? AgentId { get; init; }

    /// <summary>The verifying agent's endpoint URLs: an <c>aud</c> naming one of them (in normal form) matches.</summary>
    public RequestTarget? Endpoint { get; init; }

    /// <summary>
    /// The <c>iss</c> of the request's verified signature, when the request was signed: it must be the agent the
    /// passport's <c>clientId</c> names (one caller, one identity).
    /// </summary>
    public string? RequestIssuer { get; init; }
}
