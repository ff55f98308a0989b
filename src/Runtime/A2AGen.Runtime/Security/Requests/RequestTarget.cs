namespace A2AGen.Security;

/// <summary>
/// The URLs under which a verifying endpoint is reached, to compare a request signature's <c>aud</c> and <c>htu</c>
/// with. URLs are compared in a normal form: scheme and host lower case, the default port dropped, query and fragment
/// dropped (as RFC 9449 does for <c>htu</c>), dot segments resolved, and the path otherwise exact (case-sensitive, a
/// trailing slash matters). User information in a URL is refused. Immutable and thread-safe.
/// </summary>
public sealed class RequestTarget
{
    private readonly string[] _urls;

    private RequestTarget(string[] urls)
    {
        _urls = urls;
    }

    /// <summary>The accepted URLs in normal form.</summary>
    public IReadOnlyList<string> Urls => _urls;

    /// <summary>Creates a target from one or more absolute http(s) URLs.</summary>
    /// <param name="urls">The endpoint's URLs as callers reach it (the public URL first).</param>
    /// <exception cref="ArgumentException">No URL, or a URL that is not absolute http(s) or carries user information.</exception>
    public static RequestTarget Create(params IEnumerable<string> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var normalized = new List<string>();
        foreach (var url in urls)
        {
            var form = Normalize(url) ?? throw new ArgumentException($"'{url}' is not an absolute http or https URL without user information.", nameof(urls));
            if (!normalized.Contains(form, StringComparer.Ordinal))
            {
                normalized.Add(form);
            }
        }

        if (normalized.Count == 0)
        {
            throw new ArgumentException("A request target needs at least one URL.", nameof(urls));
        }

        return new RequestTarget([.. normalized]);
    }

    /// <summary>Whether <paramref name="url"/> (an <c>aud</c> or <c>htu</c> value) names this endpoint.</summary>
    /// <param name="url">The claimed URL.</param>
    public bool Matches(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return false;
        }

        // Signers that normalize as we do (A2AGen's RequestSigner) match without parsing.
        foreach (var accepted in _urls)
        {
            if (string.Equals(accepted, url, StringComparison.Ordinal))
            {
                return true;
            }
        }

        var form = Normalize(url);
        if (form is null)
        {
            return false;
        }

        foreach (var accepted in _urls)
        {
            if (string.Equals(accepted, form, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The normal form of an absolute http(s) URL (<c>HTTPS://Agents.Example.com:443/a2a?x#y</c> →
    /// <c>https://agents.example.com/a2a</c>), or null when it is not one or carries user information.
    /// </summary>
    /// <param name="url">The URL.</param>
    public static string? Normalize(string? url)
    {
        if (string.IsNullOrEmpty(url) || url.Length > 2048 || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        return Normalize(uri);
    }

    /// <summary>The normal form of <paramref name="uri"/>, or null when it is not absolute http(s) or carries user information.</summary>
    /// <param name="uri">The URL.</param>
    public static string? Normalize(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.UserInfo.Length > 0 || uri.Host.Length == 0)
        {
            return null;
        }

        // Uri lower-cases scheme and host and resolves dot segments; internationalized names compare in their ASCII form.
        var host = uri.HostNameType == UriHostNameType.Dns ? uri.IdnHost : uri.Host;
        return uri.IsDefaultPort
            ? string.Concat(uri.Scheme, "://", host, uri.AbsolutePath)
            : string.Concat(uri.Scheme, "://", host, ":", uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), uri.AbsolutePath);
    }
}
