namespace A2AGen.Hosting.Tasks;

/// <summary>
/// Task and context ids: generated as GUIDs; ids from clients must be 1–128 characters of a safe alphabet, so a
/// hostile id (path tricks, control characters, megabytes) is refused before it reaches a store key or a log line.
/// </summary>
internal static class TaskIds
{
    public const int MaxLength = 128;

    public const string Rule = "an id is 1 to 128 characters of A-Z, a-z, 0-9, '-', '_', '.', ':' (and not '.' or '..')";

    public static string NewId() => Guid.NewGuid().ToString();

    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength || id is "." or "..")
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                return false;
            }
        }

        return true;
    }
}
