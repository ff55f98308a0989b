using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using A2AGen;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Provenance;
using A2AGen.Security;
using Microsoft.Extensions.DependencyInjection;
using TravelDesk.Currency;
using TravelDesk.Finance;

namespace TravelDesk.Report;

/// <summary>
/// The travel desk as an agent: it builds reports from content other agents signed. Its <c>report</c> skill takes a
/// currency-agent quote and a finance-agent figure, each forwarded whole (the signed artifact as received, in a data
/// part), checks each against its signer's key before reading it, and answers a report whose own envelope
/// (<see cref="ProvenanceAttribute"/>) cites both inputs as parents and carries their envelopes: whoever receives the
/// report can verify the whole chain of custody from the report alone.
/// </summary>
/// <remarks>
/// The inputs' task and context are not compared (the desk did not see the upstream calls), but their content,
/// signer, signature and times are: an input changed after signing, or signed by a key not trusted for its signer, is
/// refused with the check that failed, and no report is built from it.
/// </remarks>
[A2AAgent(Id, Name = "Travel Desk",
    Description = "Builds travel reports from signed upstream content: a finance-agent revenue figure expressed in the currency of a currency-agent quote. Each input must verify with its agent's key; the signed report cites both as its provenance parents.",
    Version = "1.0.0", Organization = "A2AGen Samples", OrganizationUrl = "https://github.com/a2agen/a2agen",
    DefaultInputModes = ["application/json"], DefaultOutputModes = ["application/json"])]
[Provenance]
public sealed partial class TravelDeskAgent
{
    /// <summary>The agent id: the orchestrator's own (it signs requests, passports and reports with one key).</summary>
    public const string Id = "travel-desk";

    /// <summary>The report skill's id.</summary>
    public const string ReportSkill = "report";

    /// <summary>Builds the report from the quote and the figure (each a data part holding the signed artifact).</summary>
    [Skill(ReportSkill, Name = "Travel report",
        Description = "Expresses a finance-agent revenue figure in the currency of a currency-agent quote (from USD). Send both signed artifacts as received, each as a data part; each must verify with its agent's key.",
        Tags = ["travel", "finance", "report"])]
    public async Task<TravelReport> ReportAsync(Message message, SkillContext context)
    {
        var verifier = context.Services?.GetService<ProvenanceVerifier>()
            ?? throw new InvalidOperationException("The travel desk's host registers no ProvenanceVerifier for its inputs.");
        ConversionQuote? quote = null;
        RevenueReport? figure = null;
        var sources = new List<string>();
        for (var i = 0; i < message.Parts.Count; i++)
        {
            if (message.Parts[i].Data is not { } data)
            {
                continue;
            }

            var field = $"message.parts[{i}].data";
            var artifact = ReadArtifact(data, field);

            // Rely on nothing before its signer's signature over it verified (hosting does not check parents).
            var result = await verifier.VerifyAsync(artifact, ProvenanceExpectations.None, context.CancellationToken);
            if (!result.IsVerified)
            {
                throw new SkillBindingException(field,
                    $"{result.Reason}: the artifact '{CallerText.Sanitize(artifact.ArtifactId, 80)}' is {result.Status}: {result.Detail}. No report is built from it.");
            }

            var signer = result.Root!.Statement!.Issuer;
            switch (signer)
            {
                case CurrencyAgent.Id:
                    quote = ReadContent(artifact, CurrencyJson.Default.ConversionQuote, field);
                    break;
                case FinanceAgent.Id:
                    figure = ReadContent(artifact, FinanceJson.Default.RevenueReport, field);
                    break;
                default:
                    throw new SkillBindingException(field, $"A report is built from a {CurrencyAgent.Id} quote and a {FinanceAgent.Id} figure, not from content {signer} signed.");
            }

            context.Provenance.AddParent(artifact);
            sources.Add($"{signer} artifact {artifact.ArtifactId}");
        }

        if (quote is null || figure is null)
        {
            throw new SkillBindingException("message.parts", $"Send the {CurrencyAgent.Id} quote and the {FinanceAgent.Id} figure, each as a data part holding the signed artifact as received.");
        }

        if (figure.RevenueUsd is not { } revenueUsd)
        {
            throw new SkillBindingException("message.parts", $"The figure for {figure.Quarter} has no revenue ({figure.Summary}).");
        }

        if (!string.Equals(quote.From, "USD", StringComparison.Ordinal))
        {
            throw new SkillBindingException("message.parts", $"The quote converts from {quote.From}; the figure is in USD, so the quote must convert from USD.");
        }

        var revenue = decimal.Round(revenueUsd * quote.Rate, 2);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{figure.Quarter} revenue {revenueUsd:#,0} USD = {revenue:#,0.00} {quote.To} at {CurrencyAgent.Id}'s rate {quote.Rate}");
        return new TravelReport(figure.Quarter, revenueUsd, quote.To, quote.Rate, revenue, sources, summary);
    }

    private static Artifact ReadArtifact(JsonElement data, string field)
    {
        try
        {
            return A2AJson.Deserialize<Artifact>(data) is { ArtifactId.Length: > 0 } artifact
                ? artifact
                : throw new SkillBindingException(field, "Expected a signed artifact (an A2A Artifact object with its artifactId).");
        }
        catch (JsonException e)
        {
            throw new SkillBindingException(field, "Expected a signed artifact (an A2A Artifact object).", e);
        }
    }

    private static T ReadContent<T>(Artifact artifact, JsonTypeInfo<T> typeInfo, string field)
    {
        try
        {
            return artifact.Parts.FirstOrDefault(p => p.Data is not null)?.Data is { } data && data.Deserialize(typeInfo) is { } value
                ? value
                : throw new SkillBindingException(field, $"The artifact '{CallerText.Sanitize(artifact.ArtifactId, 80)}' holds no {typeof(T).Name}.");
        }
        catch (JsonException e)
        {
            throw new SkillBindingException(field, $"The artifact '{CallerText.Sanitize(artifact.ArtifactId, 80)}' holds no readable {typeof(T).Name}.", e);
        }
    }
}
