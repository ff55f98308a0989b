namespace TravelDesk.Finance;

/// <summary>The answer of <c>quarterly-revenue</c> (a JSON data part).</summary>
/// <param name="Quarter">The quarter, e.g. <c>2026-Q3</c>.</param>
/// <param name="RevenueUsd">Revenue in US dollars; null when the passport's scope does not allow reading it.</param>
/// <param name="Granted">Whether the passport's <c>access_scope</c> included <see cref="FinanceAgent.ReadScope"/>.</param>
/// <param name="RequestedBy">The verified caller (the request signature's issuer).</param>
/// <param name="Summary">The same in one sentence.</param>
public sealed record RevenueReport(string Quarter, decimal? RevenueUsd, bool Granted, string RequestedBy, string Summary);
