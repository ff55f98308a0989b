using System.Net;
using System.Text.Json;
using A2AGen.Client;
using A2AGen.Passport;
using A2AGen.Protocol;
using TravelDesk.Currency;
using TravelDesk.Finance;

namespace TravelDesk.Orchestrator;

/// <summary>
/// The demo's scenarios, in order, each against the real agents over HTTP. Each returns what it expected and what
/// happened; none throws for an agent's refusal (a refusal is an outcome).
/// </summary>
/// <param name="currency">The currency agent.</param>
/// <param name="finance">The finance agent.</param>
/// <param name="passports">Signs the orchestrator's passports (<c>clientId</c> travel-desk).</param>
/// <param name="authority">The finance authority's Biscuit root key (for the Biscuit rows).</param>
/// <param name="provenance">The provenance rows (signed quotes and figures, the travel desk's report).</param>
public sealed class Scenarios(Peer currency, Peer finance, PassportSigner passports, A2AGen.Biscuit.Crypto.BiscuitKeyPair authority, ProvenanceScenarios provenance)
{
    private const string Accepted = "accepted";
    private const string Rejected = "rejected";
    private const string ConvertName = "currency convert, signed request + passport";
    private const string RevenueName = "finance quarterly-revenue, signed + passport";
    private const string ReplayName = "the same signed request replayed";
    private const string TamperedName = "passport changed after signing";
    private const string UnsignedName = "unsigned call to quarterly-revenue";
    private const string AudienceName = "request for currency-agent sent to finance";
    private const string ScopeName = "passport without access_scope";

    /// <summary>Runs every scenario in order.</summary>
    public async Task<IReadOnlyList<ScenarioResult>> RunAsync()
    {
        var results = new List<ScenarioResult> { Cards() };
        RecordedRequest? convertRequest = null;
        RecordedRequest? revenueRequest = null;
        results.Add(await Run(ConvertName, Accepted, null, async () =>
        {
            var result = await SignedConvertWithPassport();
            convertRequest = currency.Recorder.LastPost;
            return result;
        }));
        results.Add(await Run(RevenueName, Accepted, null, async () =>
        {
            var result = await SignedRevenueWithPassport();
            revenueRequest = finance.Recorder.LastPost;
            return result;
        }));
        results.Add(await Run(ReplayName, Rejected, "REQUEST_SIGNATURE_REPLAYED", () => Replay(revenueRequest)));
        results.Add(await Run(TamperedName, Rejected, "PASSPORT_SIGNATURE_INVALID", TamperedPassport));
        results.Add(await Run(UnsignedName, Rejected, "REQUEST_SIGNATURE_MISSING", UnsignedHighPrivilegeCall));
        results.Add(await Run(AudienceName, Rejected, "REQUEST_AUDIENCE_MISMATCH", () => WrongAudience(convertRequest)));
        results.Add(await Run(ScopeName, Rejected, "PASSPORT_KEY_MISSING", PassportWithoutAccessScope));
        results.AddRange(await new BudgetScenarios(finance, passports, authority).RunAsync(Run, Refusal));
        results.AddRange(await provenance.RunAsync(Run));
        results.AddRange(await new EncryptionScenarios(finance).RunAsync(Run, Refusal));
        return results;
    }

    private ScenarioResult Cards()
    {
        var verified = currency.Signed.Card?.Verification?.IsVerified == true && finance.Signed.Card?.Verification?.IsVerified == true;
        return new ScenarioResult("agent cards signed and verified", "verified", null, verified ? "verified" : "unverified", null,
            $"card JWS checked against each agent's key: {currency.DescribeCard()}; {finance.DescribeCard()}", verified);
    }

