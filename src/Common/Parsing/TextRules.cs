using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace A2AGen.Declarations.Parsing;

/// <summary>The textual rules of declarations: ids, keys, versions, URLs, names and Unicode validity.</summary>
internal static class TextRules
{
    // SemVer 2.0.0 (https://semver.org, "Is there a suggested regular expression"), anchored, ASCII digits only.
    private static readonly Regex SemanticVersion = new(
        @"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)" +
        @"(?:-((?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9][0-9]*|[0-9]*[a-zA-Z-][0-9a-zA-Z-]*))*))?" +
        @"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$",
        RegexOptions.CultureInvariant);

    // Words whose presence in a skill id or name suggests an action a forged call must not trigger (A2AG0011).
    private static readonly string[] PrivilegedWords =
    [
        "admin", "approve", "charge", "credential", "credentials", "delete", "destroy", "drop", "erase", "exec",
        "execute", "grant", "pay", "payment", "payout", "permission", "privilege", "purge", "refund", "remove",
        "reset", "revoke", "root", "secret", "shutdown", "sudo", "transfer", "update", "wipe", "withdraw", "write",
    ];

    private static readonly string[] WordSuffixes = ["", "s", "es", "d", "ed", "r", "rs", "er", "ers", "ing", "ment", "ments"];

