namespace TravelDesk.Report;

/// <summary>The answer of <c>report</c> (a JSON data part): a finance figure expressed in the currency of a quote.</summary>
/// <param name="Quarter">The figure's quarter, e.g. <c>2026-Q3</c>.</param>
/// <param name="RevenueUsd">The figure: revenue in US dollars, as finance-agent signed it.</param>
/// <param name="Currency">The quote's target currency.</param>
/// <param name="Rate">The quote's rate (units of <paramref name="Currency"/> per US dollar), as currency-agent signed it.</param>
/// <param name="Revenue">The revenue in <paramref name="Currency"/> at that rate.</param>
/// <param name="Sources">Each input: its signer and artifact id (the report's envelope cites the same inputs as parents).</param>
/// <param name="Summary">The same in one sentence.</param>
public sealed record TravelReport(
    string Quarter, decimal RevenueUsd, string Currency, decimal Rate, decimal Revenue, IReadOnlyList<string> Sources, string Summary);
