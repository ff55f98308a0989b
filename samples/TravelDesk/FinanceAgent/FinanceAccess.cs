namespace TravelDesk.Finance;

/// <summary>The passport state the finance agent reads: the scopes the caller's user was granted (key <c>access_scope</c>).</summary>
/// <param name="AccessScope">Granted scopes, e.g. <c>read:finance_db</c>.</param>
public sealed record FinanceAccess(IReadOnlyList<string> AccessScope);
