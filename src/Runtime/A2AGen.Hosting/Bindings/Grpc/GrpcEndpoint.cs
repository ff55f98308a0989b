using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace A2AGen.Hosting;

/// <summary>
/// One agent's gRPC endpoint: the Kestrel listener A2AGen opened for it (<see cref="GrpcListeners"/>), which tells the
/// requests that reach it apart from the host's other endpoints, and the interface URL its card lists and request
/// signatures name.
/// </summary>
internal sealed class GrpcEndpoint
{
    private ListenOptions? _listener;
    private string _scheme = "http";
    private LastUrl? _last;

    /// <summary>The configured <see cref="A2AAgentOptions.GrpcPublicUrl"/>, else null.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Whether A2AGen listens for this agent (an endpoint of its own).</summary>
    public bool HasListener => Volatile.Read(ref _listener) is not null;

    /// <summary>Records the listener (before Kestrel binds it; its port is read once bound).</summary>
    public void Listen(ListenOptions listener, bool https)
    {
        _scheme = https ? "https" : "http";
        Volatile.Write(ref _listener, listener);
    }

    /// <summary>The port the listener is bound to, once Kestrel has bound it.</summary>
    public int? BoundPort => Volatile.Read(ref _listener)?.IPEndPoint is { Port: > 0 } endpoint ? endpoint.Port : null;

    /// <summary>Whether the connection of <paramref name="connection"/> came in through this agent's listener.</summary>
    public bool Accepts(ConnectionInfo connection)
    {
        if (Volatile.Read(ref _listener)?.IPEndPoint is not { Port: > 0 } endpoint || endpoint.Port != connection.LocalPort)
        {
            return false;
        }

        var address = endpoint.Address;
        return address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || connection.LocalIpAddress is null
            || address.Equals(connection.LocalIpAddress)
            || (connection.LocalIpAddress.IsIPv4MappedToIPv6 && address.Equals(connection.LocalIpAddress.MapToIPv4()));
    }

    /// <summary>
    /// The gRPC interface URL for a card whose JSON-RPC URL is <paramref name="cardUrl"/>: the configured public URL,
    /// else the listener's scheme, the card's host and the bound port; null when the agent has no gRPC endpoint yet.
    /// </summary>
    public string? Url(string cardUrl)
    {
        if (PublicUrl is { } configured)
        {
            return configured;
        }

        if (Volatile.Read(ref _last) is { } last && ReferenceEquals(last.Card, cardUrl))
        {
            return last.Url; // a fixed card URL: the same string on every call
        }

        if (BoundPort is not { } port || !Uri.TryCreate(cardUrl, UriKind.Absolute, out var card))
        {
            return null;
        }

        var url = string.Concat(_scheme, "://", card.HostNameType == UriHostNameType.Dns ? card.IdnHost : card.Host, ":", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Volatile.Write(ref _last, new LastUrl(cardUrl, url));
        return url;
    }

    private sealed record LastUrl(string Card, string Url);
}
