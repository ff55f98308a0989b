using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using A2AGen.Protocol;
using A2AGen.Security;

namespace A2AGen;

/// <summary>
/// What a skill may know about the call it serves: the verified caller, the request-signature claims, the mTLS
/// peer, the task and conversation ids, activated extensions and cancellation. Everything here has been verified
/// by the hosting pipeline before the skill runs; nothing is taken from the caller's word.
/// </summary>
public sealed class SkillContext
{
    /// <summary>The agent serving the call.</summary>
    public required string AgentId { get; init; }

    /// <summary>The skill being invoked.</summary>
    public required string SkillId { get; init; }

    /// <summary>The incoming message.</summary>
    public required Message Message { get; init; }

    /// <summary>
    /// The task's conversation so far, oldest first, ending with <see cref="Message"/>: the caller's messages and each
    /// message the agent sent when it stopped for input (<see cref="SkillResult.InputRequired(string)"/>). A new task's
    /// history is its one message; a follow-up on an interrupted task sees every turn before it.
    /// </summary>
    public IReadOnlyList<Message> History
    {
        get => field ??= [Message];
        init;
    }

    /// <summary>The task this invocation runs as.</summary>
    public required string TaskId { get; init; }

    /// <summary>The conversation the task belongs to.</summary>
    public required string ContextId { get; init; }

    /// <summary>
    /// The verified caller: the request signature's <c>iss</c>, else the mTLS peer identity, else null (anonymous).
    /// </summary>
    public string? CallerId => RequestSignature?.Issuer ?? PeerIdentity;

    /// <summary>The verified request signature's claims, or null when the request was not signed.</summary>
    public VerifiedRequestSignature? RequestSignature { get; init; }

    /// <summary>The client certificate verified during the TLS handshake, or null without mutual TLS.</summary>
    public X509Certificate2? PeerCertificate { get; init; }

    /// <summary>The identity of <see cref="PeerCertificate"/> (subject common name or first SAN), or null.</summary>
    public string? PeerIdentity { get; init; }

    /// <summary>The authenticated user from ASP.NET Core authentication (bearer, OAuth2, …), if any.</summary>
    public ClaimsPrincipal? User { get; init; }

    /// <summary>Extension URIs the client requested and the agent supports.</summary>
    public IReadOnlyList<string> ActivatedExtensions { get; init; } = [];

    /// <summary>Services of the current request scope.</summary>
    public IServiceProvider? Services { get; init; }

    /// <summary>Canceled when the task is canceled (<c>CancelTask</c>) or the client goes away.</summary>
    public CancellationToken CancellationToken { get; init; }
}
