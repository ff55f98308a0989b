using System.Text;
using A2AGen.Security;

namespace A2AGen.Protocol.Serialization;

/// <summary>
/// How A2AGen names a place in a JSON request when it answers: <c>params.message.parts[0].data.amount</c>; member
/// names that are not identifiers are written <c>["urn:a2agen:skill"]</c>, through the one sanitizer, since they are
/// the caller's text.
/// </summary>
// Public for A2AGen.Hosting (no InternalsVisibleTo between the packages); not meant for user code.
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public static class JsonPaths
{
    private const int MaxQuotedName = 96;

    /// <summary>Appends a member: <c>.name</c>, or <c>["name"]</c> when the name is not an identifier (or at the start, <c>name</c>).</summary>
    public static void AppendMember(StringBuilder path, string name)
    {
        if (IsIdentifier(name))
        {
            if (path.Length > 0)
            {
                path.Append('.');
            }

            path.Append(name);
            return;
        }

        path.Append("[\"").Append(CallerText.Sanitize(name, MaxQuotedName)).Append("\"]");
    }

    /// <summary>Appends an array index: <c>[3]</c>.</summary>
    public static void AppendIndex(StringBuilder path, int index) =>
        path.Append('[').Append(index.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(']');

    /// <summary>
    /// Reads a System.Text.Json path (<c>$.message.parts[0]</c>, <c>$['odd.name']</c>) into its members (strings) and
    /// indexes (ints); false when it is not one.
    /// </summary>
    public static bool TryParseSystemTextJsonPath(string? path, out List<object> segments)
    {
        segments = [];
        if (string.IsNullOrEmpty(path) || path[0] != '$')
        {
            return path is null || path.Length == 0;
        }

        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] is not ('.' or '['))
                {
                    end++;
                }

                segments.Add(path[(i + 1)..end]);
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['", StringComparison.Ordinal))
            {
                var close = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    return false;
                }

                segments.Add(path[(i + 2)..close]);
                i = close + 2;
            }
            else if (path[i] == '[')
            {
                var close = path.IndexOf(']', i + 1);
                if (close < 0 || !int.TryParse(path.AsSpan(i + 1, close - i - 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
                {
                    return false;
                }

                segments.Add(index);
                i = close + 1;
            }
            else
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes <paramref name="segments"/> after <paramref name="prefix"/> in A2AGen's form.</summary>
    public static string Format(string prefix, IEnumerable<object> segments)
    {
        var path = new StringBuilder(prefix);
        foreach (var segment in segments)
        {
            if (segment is int index)
            {
                AppendIndex(path, index);
            }
            else
            {
                AppendMember(path, (string)segment);
            }
        }

        return path.ToString();
    }

    private static bool IsIdentifier(string name)
    {
        if (name.Length == 0 || name.Length > MaxQuotedName || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }
}
