using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace A2AGen.Hosting.Tasks;

/// <summary>
/// <c>ListTasks</c> page tokens: an opaque base64url form of the last task's status timestamp and id (a cursor, so
/// pages stay consistent while tasks come and go). Tokens carry no secrets; a forged token only moves the position
/// within the caller's own tasks.
/// </summary>
internal static class PageToken
{
    private const string Prefix = "t1|";

    public static string Encode(TaskListCursor cursor) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Prefix}{cursor.StatusTimestamp.UtcTicks}|{cursor.TaskId}")));

    public static bool TryDecode(string token, out TaskListCursor cursor)
    {
        cursor = default;
        if (token.Length > 512)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            return false;
        }

        var text = Encoding.UTF8.GetString(bytes);
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text.AsSpan(Prefix.Length);
        var bar = rest.IndexOf('|');
        if (bar <= 0 || !long.TryParse(rest[..bar], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        var id = rest[(bar + 1)..].ToString();
        if (!TaskIds.IsValid(id))
        {
            return false;
        }

        cursor = new TaskListCursor(new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}
