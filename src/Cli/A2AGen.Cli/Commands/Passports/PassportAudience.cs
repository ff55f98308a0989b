using System.Buffers.Text;
using System.Text.Json;
using A2AGen.Passport;
using A2AGen.Security;

namespace A2AGen.Cli.Commands.Passports;

/// <summary>
/// Who the verifier is, for a passport's <c>aud</c>: the <c>--aud</c> value (an endpoint URL or an agent id), or —
/// when none is given — whatever the passport names, so a passport can be inspected without knowing its receiver (the
/// result then says the audience was not checked).
/// </summary>
internal static class PassportAudience
{
    /// <summary>The verification context for <paramref name="expected"/>, else for the passport's own audiences.</summary>
    public static PassportVerificationContext? ContextFor(IReadOnlyList<string> passportAudiences, string? expected, string? requestIssuer)
    {
        IReadOnlyList<string> accepted = expected is not null ? [expected] : passportAudiences;
        var urls = accepted.Where(a => RequestTarget.Normalize(a) is not null).ToList();
        string? agentId = accepted.FirstOrDefault(a => RequestTarget.Normalize(a) is null);
        if (urls.Count == 0 && agentId is null && requestIssuer is null)
        {
            return null;
        }

        return new PassportVerificationContext
        {
            AgentId = agentId,
            Endpoint = urls.Count > 0 ? RequestTarget.Create(urls) : null,
            RequestIssuer = requestIssuer,
        };
    }

    /// <summary>
    /// The <c>aud</c> values in a passport signature's protected header, read before verification only to build the
    /// "not checked" context; the verifier checks the header's integrity.
    /// </summary>
    public static IReadOnlyList<string> Peek(CallerContext passport)
    {
        if (passport.Signature is not { } token || token.IndexOf('.', StringComparison.Ordinal) is not (> 0 and var dot))
        {
            return [];
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(token.AsSpan(0, dot)));
            if (header.RootElement.ValueKind != JsonValueKind.Object || !header.RootElement.TryGetProperty("aud", out var aud))
            {
                return [];
            }

            return aud.ValueKind switch
            {
                JsonValueKind.String => [aud.GetString()!],
                JsonValueKind.Array => [.. aud.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)],
                _ => [],
            };
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return [];
        }
    }
}
