using A2AGen.Security;

namespace A2AGen.Hosting.Tests.Hostile;

/// <summary>The one sanitizer for caller text (issue 11 §4): escapes what could forge or hide a log line, caps the length.</summary>
public sealed class CallerTextTests
{
    [Fact]
    public void The_sanitizer_escapes_and_caps()
    {
        var sanitized = CallerText.Sanitize(HostileText.Text, 120);
        HostileText.AssertClean(sanitized, "sanitizer", 120);
        Assert.StartsWith("x\\r\\nwarn: A2AGen.Hosting[1002] forged \\u001b[31mRED", sanitized, StringComparison.Ordinal);
        Assert.EndsWith(CallerText.Ellipsis, sanitized, StringComparison.Ordinal);
        Assert.Equal("a\\udc00b", CallerText.Sanitize("a\udc00b"));
        Assert.Equal("\U0001F600 ok", CallerText.Sanitize("\U0001F600 ok"));
        Assert.Equal("plain", CallerText.Sanitize("plain"));
        // A cut never splits an escape or a surrogate pair.
        Assert.Equal("abcde\\r" + CallerText.Ellipsis, CallerText.Sanitize("abcde\r\nmore", 8));
        Assert.Equal("abcdef" + CallerText.Ellipsis, CallerText.Sanitize("abcdef\U0001F600x", 8));
        Assert.Equal(CallerText.Sanitize(CallerText.Sanitize(HostileText.Text, 500), 500), CallerText.Sanitize(HostileText.Text, 500));
    }
}
