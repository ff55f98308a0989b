using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using A2AGen.Client;
using A2AGen.Passport;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Provenance;
using TravelDesk.Currency;
using TravelDesk.Finance;
using TravelDesk.Report;

namespace TravelDesk.Orchestrator;

/// <summary>
/// The provenance rows. The currency and finance agents sign what they produce (<c>[Provenance]</c>), whoever calls:
/// an unsigned call to <c>convert</c> gets a signed quote. The travel desk's <c>report</c> skill builds a report from
/// a quote and a finance figure, checks both against their agents' keys first, and signs the report citing both; the
/// orchestrator's client verifies the report's whole chain from the report alone and keeps its chain of custody
/// (<see cref="CustodyOfReport"/>). Then the same report asked for with a quote changed after currency-agent signed
/// it: the desk refuses, naming the check that failed.
/// </summary>
/// <param name="currency">The currency agent.</param>
/// <param name="finance">The finance agent.</param>
/// <param name="desk">The travel desk agent (the orchestrator's own).</param>
/// <param name="passports">Signs the orchestrator's passports (the figure needs one with <c>access_scope</c>).</param>
public sealed partial class ProvenanceScenarios(Peer currency, Peer finance, Peer desk, PassportSigner passports)
{
    public const string UnsignedQuoteName = "unsigned call to convert, quote signed at source";
    public const string ReportName = "report citing the signed quote and figure";
    public const string TamperedName = "report from a quote changed after signing";
    private const string ContentMismatch = ProvenanceReasons.ContentMismatch;

    private Artifact? _quote;
    private Artifact? _figure;

    /// <summary>The verified report's chain (after <see cref="RunAsync"/>, when the report row verified).</summary>
    public ProvenanceVerificationResult? CustodyOfReport { get; private set; }

    /// <summary>The quote, the figure and the report as received (after <see cref="RunAsync"/>, when the report verified).</summary>
    public IReadOnlyList<Artifact> ReportChain { get; private set; } = [];

    /// <summary>Runs the rows, in order.</summary>
    /// <param name="run">Runs one row (turns an unexpected exception into a row).</param>
    public async Task<IReadOnlyList<ScenarioResult>> RunAsync(Func<string, string, string?, Func<Task<ScenarioResult>>, Task<ScenarioResult>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return
        [
            await run(UnsignedQuoteName, "verified", null, UnsignedQuote),
            await run(ReportName, "verified", null, SignedReport),
            await run(TamperedName, "rejected", ContentMismatch, TamperedQuote),
        ];
    }

    // No request signature, no passport: the Standard fee, and still an envelope currency-agent signed.
    private async Task<ScenarioResult> UnsignedQuote()
    {
        var response = await currency.Unsigned.SendMessageAsync(Message.UserText("1 USD to EUR"));
        _quote = response.Task?.Artifacts?.FirstOrDefault();
        var result = _quote is null ? null : currency.Unsigned.ProvenanceOf(_quote);
        var ok = result is { IsVerified: true, BindingChecked: true } && result.Root!.Key!.AgentId == CurrencyAgent.Id;
        return new ScenarioResult(UnsignedQuoteName, "verified", null, Status(result), result?.Reason,
            ok ? $"the anonymous call got a signed quote: envelope by {CurrencyAgent.Id} (kid {result!.Root!.Key!.KeyId[..8]}…) bound to task {Short(response.Task!.Id)}, verified by the client"
               : $"the quote's provenance: {result?.ToString() ?? "none (no artifact, or the card declares no provenance)"}",
            ok);
    }

