using A2AGen.Security;
using A2AGen.Protocol;

namespace A2AGen.Hosting;

/// <summary>
/// Content-type checks (spec §3.1.1, -32005): each part's media type must be one the skill accepts, and when the
/// client lists <c>acceptedOutputModes</c>, one of them must be a type the skill produces. Wildcards (<c>*/*</c>,
/// <c>text/*</c>) match on either side; parameters such as <c>charset</c> are ignored.
/// </summary>
internal static class MediaTypes
{
    public static A2AError? CheckInput(A2ARequest request, Message message, SkillDescriptor skill, IReadOnlyList<string> inputModes)
    {
        if (inputModes.Count == 0)
        {
            return null;
        }

        for (var i = 0; i < message.Parts.Count; i++)
        {
            var part = message.Parts[i];
            var type = part.MediaType ?? (part.Text is not null ? "text/plain" : part.Data is not null ? "application/json" : null);
            if (type is not null && !inputModes.Any(mode => Match(type, mode)))
            {
                return A2AError.ContentTypeNotSupported(request.Field($"message.parts[{i}]"),
                    $"Skill '{skill.Id}' accepts {string.Join(", ", inputModes)}; part {i} is {CallerText.Sanitize(type, 100)}.");
            }
        }

        return null;
    }

    public static A2AError? CheckOutput(A2ARequest request, IReadOnlyList<string>? accepted, SkillDescriptor skill, IReadOnlyList<string> outputModes)
    {
        if (accepted is not { Count: > 0 } || outputModes.Count == 0)
        {
            return null;
        }

        foreach (var mode in outputModes)
        {
            if (accepted.Any(a => Match(mode, a)))
            {
                return null;
            }
        }

        return A2AError.ContentTypeNotSupported(request.Field("configuration.acceptedOutputModes"),
            $"Skill '{skill.Id}' produces {string.Join(", ", outputModes)}, none of which the client accepts.");
    }

    public static bool Match(string left, string right)
    {
        Split(left, out var leftType, out var leftSub);
        Split(right, out var rightType, out var rightSub);
        return Same(leftType, rightType) && Same(leftSub, rightSub);
    }

    private static bool Same(ReadOnlySpan<char> a, ReadOnlySpan<char> b) =>
        a is "*" || b is "*" || a.Equals(b, StringComparison.OrdinalIgnoreCase);

    private static void Split(string value, out ReadOnlySpan<char> type, out ReadOnlySpan<char> subtype)
    {
        var span = value.AsSpan();
        var semicolon = span.IndexOf(';');
        if (semicolon >= 0)
        {
            span = span[..semicolon];
        }

        span = span.Trim();
        var slash = span.IndexOf('/');
        type = slash < 0 ? span : span[..slash].Trim();
        subtype = slash < 0 ? "*" : span[(slash + 1)..].Trim();
    }
}
