using System.Diagnostics.CodeAnalysis;

namespace A2AGen.Security;

/// <summary>
/// Agent ids as A2AGen uses them for <c>iss</c>, trust-store entries and file names
/// (<c>trusted/&lt;agent-id&gt;.jwks.json</c>): <c>[a-z0-9][a-z0-9._-]{0,63}</c>, no <c>..</c>, no trailing dot, and not
/// a Windows device name. Anything else (separators, NUL, non-ASCII, <c>../x</c>) is refused.
/// </summary>
public static class AgentId
{
    /// <summary>The longest agent id.</summary>
    public const int MaxLength = 64;

    private static readonly HashSet<string> ReservedNames = new(StringComparer.Ordinal)
    {
        "con", "prn", "aux", "nul",
        "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
        "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    };

    /// <summary>Whether <paramref name="agentId"/> is a valid agent id.</summary>
    /// <param name="agentId">The candidate.</param>
    public static bool IsValid([NotNullWhen(true)] string? agentId) => GetProblem(agentId) is null;

    /// <summary>Throws <see cref="ArgumentException"/> (saying what is wrong) unless <paramref name="agentId"/> is valid.</summary>
    /// <param name="agentId">The candidate.</param>
    /// <param name="parameterName">The parameter name for the exception.</param>
    public static string Validate([NotNull] string? agentId, string? parameterName = null)
    {
        string? problem = GetProblem(agentId);
        if (problem is not null || agentId is null)
        {
            throw new ArgumentException(problem ?? "An agent id must not be empty.", parameterName ?? nameof(agentId));
        }

        return agentId;
    }

    /// <summary>What is wrong with <paramref name="agentId"/>, or null when it is valid.</summary>
    /// <param name="agentId">The candidate.</param>
    public static string? GetProblem(string? agentId)
    {
        if (string.IsNullOrEmpty(agentId))
        {
            return "An agent id must not be empty.";
        }

        string shown = Printable(agentId);
        if (agentId.Length > MaxLength)
        {
            return $"The agent id '{shown}' is longer than {MaxLength} characters.";
        }

        if (!IsLowerAlphanumeric(agentId[0]))
        {
            return $"The agent id '{shown}' must start with a lowercase letter or digit (pattern [a-z0-9][a-z0-9._-]{{0,63}}).";
        }

        foreach (char c in agentId)
        {
            if (!IsLowerAlphanumeric(c) && c is not ('.' or '_' or '-'))
            {
                return $"The agent id '{shown}' may contain only a-z, 0-9, '.', '_' and '-' (pattern [a-z0-9][a-z0-9._-]{{0,63}}).";
            }
        }

        if (agentId.Contains("..", StringComparison.Ordinal) || agentId[^1] == '.')
        {
            return $"The agent id '{shown}' must not contain '..' or end with '.'.";
        }

        int dot = agentId.IndexOf('.');
        if (ReservedNames.Contains(dot < 0 ? agentId : agentId[..dot]))
        {
            return $"The agent id '{shown}' is a reserved device name on Windows.";
        }

        return null;
    }

    private static bool IsLowerAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');

    // Error messages end up in logs: show control and non-ASCII characters escaped.
    private static string Printable(string value)
    {
        var text = value.Length > 80 ? value[..80] + "…" : value;
        return string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}"));
    }
}
