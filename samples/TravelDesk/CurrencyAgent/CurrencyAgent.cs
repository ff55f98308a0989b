using System.Globalization;
using System.Text.RegularExpressions;
using A2AGen;

namespace TravelDesk.Currency;

/// <summary>
/// Converts amounts between currencies. The caller's Secure Passport may carry the traveller's preferred currency
/// (a harmless preference, taken from any passport) and loyalty tier (it lowers the fee, so it counts only when the
/// passport's signature verified). Every quote is signed at the source (<see cref="ProvenanceAttribute"/>): whoever
/// receives it, first or third hand, can check with the agent's published key that it is this agent's, unchanged.
/// </summary>
[A2AAgent(Id, Name = "Currency Agent",
    Description = "Converts amounts between currencies at fixed demo rates. The caller's Secure Passport chooses the target currency (user_preferred_currency) and, when its signature verifies, the fee (loyalty_tier).",
    Version = "1.0.0", Organization = "A2AGen Samples", OrganizationUrl = "https://github.com/a2agen/a2agen",
    DefaultInputModes = ["text/plain"], DefaultOutputModes = ["application/json"])]
[PassportKeys("user_preferred_currency", "loyalty_tier")]
[Provenance] // signed whoever calls: an unsigned, anonymous call to convert still gets a signed quote
public sealed partial class CurrencyAgent
{
    /// <summary>The agent id (its card, its keys, what callers trust).</summary>
    public const string Id = "currency-agent";

    /// <summary>The text part's field, for errors.</summary>
    private const string TextField = "message.parts";

    /// <summary>Converts "250 USD" into the passport's preferred currency, or "250 USD to JPY" into the one named.</summary>
    [Skill("convert",
        Description = "Converts an amount: '250 USD' (into the passport's user_preferred_currency, else USD) or '250 USD to JPY'. The fee depends on the loyalty_tier of a signed passport (Standard 2%, Silver 1.5%, Gold 1%, Platinum 0.5%).",
        Tags = ["currency", "travel"], Examples = ["250 USD", "99.90 EUR to JPY"])]
    public ConversionQuote Convert(string request, CurrencyAgentPassport? passport)
    {
        var match = RequestPattern().Match(request);
        if (!match.Success)
        {
            throw new SkillBindingException(TextField, "Expected '<amount> <currency>' or '<amount> <currency> to <currency>', e.g. '250 USD to GBP'.");
        }

        var amount = decimal.Parse(match.Groups["amount"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        var from = Known(match.Groups["from"].Value);
        var preferred = passport?.UserPreferredCurrency;
        var (to, currencyBasis) = match.Groups["to"].Success
            ? (Known(match.Groups["to"].Value), "the request")
            : preferred is not null && ExchangeRates.PerUsd.ContainsKey(preferred)
                ? (preferred.ToUpperInvariant(), "the passport's user_preferred_currency")
                : ("USD", "the default");

        // A tier lowers the fee: only a passport whose signature verified may claim one.
        var claimedTier = passport?.LoyaltyTier;
        var tier = passport is { IsSignatureVerified: true } && claimedTier is not null && ExchangeRates.FeePercentByTier.ContainsKey(claimedTier)
            ? ExchangeRates.FeePercentByTier.Keys.First(t => string.Equals(t, claimedTier, StringComparison.OrdinalIgnoreCase))
            : ExchangeRates.StandardTier;
        var tierBasis = tier != ExchangeRates.StandardTier ? "the signed passport's loyalty_tier"
            : claimedTier is null ? "no loyalty_tier"
            : passport is { IsSignatureVerified: false } ? "an unsigned passport's loyalty_tier does not count"
            : "an unknown loyalty_tier";

        var rate = ExchangeRates.Rate(from, to);
        var gross = amount * rate;
        var feePercent = ExchangeRates.FeePercentByTier[tier];
        var fee = decimal.Round(gross * feePercent / 100m, 2);
        var converted = decimal.Round(gross, 2) - fee;
        var basis = $"currency from {currencyBasis}; tier from {tierBasis}";
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{amount:0.00} {from} = {converted:0.00} {to} (rate {rate:0.####}, {tier} fee {feePercent:0.0#}% = {fee:0.00} {to}; {basis})");
        return new ConversionQuote(amount, from, converted, to, rate, tier, feePercent, fee, basis, summary);
    }

    private static string Known(string code) => ExchangeRates.PerUsd.ContainsKey(code)
        ? code.ToUpperInvariant()
        : throw new SkillBindingException(TextField, $"Unknown currency '{code}'. Known: {string.Join(", ", ExchangeRates.PerUsd.Keys)}.");

    [GeneratedRegex(@"^\s*(?<amount>\d{1,9}(\.\d{1,2})?)\s*(?<from>[A-Za-z]{3})(\s+(to|in|into)\s+(?<to>[A-Za-z]{3}))?\s*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex RequestPattern();
}
