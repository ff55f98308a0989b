using A2AGen.Hosting;
using A2AGen.Security;
using Microsoft.Extensions.Logging;

namespace TravelDesk.AgentHosting;

/// <summary>How <see cref="AgentServer.Build{TAgent}"/> sets up an agent's web host.</summary>
public sealed record AgentServerOptions
{
    /// <summary>Where the agent listens when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says (always 127.0.0.1).</summary>
    public required string DefaultUrl { get; init; }

    /// <summary>The host environment; null reads <c>DOTNET_ENVIRONMENT</c> / <c>ASPNETCORE_ENVIRONMENT</c> (Production when unset).</summary>
    public string? EnvironmentName { get; init; }

    /// <summary>The agent's own settings (its JSON types, for example).</summary>
    public Action<A2AAgentOptions>? ConfigureAgent { get; init; }

    /// <summary>Where the host finds keys; null keeps the defaults of docs/hosting.md (<c>./a2a-keys</c>, <c>A2AGEN_*</c>).</summary>
    public Action<A2AKeyOptions>? ConfigureKeys { get; init; }

    /// <summary>Callers trusted in code, in addition to the trust folder: agent id → public key (the orchestrator's key for one run).</summary>
    public IReadOnlyDictionary<string, VerificationKey>? TrustedCallers { get; init; }

    /// <summary>The published encryption keys of <see cref="TrustedCallers"/>: answers to their encrypted messages are encrypted to these.</summary>
    public IReadOnlyDictionary<string, JweEncryptionKey>? TrustedCallerEncryptionKeys { get; init; }

    /// <summary>More services of the agent's host (the finance agent's Biscuit trust, for example).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Receives the host's log (warnings and up) instead of the console.</summary>
    public ILoggerProvider? LogProvider { get; init; }
}
