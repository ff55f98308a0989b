using System.Text;
using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Security;

namespace TravelDesk.Orchestrator;

/// <summary>
/// The encryption rows: finance's <c>payroll</c> skill requires encryption (its card says so). TravelDesk's client
/// encrypts the message to finance's published encryption key and decrypts the answer, which finance encrypts to
/// TravelDesk's published key; the row checks that neither the question nor the answer crossed the wire readable.
/// Then the refusal: the same question in plaintext.
/// </summary>
/// <param name="finance">The finance agent.</param>
public sealed class EncryptionScenarios(Peer finance)
{
    public const string AcceptedName = "finance payroll, encrypted both ways";
    public const string PlaintextName = "the payroll question in plaintext";
    private const string Skill = "payroll";
    private const string Question = "Q3 2026";

    /// <summary>Runs the two rows, in order.</summary>
    /// <param name="run">Runs one row (turns an unexpected exception into a row).</param>
    /// <param name="refusal">Runs a call that must be refused with a reason.</param>
    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(
        Func<string, string, string?, Func<Task<ScenarioResult>>, Task<ScenarioResult>> run,
        Func<string, string, Func<Task<SendMessageResponse>>, string, Task<ScenarioResult>> refusal) =>
    [
        await run(AcceptedName, "accepted", null, Encrypted),
        await refusal(PlaintextName, "ENCRYPTION_REQUIRED",
            () => finance.Signed.SendMessageAsync(Message.UserText(Question).ForSkill(Skill)),
            "payroll requires encryption: plaintext parts are refused before the skill runs"),
    ];

    private async Task<ScenarioResult> Encrypted()
    {
        if (finance.Encrypted is not { } client)
        {
            return new ScenarioResult(AcceptedName, "accepted", null, "not run", null,
                "no encrypting client: travel-desk has no encryption key, or finance's card does not ask for encryption", false);
        }

        var response = await client.SendMessageAsync(Message.UserText(Question).ForSkill(Skill));
        var answer = response.Task?.Artifacts?.SelectMany(a => a.Parts).Select(p => p.Text).FirstOrDefault(t => t is not null) ?? "no answer";
        var sent = finance.Recorder.LastPost is { } post ? Encoding.UTF8.GetString(post.Body) : "";
        var sealedBothWays = IsOneEncryptedPart(sent)
            && !sent.Contains(Question, StringComparison.Ordinal)
            && answer.Contains("payroll", StringComparison.Ordinal);
        return new ScenarioResult(AcceptedName, "accepted", null, "accepted", null,
            sealedBothWays
                ? $"one JWE part (ECDH-ES+A256KW, A256GCM, JSON) to finance's enc key, answer to travel-desk's: {answer}"
                : $"the exchange was not encrypted as expected: {answer}",
            sealedBothWays);
    }

    // DESIGN §13: the message left as exactly one part, a data part holding the JWE (JSON-RPC or HTTP+JSON body).
    private static bool IsOneEncryptedPart(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var message = root.TryGetProperty("params", out var parameters) ? parameters.GetProperty("message") : root.GetProperty("message");
            var parts = message.GetProperty("parts");
            return parts.GetArrayLength() == 1
                && parts[0].TryGetProperty("mediaType", out var mediaType) && mediaType.ValueEquals(EncryptedParts.MediaType)
                && parts[0].TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }
}