    private async Task<ScenarioResult> SignedConvertWithPassport()
    {
        var state = new Dictionary<string, string> { ["user_preferred_currency"] = "EUR", ["loyalty_tier"] = "Gold" };
        var response = await currency.Signed.SendMessageWithPassportAsync(Message.UserText("250 USD"), passports, state);
        var quote = ReadResult(response, CurrencyJson.Default.ConversionQuote);
        var usedPassport = quote is { To: "EUR", Tier: "Gold" };
        return new ScenarioResult(ConvertName, Accepted, null, Accepted, null,
            usedPassport ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"passport applied: 250 USD = {quote!.Converted:0.00} EUR at {quote.Rate}, Gold fee {quote.FeePercent:0.#}% ({quote.Fee:0.00} EUR) instead of 2%") : $"answered without using the passport: {quote?.Summary ?? "no quote"}",
            usedPassport);
    }

    private async Task<ScenarioResult> SignedRevenueWithPassport()
    {
        var passport = finance.Signed.CreatePassport(passports, new Dictionary<string, JsonElement>
        {
            ["access_scope"] = PassportState.Strings(FinanceAgent.ReadScope),
        });
        var response = await finance.Signed.SendMessageWithPassportAsync(Message.UserText("Q3 2026"), passport);
        var report = ReadResult(response, FinanceJson.Default.RevenueReport);
        var granted = report is { Granted: true, RevenueUsd: not null };
        return new ScenarioResult(RevenueName, Accepted, null, Accepted, null,
            granted ? $"request and passport signatures verified, {FinanceAgent.ReadScope} granted: {report!.Summary}" : $"accepted but no figures: {report?.Summary ?? "no report"}",
            granted);
    }

    private async Task<ScenarioResult> Replay(RecordedRequest? original)
    {
        if (original is null)
        {
            return new ScenarioResult(ReplayName, Rejected, "REQUEST_SIGNATURE_REPLAYED", "not run", null, "the request to replay was not sent (scenario 3 failed)", false);
        }

        using var response = await finance.Raw.SendAsync(original.ToMessage());
        return await Refusal(ReplayName, "REQUEST_SIGNATURE_REPLAYED", response,
            "row 3's request resent byte for byte: its token id (jti) was already used, so a captured call cannot be repeated");
    }

    private async Task<ScenarioResult> TamperedPassport()
    {
        var passport = currency.Signed.CreatePassport(passports, new Dictionary<string, JsonElement>
        {
            ["user_preferred_currency"] = PassportState.String("GBP"),
            ["loyalty_tier"] = PassportState.String("Standard"),
        });
        var tampered = passport with
        {
            State = new Dictionary<string, JsonElement>(passport.State) { ["loyalty_tier"] = PassportState.String("Platinum") },
        };
        return await Refusal(TamperedName, "PASSPORT_SIGNATURE_INVALID",
            () => currency.Signed.SendMessageWithPassportAsync(Message.UserText("1000 USD"), tampered),
            "the signature covers the whole state: Standard -> Platinum no longer matches it");
    }

    private async Task<ScenarioResult> UnsignedHighPrivilegeCall()
    {
        var passport = finance.Unsigned.CreatePassport(passports, new Dictionary<string, JsonElement>
        {
            ["access_scope"] = PassportState.Strings(FinanceAgent.ReadScope),
        });
        return await Refusal(UnsignedName, "REQUEST_SIGNATURE_MISSING",
            () => finance.Unsigned.SendMessageWithPassportAsync(Message.UserText("Q3 2026"), passport),
            "a high-privilege skill needs a signed request; a passport alone does not say who sent it");
    }

    private async Task<ScenarioResult> WrongAudience(RecordedRequest? toCurrency)
    {
        if (toCurrency is null)
        {
            return new ScenarioResult(AudienceName, Rejected, "REQUEST_AUDIENCE_MISMATCH", "not run", null, "the currency request was not sent (scenario 2 failed)", false);
        }

        using var response = await finance.Raw.SendAsync(toCurrency.ToMessage(finance.Endpoint));
        return await Refusal(AudienceName, "REQUEST_AUDIENCE_MISMATCH", response,
            $"its aud/htu name {toCurrency.Url}, not this agent's {finance.Endpoint}");
    }

    private async Task<ScenarioResult> PassportWithoutAccessScope()
    {
        var passport = finance.Signed.CreatePassport(passports, new Dictionary<string, JsonElement>
        {
            ["query_type"] = PassportState.String("quarterly_revenue"),
        });
        return await Refusal(ScopeName, "PASSPORT_KEY_MISSING",
            () => finance.Signed.SendMessageWithPassportAsync(Message.UserText("Q3 2026"), passport),
            "the skill requires the passport key access_scope; the agent refuses before the skill runs");
    }

    // An unexpected exception (the agent died, a network error) is an outcome too: the row says what happened.
    private static async Task<ScenarioResult> Run(string name, string expected, string? expectedReason, Func<Task<ScenarioResult>> scenario)
    {
        try
        {
            return await scenario();
        }
        catch (A2AClientException e)
        {
            return new ScenarioResult(name, expected, expectedReason, Describe(e), e.Reason, Short(e.Message), false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new ScenarioResult(name, expected, expectedReason, "error", null, Short(e.Message), false);
        }
    }

    private static async Task<ScenarioResult> Refusal(string name, string expectedReason, Func<Task<SendMessageResponse>> call, string why)
    {
        try
        {
            await call();
            return new ScenarioResult(name, Rejected, expectedReason, Accepted, null, $"expected {expectedReason}, but the agent accepted the call", false);
        }
        catch (A2AClientException e)
        {
            var asExpected = e.Reason == expectedReason;
            return new ScenarioResult(name, Rejected, expectedReason, Describe(e), e.Reason,
                asExpected ? why : $"expected {expectedReason}: {Short(e.Message)}", asExpected);
        }
    }

    private static async Task<ScenarioResult> Refusal(string name, string expectedReason, HttpResponseMessage response, string why)
    {
        var (reason, message) = await ReadError(response);
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.OK && reason is null)
        {
            return new ScenarioResult(name, Rejected, expectedReason, Accepted, null, $"expected {expectedReason}, but the agent accepted the request", false);
        }

        var asExpected = reason == expectedReason;
        return new ScenarioResult(name, Rejected, expectedReason, $"{Rejected} {status}", reason,
            asExpected ? why : $"expected {expectedReason}: {Short(message ?? response.ReasonPhrase ?? "")}", asExpected);
    }

    // A JSON-RPC error's reason: error.data[] holds google.rpc.ErrorInfo {reason, domain, metadata}.
    private static async Task<(string? Reason, string? Message)> ReadError(HttpResponseMessage response)
    {
        try
        {
            using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
            if (!document.RootElement.TryGetProperty("error", out var error))
            {
                return (null, null);
            }

            var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
            if (error.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Array)
            {
                foreach (var entry in data.EnumerateArray())
                {
                    if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String)
                    {
                        return (reason.GetString(), message);
                    }
                }
            }

            return (null, message);
        }
        catch (JsonException)
        {
            return (null, "the answer is not JSON");
        }
    }

    private static T? ReadResult<T>(SendMessageResponse response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        var data = response.Task?.Artifacts?.SelectMany(a => a.Parts).FirstOrDefault(p => p.Data is not null)?.Data;
        return data is { } element ? element.Deserialize(typeInfo) : default;
    }

    private static string Describe(A2AClientException e) =>
        e.StatusCode is { } status ? $"{Rejected} {(int)status}" : e.Code is { } code ? $"error {code}" : "error";

    private static string Short(string text)
    {
        var line = AgentHosting.StartupProblem.OneLine(text);
        return line.Length <= 160 ? line : line[..157] + "...";
    }
}