    /// <summary>Agent and skill ids: <c>[a-z0-9][a-z0-9._-]{0,63}</c> (safe in URLs and as file names).</summary>
    public static bool IsValidId(string? id)
    {
        if (id is null || id.Length is 0 or > 64 || !IsLowerAlphanumeric(id[0]))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!IsLowerAlphanumeric(c) && c is not ('.' or '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>String passport keys: snake_case <c>[a-z][a-z0-9_]{0,63}</c>.</summary>
    public static bool IsValidSnakeKey(string? key)
    {
        if (key is null || key.Length is 0 or > 64 || key[0] is < 'a' or > 'z')
        {
            return false;
        }

        foreach (var c in key)
        {
            if (!IsLowerAlphanumeric(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>user_preferred_currency</c> → <c>UserPreferredCurrency</c> (for keys that passed <see cref="IsValidSnakeKey"/>).</summary>
    public static string SnakeToPascal(string key)
    {
        var builder = new StringBuilder(key.Length);
        var upper = true;
        foreach (var c in key)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return builder.ToString();
    }

    /// <summary>
    /// A C# property name in snake_case with the rules of <c>System.Text.Json.JsonNamingPolicy.SnakeCaseLower</c>
    /// (.NET 8 and later), so a state object serialized with that policy has exactly these keys: an upper-case letter
    /// after a lower-case letter or digit starts a word, a run of capitals stays one word except for its last letter
    /// when a lower-case letter follows (<c>XMLReader</c> → <c>xml_reader</c>), spaces between words become one
    /// separator, and other characters are copied and start afresh (<c>_id</c> stays <c>_id</c>).
    /// </summary>
    public static string ToSnakeCase(string name)
    {
        var result = new StringBuilder(name.Length + 8);
        var state = SnakeState.NotStarted;
        for (var i = 0; i < name.Length; i++)
        {
            var current = name[i];
            switch (char.GetUnicodeCategory(current))
            {
                case UnicodeCategory.UppercaseLetter:
                    var separate = state is SnakeState.LowerOrDigit or SnakeState.Space ||
                        (state == SnakeState.Upper && i + 1 < name.Length && char.IsLower(name[i + 1]));
                    if (separate)
                    {
                        result.Append('_');
                    }

                    result.Append(char.ToLowerInvariant(current));
                    state = SnakeState.Upper;
                    break;
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.DecimalDigitNumber:
                    if (state == SnakeState.Space)
                    {
                        result.Append('_');
                    }

                    result.Append(current);
                    state = SnakeState.LowerOrDigit;
                    break;
                case UnicodeCategory.SpaceSeparator:
                    if (state != SnakeState.NotStarted)
                    {
                        state = SnakeState.Space;
                    }

                    break;
                default:
                    result.Append(current);
                    state = SnakeState.NotStarted;
                    break;
            }
        }

        return result.ToString();
    }

    /// <summary>A semantic version <c>x.y.z</c> with optional pre-release and build parts (SemVer 2.0.0).</summary>
    public static bool IsSemanticVersion(string version) => SemanticVersion.IsMatch(version);

    /// <summary>An absolute <c>http</c> or <c>https</c> URL.</summary>
    public static bool IsHttpUrl(string value, out bool isHttps, out bool isLoopbackHost)
    {
        isHttps = false;
        isLoopbackHost = false;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            isHttps = true;
        }
        else if (uri.Scheme != Uri.UriSchemeHttp)
        {
            return false;
        }

        var host = uri.Host;
        isLoopbackHost = string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ||
            host == "127.0.0.1" || host == "[::1]" || host == "::1";
        return true;
    }

    /// <summary>Whether <paramref name="text"/> holds a UTF-16 surrogate without its pair (not encodable as UTF-8).</summary>
    public static bool HasUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return true;
            }

            if (char.IsLowSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether a string is missing for the card: null, empty or white space only.</summary>
    public static bool IsBlank(string? value) => value is null || value.Trim().Length == 0;

    /// <summary>
    /// The first word of <paramref name="text"/> (split at non-letters and camel-case humps) that suggests a
    /// privileged action, e.g. <c>refund</c> in <c>refund-order</c> or <c>Pay</c> in <c>PayInvoice</c>; null if none.
    /// A word matches a privileged stem followed by a common suffix (<c>payments</c>, <c>deleting</c>, <c>writer</c>).
    /// Allocation-free unless a word is found: it runs for every skill on every compilation change.
    /// </summary>
    public static string? FindPrivilegedWord(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            var isLetter = char.IsLetter(c);
            var hump = isLetter && start >= 0 && char.IsUpper(c) && char.IsLower(text[i - 1]);
            if (isLetter && !hump)
            {
                if (start < 0)
                {
                    start = i;
                }

                continue;
            }

            if (start >= 0 && IsPrivilegedWord(text, start, i - start))
            {
                return text.Substring(start, i - start);
            }

            start = isLetter ? i : -1;
        }

        return null;
    }

    /// <summary>The method name without an <c>Async</c> suffix (the default skill name).</summary>
    public static string DefaultSkillName(string methodName) =>
        methodName.Length > 5 && methodName.EndsWith("Async", StringComparison.Ordinal)
            ? methodName.Substring(0, methodName.Length - 5)
            : methodName;

    private static bool IsPrivilegedWord(string text, int start, int length)
    {
        foreach (var stem in PrivilegedWords)
        {
            // The word is the stem (or the stem without its final 'e', as in "deleting") plus a known suffix.
            if (MatchesStem(text, start, length, stem, stem.Length) ||
                (stem[stem.Length - 1] == 'e' && MatchesStem(text, start, length, stem, stem.Length - 1)))
            {
                return true;
            }
        }

        return false;
    }

    private static bool MatchesStem(string text, int start, int length, string stem, int stemLength)
    {
        if (length < stemLength || string.Compare(text, start, stem, 0, stemLength, StringComparison.OrdinalIgnoreCase) != 0)
        {
            return false;
        }

        var restLength = length - stemLength;
        foreach (var suffix in WordSuffixes)
        {
            if (suffix.Length == restLength &&
                (restLength == 0 || string.Compare(text, start + stemLength, suffix, 0, restLength, StringComparison.OrdinalIgnoreCase) == 0) &&
                (stemLength == stem.Length || (restLength > 0 && suffix[0] is 'e' or 'i')))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsLowerAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    private enum SnakeState
    {
        NotStarted,
        Upper,
        LowerOrDigit,
        Space,
    }
}
