namespace TravelDesk.Currency;

/// <summary>Fixed demonstration rates (units per US dollar) and the fee of each loyalty tier. Not market data.</summary>
public static class ExchangeRates
{
    /// <summary>Units of each currency per US dollar.</summary>
    public static IReadOnlyDictionary<string, decimal> PerUsd { get; } = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase)
    {
        ["USD"] = 1m,
        ["EUR"] = 0.92m,
        ["GBP"] = 0.79m,
        ["CHF"] = 0.88m,
        ["JPY"] = 151.50m,
        ["CAD"] = 1.37m,
        ["AUD"] = 1.52m,
        ["INR"] = 83.20m,
    };

    /// <summary>The fee (percent of the converted amount) by loyalty tier; anyone else pays <see cref="StandardTier"/>'s.</summary>
    public static IReadOnlyDictionary<string, decimal> FeePercentByTier { get; } = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase)
    {
        [StandardTier] = 2.0m,
        ["Silver"] = 1.5m,
        ["Gold"] = 1.0m,
        ["Platinum"] = 0.5m,
    };

    /// <summary>The tier of callers without a verified loyalty tier.</summary>
    public const string StandardTier = "Standard";

    /// <summary>How many units of <paramref name="to"/> one unit of <paramref name="from"/> buys.</summary>
    /// <param name="from">A known currency code.</param>
    /// <param name="to">A known currency code.</param>
    public static decimal Rate(string from, string to) => decimal.Round(PerUsd[to] / PerUsd[from], 6);
}
