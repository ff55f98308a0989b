using System.Net;
using System.Net.Sockets;

namespace A2AGen.Hosting.Push;

/// <summary>
/// Which addresses a webhook may be reached at: every public unicast address, and the special ones (loopback, private,
/// link-local, cloud metadata, unspecified, multicast, reserved) only inside <see cref="A2APushOptions.AllowedNetworks"/>.
/// IPv4-mapped and NAT64 IPv6 addresses are judged by the IPv4 address they carry.
/// </summary>
internal sealed class WebhookAddressPolicy
{
    // (network, what it is); checked in order, so the metadata addresses are named before the ranges holding them.
    private static readonly (IPNetwork Network, string Kind)[] Refused =
    [
        (IPNetwork.Parse("169.254.169.254/32"), "a cloud metadata address"),
        (IPNetwork.Parse("fd00:ec2::254/128"), "a cloud metadata address"),
        (IPNetwork.Parse("0.0.0.0/8"), "an unspecified address"),
        (IPNetwork.Parse("::/128"), "an unspecified address"),
        (IPNetwork.Parse("127.0.0.0/8"), "a loopback address"),
        (IPNetwork.Parse("::1/128"), "a loopback address"),
        (IPNetwork.Parse("10.0.0.0/8"), "a private address"),
        (IPNetwork.Parse("172.16.0.0/12"), "a private address"),
        (IPNetwork.Parse("192.168.0.0/16"), "a private address"),
        (IPNetwork.Parse("100.64.0.0/10"), "a private address"),
        (IPNetwork.Parse("fc00::/7"), "a private address"),
        (IPNetwork.Parse("169.254.0.0/16"), "a link-local address"),
        (IPNetwork.Parse("fe80::/10"), "a link-local address"),
        (IPNetwork.Parse("224.0.0.0/4"), "a multicast address"),
        (IPNetwork.Parse("ff00::/8"), "a multicast address"),
        (IPNetwork.Parse("240.0.0.0/4"), "a reserved address"),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");

    private readonly IPNetwork[] _allowed;

    public WebhookAddressPolicy(IEnumerable<string> allowedNetworks)
    {
        _allowed = [.. allowedNetworks.Select(n => IPNetwork.Parse(n))];
    }

    /// <summary>Why <paramref name="address"/> may not be called (<c>"a loopback address"</c>), or null when it may.</summary>
    public string? Refusal(IPAddress address)
    {
        foreach (var network in _allowed)
        {
            if (network.Contains(address))
            {
                return null;
            }
        }

        var judged = Embedded(address);
        if (!ReferenceEquals(judged, address))
        {
            foreach (var network in _allowed)
            {
                if (network.Contains(judged))
                {
                    return null;
                }
            }
        }

        foreach (var (network, kind) in Refused)
        {
            if (network.Contains(judged))
            {
                return kind;
            }
        }

        return judged.AddressFamily == AddressFamily.InterNetwork && judged.Equals(IPAddress.Broadcast) ? "a broadcast address" : null;
    }

    // The IPv4 address an IPv6 address stands for (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::a.b.c.d), else itself.
    private static IPAddress Embedded(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (Nat64.Contains(address))
        {
            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out _);
            return new IPAddress(bytes[12..]);
        }

        return address;
    }
}
