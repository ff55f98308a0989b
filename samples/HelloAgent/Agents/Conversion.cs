namespace HelloAgent.Agents;

/// <summary>What to convert: an amount in a unit, to another unit.</summary>
/// <param name="Value">The amount.</param>
/// <param name="From">The unit of <paramref name="Value"/>, e.g. <c>km</c>.</param>
/// <param name="To">The target unit; when absent, the caller's preferred unit system decides.</param>
public sealed record ConversionRequest(double Value, string From, string? To = null);

/// <summary>The converted amount.</summary>
/// <param name="Value">The amount in <paramref name="Unit"/>.</param>
/// <param name="Unit">The unit.</param>
/// <param name="Formula">How it was computed, for people.</param>
public sealed record ConversionResult(double Value, string Unit, string Formula);
