using System.Globalization;

namespace A2AGen.Cli.Output;

/// <summary>How the tool writes a moment: UTC, to the second, ISO 8601 (<c>2026-11-21T08:42:49Z</c>), in text and JSON alike.</summary>
internal static class Times
{
    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string? Format(DateTimeOffset? time) => time is { } value ? Format(value) : null;
}
