using System.Text.Json;
using A2AGen.Cli.Infrastructure;
using A2AGen.Passport;

namespace A2AGen.Cli.Commands.Passports;

/// <summary>
/// Finds the passport in what the user has at hand: the metadata entry (<c>{"&lt;extension URI&gt;": {…}}</c>, what
/// <c>passport sign</c> prints), the passport itself, a message carrying it in <c>metadata</c>, or a
/// <c>SendMessage</c> request (<c>params.message.metadata</c>, or <c>message.metadata</c>).
/// </summary>
internal static class PassportInput
{
    /// <summary>The passport's JSON value, or a one-line error naming what was expected.</summary>
    public static JsonElement Locate(JsonElement root)
    {
        if (root.ValueKind == JsonValueKind.Object)
        {
            if (root.TryGetProperty(PassportFormat.ExtensionUri, out var entry))
            {
                return entry;
            }

            if (root.TryGetProperty("clientId", out _) || root.TryGetProperty("client_id", out _))
            {
                return root;
            }

            foreach (var message in Messages(root))
            {
                if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("metadata", out var metadata)
                    && metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty(PassportFormat.ExtensionUri, out var carried))
                {
                    return carried;
                }
            }
        }

        throw new CliException("NO_PASSPORT",
            $"no Secure Passport found: expected the metadata entry {{\"{PassportFormat.ExtensionUri}\": {{…}}}}, a passport {{clientId, state, …}}, or a message or SendMessage request carrying one.");
    }

    private static IEnumerable<JsonElement> Messages(JsonElement root)
    {
        yield return root;
        if (root.TryGetProperty("message", out var message))
        {
            yield return message;
        }

        if (root.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("message", out var inRequest))
        {
            yield return inRequest;
        }
    }
}
