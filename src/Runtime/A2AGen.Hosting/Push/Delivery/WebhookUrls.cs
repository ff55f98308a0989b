using System.Net;

namespace A2AGen.Hosting.Push;

/// <summary>
/// The check of a webhook URL when a push-notification configuration is created: an absolute <c>https</c> URL (or
/// <c>http</c> when <see cref="A2APushOptions.AllowHttp"/>), without user information or fragment, whose host is not,
/// and does not resolve to, an address the <see cref="WebhookAddressPolicy"/> refuses. It gives the caller a clear
/// reason early; the guard that counts is the one at connection time (<see cref="WebhookHttpClient"/>), since a
/// name can resolve differently later.
/// </summary>
internal static class WebhookUrls
{
    public const int MaxLength = 2048;

    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Why the URL cannot be a webhook, or null when it can.</summary>
    public static async ValueTask<string?> CheckAsync(string url, A2APushOptions options, WebhookAddressPolicy policy, CancellationToken cancellationToken)
    {
        if (CheckForm(url, options) is { } problem)
        {
            return problem;
        }

        var uri = new Uri(url);
        var host = uri.IdnHost;
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return policy.Refusal(literal) is { } kind ? $"its host is {kind}; webhooks must be reachable at a public address." : null;
        }

        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            var loopback = policy.Refusal(IPAddress.Loopback);
            return loopback is null ? null : "its host names the local machine (a loopback address); webhooks must be reachable at a public address.";
        }

        IPAddress[] addresses;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ResolveTimeout);
            addresses = await Dns.GetHostAddressesAsync(host, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Net.Sockets.SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Not resolvable now (it may be later): the connection-time check decides then.
            return null;
        }

        foreach (var address in addresses)
        {
            if (policy.Refusal(address) is { } kind)
            {
                return $"its host resolves to {kind}; webhooks must be reachable at a public address.";
            }
        }

        return null;
    }

    /// <summary>The checks that need no name resolution.</summary>
    public static string? CheckForm(string url, A2APushOptions options)
    {
        if (string.IsNullOrEmpty(url))
        {
            return "is required.";
        }

        if (url.Length > MaxLength)
        {
            return $"is longer than {MaxLength} characters.";
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return "is not an absolute URL.";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && options.AllowHttp))
        {
            return uri.Scheme == Uri.UriSchemeHttp
                ? "must be an https URL (this host does not call http webhooks)."
                : "must be an https URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "must not carry user information; put credentials in authentication.";
        }

        if (!string.IsNullOrEmpty(uri.Fragment))
        {
            return "must not have a fragment.";
        }

        return null;
    }
}
