using A2AGen.Protocol;
using Microsoft.AspNetCore.Http;

namespace A2AGen.Hosting;

/// <summary>
/// The <c>A2A-Version</c> service parameter (spec §3.6): read from the header, else the query string. Absent means
/// 0.3; <c>1.0</c>, <c>1</c> and <c>1.0.x</c> (patch versions do not count) are accepted.
/// </summary>
internal static class ProtocolVersion
{
    public static A2AError? Check(HttpRequest request, bool treatMissingAsCurrent)
    {
        string? value = request.Headers[A2AProtocol.VersionHeader];
        if (string.IsNullOrWhiteSpace(value) && request.QueryString.HasValue)
        {
            value = request.Query[A2AProtocol.VersionHeader];
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return treatMissingAsCurrent ? null : A2AError.VersionNotSupported(null);
        }

        return IsSupported(value) ? null : A2AError.VersionNotSupported(value);
    }

    /// <summary>Whether <paramref name="value"/> is 1.0 in <c>Major[.Minor[.Patch]]</c> form.</summary>
    public static bool IsSupported(ReadOnlySpan<char> value)
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

        return int.Parse(value[parts[0]]) == 1 && (count == 1 || int.Parse(value[parts[1]]) == 0);
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