    // The figure (signed request and passport, as finance requires), then the desk's report from both.
    private async Task<ScenarioResult> SignedReport()
    {
        var passport = finance.Signed.CreatePassport(passports, new Dictionary<string, JsonElement>
        {
            ["access_scope"] = PassportState.Strings(FinanceAgent.ReadScope),
        });
        var figureResponse = await finance.Signed.SendMessageWithPassportAsync(Message.UserText("Q3 2026"), passport);
        _figure = figureResponse.Task?.Artifacts?.FirstOrDefault();
        if (_quote is null || _figure is null || finance.Signed.ProvenanceOf(_figure) is not { IsVerified: true })
        {
            return new ScenarioResult(ReportName, "verified", null, "not run", null,
                _quote is null ? "no quote to build on (the row before failed)" : $"the figure did not verify: {(_figure is null ? "no artifact" : finance.Signed.ProvenanceOf(_figure)?.ToString() ?? "no provenance")}", false);
        }

        var response = await desk.Signed.SendMessageAsync(ReportRequest(_quote, _figure));
        var report = response.Task?.Artifacts?.FirstOrDefault();
        var result = report is null ? null : desk.Signed.ProvenanceOf(report);
        var content = report?.Parts.FirstOrDefault(p => p.Data is not null)?.Data?.Deserialize(ReportJson.Default.TravelReport);
        string[] signers = [TravelDeskAgent.Id, CurrencyAgent.Id, FinanceAgent.Id];
        var ok = result is { IsVerified: true, BindingChecked: true } && content is not null
            && result.Links.Select(l => l.Key?.AgentId).SequenceEqual(signers);
        CustodyOfReport = ok ? result : null;
        ReportChain = ok ? [_quote, _figure, report!] : [];
        return new ScenarioResult(ReportName, "verified", null, Status(result), result?.Reason,
            ok ? $"{content!.Summary}; its envelope cites the quote and the figure: {result!.Links.Count} envelopes verified (chain of custody below)"
               : $"the report's provenance: {result?.ToString() ?? "none"}; {content?.Summary ?? "no report"}",
            ok);
    }

    // A forwarder raises the quote's rate after currency-agent signed it: the desk checks the quote and refuses.
    private async Task<ScenarioResult> TamperedQuote()
    {
        if (_quote is null || _figure is null)
        {
            return new ScenarioResult(TamperedName, "rejected", ContentMismatch, "not run", null, "no quote and figure to build on (a row before failed)", false);
        }

        var data = JsonNode.Parse(_quote.Parts.First(p => p.Data is not null).Data!.Value.GetRawText())!.AsObject();
        var signedRate = data["rate"]!.GetValue<decimal>();
        data["rate"] = signedRate + 0.05m;
        var tampered = _quote with { Parts = [Part.FromData(JsonElement.Parse(data.ToJsonString()))] };
        try
        {
            await desk.Signed.SendMessageAsync(ReportRequest(tampered, _figure));
            return new ScenarioResult(TamperedName, "rejected", ContentMismatch, "accepted", null, $"expected {ContentMismatch}, but the desk built a report from the changed quote", false);
        }
        catch (A2AClientException e)
        {
            // The desk names the failed check first in its answer (JSON-RPC -32602, reason INVALID_PARAMS).
            var reason = ProvenanceReason().Match(e.Message) is { Success: true } match ? match.Value : e.Reason;
            var asExpected = reason == ContentMismatch;
            return new ScenarioResult(TamperedName, "rejected", ContentMismatch, e.Code is { } code ? $"rejected {code}" : "rejected", reason,
                asExpected
                    ? string.Create(CultureInfo.InvariantCulture, $"rate {signedRate} -> {signedRate + 0.05m} after {CurrencyAgent.Id} signed: the desk checked the quote against {CurrencyAgent.Id}'s key and built nothing on it")
                    : $"expected {ContentMismatch}: {AgentHosting.StartupProblem.OneLine(e.Message)}",
                asExpected);
        }
    }

    // The report request: each input forwarded whole (the artifact as received, its envelope in its metadata).
    private static Message ReportRequest(Artifact quote, Artifact figure) => new Message
    {
        MessageId = Guid.NewGuid().ToString(),
        Role = Role.User,
        Parts =
        [
            Part.FromData(A2AJson.SerializeToElement(quote)),
            Part.FromData(A2AJson.SerializeToElement(figure)),
        ],
    }.ForSkill(TravelDeskAgent.ReportSkill);

    private static string Status(ProvenanceVerificationResult? result) => result?.Status.ToString().ToLowerInvariant() ?? "no envelope";

    private static string Short(string id) => id.Length <= 8 ? id : id[..8] + "…";

    [GeneratedRegex(@"PROVENANCE_[A-Z_]+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex ProvenanceReason();
}
