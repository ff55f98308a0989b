using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting;

/// <summary>
/// Opens each gRPC-serving agent's endpoint in Kestrel. gRPC over cleartext needs HTTP/2 with prior knowledge, which
/// Kestrel serves only on an endpoint whose protocol is HTTP/2 alone (an HTTP/1.1-and-2 cleartext endpoint speaks
/// HTTP/1.1), so every agent that serves <see cref="A2ABindings.Grpc"/> gets an endpoint of its own:
/// <see cref="A2AAgentOptions.GrpcUrl"/>, else the configuration key <c>A2A:Grpc:Url</c>, else the host (IP) of the
/// first <c>http://</c> address of the host's <c>urls</c> (<c>--urls</c>, <c>ASPNETCORE_URLS</c>) or <c>http_ports</c>
/// on a free port. An endpoint configured in code makes Kestrel ignore <c>urls</c>, so when it opens one this also
/// listens on those addresses itself, exactly as Kestrel would have; with no such address (the app configures its
/// endpoints in code) and no <c>GrpcUrl</c>, the agent has no gRPC endpoint and its card does not list one.
/// </summary>
/// <remarks>
/// Kestrel reads its options when the application is built, before agents are mapped, but binds its endpoints only when
/// it starts: <see cref="A2AStartup"/> calls <see cref="Open"/> on the options Kestrel holds just before that.
/// </remarks>
internal sealed class GrpcListeners(A2AEndpointRegistry registry, IOptionsMonitor<A2AAgentOptions> agentOptions, IConfiguration configuration, StartFailureReporting reporting)
{
    /// <summary>The configuration key of a gRPC listening URL for every agent without <see cref="A2AAgentOptions.GrpcUrl"/>.</summary>
    public const string UrlKey = "A2A:Grpc:Url";

    /// <summary>Adds the gRPC endpoints (and, when it adds any, the host's configured addresses) to Kestrel's options.</summary>
    public void Open(KestrelServerOptions options)
    {
        var agents = registry.Agents.Where(a => a.Bindings.HasFlag(A2ABindings.Grpc)).ToList();
        if (agents.Count == 0)
        {
            return;
        }

        var hostUrls = HostUrls();
        var plan = new List<(MappedAgent Agent, BindingAddress Address)>();
        foreach (var agent in agents)
        {
            if (agent.Grpc.HasListener)
            {
                continue; // already opened (a host started twice)
            }

            var agentSettings = agentOptions.Get(agent.Registration.AgentId);
            agent.Grpc.PublicUrl = agentSettings.GrpcPublicUrl;
            var url = agentSettings.GrpcUrl ?? configuration[UrlKey];
            if (url is null)
            {
                // Beside the first cleartext address the host listens on, on a free port.
                var first = hostUrls.FirstOrDefault(a => a.Scheme == "http" && !a.IsUnixPipe) ?? hostUrls.FirstOrDefault(a => !a.IsUnixPipe);
                url = first is null ? "" : $"{first.Scheme}://{(first.Host == "localhost" ? "127.0.0.1" : first.Host)}:0";
            }

            if (url.Length == 0 || !A2AAgentOptionsValidator.IsListenUrl(url))
            {
                continue; // none wanted, or a bad GrpcUrl the options validation reports at startup
            }

            plan.Add((agent, BindingAddress.Parse(url)));
        }

        if (plan.Count == 0)
        {
            return;
        }

        // Listening in code makes Kestrel ignore `urls`: listen on them here, first, so they stay the host's first
        // addresses (and leave Kestrel's warning that it ignores them out of the start's log).
        foreach (var address in hostUrls)
        {
            Listen(options, address, null);
        }

        reporting.ListensOnHostUrls = hostUrls.Count > 0;

        foreach (var (agent, address) in plan)
        {
            Listen(options, address, listener =>
            {
                listener.Protocols = address.Scheme == "https" ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http2;
                agent.Grpc.Listen(listener, address.Scheme == "https");
            });
        }
    }

    // The addresses Kestrel would bind from configuration: `urls`, else `http_ports`/`https_ports`; none when the
    // app configures Kestrel endpoints in its configuration (Kestrel:Endpoints), which Kestrel binds as they are.
    private List<BindingAddress> HostUrls()
    {
        var result = new List<BindingAddress>();
        if (configuration.GetSection("Kestrel:Endpoints").GetChildren().Any())
        {
            return result;
        }

        var urls = configuration[WebHostDefaults.ServerUrlsKey];
        if (string.IsNullOrWhiteSpace(urls))
        {
            var ports = new List<string>();
            foreach (var (key, scheme) in new[] { (WebHostDefaults.HttpPortsKey, "http"), (WebHostDefaults.HttpsPortsKey, "https") })
            {
                foreach (var port in (configuration[key] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    ports.Add($"{scheme}://*:{port}");
                }
            }

            urls = string.Join(';', ports);
        }

        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            try
            {
                result.Add(BindingAddress.Parse(url));
            }
            catch (FormatException)
            {
                // Kestrel reports a malformed address itself when it binds.
            }
        }

        return result;
    }

    private static void Listen(KestrelServerOptions options, BindingAddress address, Action<ListenOptions>? configure)
    {
        void Configure(ListenOptions listener)
        {
            configure?.Invoke(listener);
            if (address.Scheme == "https")
            {
                listener.UseHttps();
            }
        }

        if (address.IsUnixPipe)
        {
            options.ListenUnixSocket(address.UnixPipePath, Configure);
        }
        else if (address.Host == "localhost")
        {
            options.ListenLocalhost(address.Port, Configure);
        }
        else if (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip))
        {
            options.Listen(ip, address.Port, Configure);
        }
        else
        {
            // `*`, `+` or a host name: every interface, as Kestrel binds them.
            options.ListenAnyIP(address.Port, Configure);
        }
    }

}
