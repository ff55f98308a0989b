namespace TravelDesk.Currency;

/// <summary>The answer of <c>convert</c> (a JSON data part).</summary>
/// <param name="Amount">The amount asked for.</param>
/// <param name="From">Its currency.</param>
/// <param name="Converted">What the traveller gets, after the fee.</param>
/// <param name="To">The target currency.</param>
/// <param name="Rate">Units of <paramref name="To"/> per unit of <paramref name="From"/>.</param>
/// <param name="Tier">The loyalty tier the fee is based on.</param>
/// <param name="FeePercent">The fee, in percent of the converted amount.</param>
/// <param name="Fee">The fee, in <paramref name="To"/>.</param>
/// <param name="Basis">Where the target currency and the tier came from.</param>
/// <param name="Summary">The same in one sentence.</param>
public sealed record ConversionQuote(
    decimal Amount, string From, decimal Converted, string To, decimal Rate, string Tier, decimal FeePercent, decimal Fee, string Basis, string Summary);
