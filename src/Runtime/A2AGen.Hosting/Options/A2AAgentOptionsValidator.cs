using Microsoft.Extensions.Options;

namespace A2AGen.Hosting;

/// <summary>Checks each agent's <see cref="A2AAgentOptions"/> at startup; every failure says what to change.</summary>
internal sealed class A2AAgentOptionsValidator : IValidateOptions<A2AAgentOptions>
{
    private static readonly TimeSpan MaxTaskTimeToLive = TimeSpan.FromDays(30);
    private readonly Dictionary<string, A2AAgentRegistration> _agents;

    public A2AAgentOptionsValidator(IEnumerable<A2AAgentRegistration> agents)
    {
        _agents = new Dictionary<string, A2AAgentRegistration>(StringComparer.Ordinal);
        foreach (var agent in agents)
        {
            _agents[agent.AgentId] = agent;
        }
    }

    public ValidateOptionsResult Validate(string? name, A2AAgentOptions options)
    {
        if (name is null || !_agents.TryGetValue(name, out var agent))
        {
            return ValidateOptionsResult.Skip;
        }

        var failures = new List<string>();
        var prefix = $"A2A agent '{agent.AgentId}' ({agent.AgentType.Name}): ";

        if (options.PublicUrl is { } publicUrl && !IsEndpointUrl(publicUrl))
        {
            failures.Add(prefix + $"A2AAgentOptions.PublicUrl '{publicUrl}' is not an absolute http or https URL without query or fragment. " +
                "Set it to the JSON-RPC endpoint as callers reach it, e.g. https://agents.example.com/agents/currency.");
        }

        if (!string.IsNullOrEmpty(options.GrpcUrl) && !IsListenUrl(options.GrpcUrl))
        {
            failures.Add(prefix + $"A2AAgentOptions.GrpcUrl '{options.GrpcUrl}' is not an http or https URL with a host and a port and no path. " +
                "Set it to the address the gRPC endpoint listens on, e.g. http://127.0.0.1:5101 (port 0 picks a free one), or leave it unset.");
        }

        if (options.GrpcPublicUrl is { } grpcPublicUrl && !IsEndpointUrl(grpcPublicUrl))
        {
            failures.Add(prefix + $"A2AAgentOptions.GrpcPublicUrl '{grpcPublicUrl}' is not an absolute http or https URL without query or fragment. " +
                "Set it to the gRPC endpoint as callers reach it, e.g. https://agents.example.com:8443.");
        }

        if (options.MaxRequestBodySize is < 1024 or > 256L * 1024 * 1024)
        {
            failures.Add(prefix + $"A2AAgentOptions.MaxRequestBodySize is {options.MaxRequestBodySize} bytes; use 1 KiB to 256 MiB (default 1 MiB).");
        }

        if (options.MaxJsonDepth is < 1 or > A2AAgentOptions.ProtocolMaxJsonDepth)
        {
            failures.Add(prefix + $"A2AAgentOptions.MaxJsonDepth is {options.MaxJsonDepth}; use 1 to {A2AAgentOptions.ProtocolMaxJsonDepth} (the protocol reader stops at {A2AAgentOptions.ProtocolMaxJsonDepth}).");
        }

        if (options.IdempotencyWindow < TimeSpan.Zero || options.IdempotencyWindow > TimeSpan.FromDays(7))
        {
            failures.Add(prefix + $"A2AAgentOptions.IdempotencyWindow is {options.IdempotencyWindow}; use a duration of at most 7 days, or zero to turn idempotency off (default 10 minutes).");
        }

        if (options.TaskTimeToLive <= TimeSpan.Zero || options.TaskTimeToLive > MaxTaskTimeToLive)
        {
            failures.Add(prefix + $"A2AAgentOptions.TaskTimeToLive is {options.TaskTimeToLive}; use a positive duration of at most 30 days (default 1 hour).");
        }

        if (options.CardCacheDuration < TimeSpan.Zero || options.CardCacheDuration > TimeSpan.FromDays(7))
        {
            failures.Add(prefix + $"A2AAgentOptions.CardCacheDuration is {options.CardCacheDuration}; use zero (no caching) to 7 days (default 5 minutes).");
        }

        if (options.SharedStorePollInterval < TimeSpan.FromMilliseconds(50) || options.SharedStorePollInterval > TimeSpan.FromMinutes(5))
        {
            failures.Add(prefix + $"A2AAgentOptions.SharedStorePollInterval is {options.SharedStorePollInterval}; use 50 ms to 5 minutes (default 1 second).");
        }

        if (options.StreamKeepAliveInterval < TimeSpan.Zero || options.StreamKeepAliveInterval > TimeSpan.FromMinutes(10))
        {
            failures.Add(prefix + $"A2AAgentOptions.StreamKeepAliveInterval is {options.StreamKeepAliveInterval}; use zero (off) to 10 minutes (default 15 seconds).");
        }

        if (options.Json is null)
        {
            failures.Add(prefix + "A2AAgentOptions.Json is null; keep the default or assign serializer options for the skills' types.");
        }

        foreach (var url in options.AcceptedRequestUrls ?? [])
        {
            if (!IsEndpointUrl(url))
            {
                failures.Add(prefix + $"A2AAgentOptions.AcceptedRequestUrls holds '{url}', which is not an absolute http or https URL without query or fragment.");
            }
        }

        if (options.SignatureClockSkew < TimeSpan.Zero || options.SignatureClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add(prefix + $"A2AAgentOptions.SignatureClockSkew is {options.SignatureClockSkew}; use zero to 5 minutes (default 5 seconds).");
        }

        if (options.MaxSignatureLifetime < TimeSpan.FromSeconds(1) || options.MaxSignatureLifetime > TimeSpan.FromHours(1))
        {
            failures.Add(prefix + $"A2AAgentOptions.MaxSignatureLifetime is {options.MaxSignatureLifetime}; use 1 second to 1 hour (default 5 minutes).");
        }

        if (agent.Card.SupportedInterfaces.Count == 0)
        {
            failures.Add(prefix + "the card has no supportedInterfaces entry; rebuild the agent with the A2AGen generator.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>A listening address: http(s), a host (IP, <c>localhost</c>, <c>*</c> or <c>+</c>), an explicit port, no path.</summary>
    internal static bool IsListenUrl(string value)
    {
        try
        {
            var address = Microsoft.AspNetCore.Http.BindingAddress.Parse(value);
            return address.Scheme is "http" or "https" && !address.IsUnixPipe && address.Host.Length > 0 && address.Port >= 0
                && address.PathBase.Length == 0 && value.Contains("://", StringComparison.Ordinal) && HasExplicitPort(value);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool HasExplicitPort(string value)
    {
        var authority = value[(value.IndexOf("://", StringComparison.Ordinal) + 3)..].TrimEnd('/');
        var colon = authority.LastIndexOf(':');
        return colon > 0 && colon > authority.LastIndexOf(']') && int.TryParse(authority.AsSpan(colon + 1), out var port) && port is >= 0 and <= 65535;
    }

    internal static bool IsEndpointUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
        && !string.IsNullOrEmpty(uri.Host);
}
