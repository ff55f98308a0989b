using A2AGen.Protocol;
using Microsoft.AspNetCore.Http;

namespace A2AGen.Hosting;

/// <summary>
/// The <c>A2A-Version</c> service parameter (spec §3.6): read from the header, else the query string. Absent means
/// 0.3; <c>1.0</c>, <c>1</c> and <c>1.0.x</c> (patch versions do not count) are accepted, and on the JSON-RPC binding
/// 0.3 (or none) when <see cref="A2AAgentOptions.AcceptProtocolV03"/> is on (see <see cref="V03Dialect"/>).
/// </summary>
internal static class ProtocolVersion
{
    public static A2AError? Check(HttpRequest request, bool treatMissingAsCurrent)
    {
        var value = Read(request);
        if (value is null)
        {
            return treatMissingAsCurrent ? null : A2AError.VersionNotSupported(null);
        }

        return IsSupported(value) ? null : A2AError.VersionNotSupported(value);
    }

    /// <summary>The requested version (header, else query), or null when absent or blank.</summary>
    public static string? Read(HttpRequest request)
    {
        string? value = request.Headers[A2AProtocol.VersionHeader];
        if (string.IsNullOrWhiteSpace(value) && request.QueryString.HasValue)
        {
            value = request.Query[A2AProtocol.VersionHeader];
        }

        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>Whether <paramref name="value"/> is 1.0 in <c>Major[.Minor[.Patch]]</c> form.</summary>
    public static bool IsSupported(ReadOnlySpan<char> value) => Is(value, 1, 0);

    /// <summary>Whether <paramref name="value"/> is 0.3 in <c>Major.Minor[.Patch]</c> form (0.3.0 is what 0.3 cards say).</summary>
    public static bool IsV03(ReadOnlySpan<char> value) => value.Contains('.') && Is(value, 0, 3);

    private static bool Is(ReadOnlySpan<char> value, int major, int minor)
    {
        value = value.Trim();
        Span<Range> parts = stackalloc Range[4];
        var count = value.Split(parts, '.');
        if (count is 0 or > 3)
        {
            return false;
        }

        for (var i = 0; i < count; i++)
        {
            var part = value[parts[i]];
            if (part.IsEmpty || part.Length > 9 || !IsDigits(part))
            {
                return false;
            }
        }

        return int.Parse(value[parts[0]]) == major && (count == 1 || int.Parse(value[parts[1]]) == minor);
    }

    private static bool IsDigits(ReadOnlySpan<char> part)
    {
        foreach (var c in part)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
