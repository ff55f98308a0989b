using A2AGen;
using A2AGen.Protocol;

namespace HelloAgent.Agents;

/// <summary>
/// Converts lengths, masses and temperatures. Shows a data-typed skill (JSON in, JSON out) and the typed passport:
/// a caller may say which unit system it prefers in the Secure Passport state.
/// </summary>
[A2AAgent("unit-converter", Name = "Unit Converter", Description = "Converts lengths, masses and temperatures between metric and imperial units.",
    Version = "1.1.0", Organization = "A2AGen Samples", OrganizationUrl = "https://github.com/a2agen/a2agen")]
[PassportKeys("preferred_unit_system")]
public partial class UnitConverterAgent
{
    private static readonly Dictionary<string, (string Metric, string Imperial)> Pairs = new(StringComparer.OrdinalIgnoreCase)
    {
        ["km"] = ("km", "mi"), ["mi"] = ("km", "mi"),
        ["kg"] = ("kg", "lb"), ["lb"] = ("kg", "lb"),
        ["c"] = ("c", "f"), ["f"] = ("c", "f"),
    };

    /// <summary>Converts one amount. Without a target unit, the passport's preferred unit system decides.</summary>
    [Skill("convert", Description = "Converts an amount between metric and imperial units (km/mi, kg/lb, C/F).",
        Tags = ["units", "conversion"], Examples = ["{\"value\": 10, \"from\": \"km\"}"], InputModes = ["application/json"], OutputModes = ["application/json"])]
    [DefaultSkill]
    public ConversionResult Convert(ConversionRequest request, UnitConverterAgentPassport? passport)
    {
        if (!Pairs.TryGetValue(request.From, out var pair))
        {
            throw new ArgumentException($"Unknown unit '{request.From}'. Known units: {string.Join(", ", Pairs.Keys)}.");
        }

        var to = request.To ?? (passport?.PreferredUnitSystem == "metric" ? pair.Metric : pair.Imperial);
        return (request.From.ToLowerInvariant(), to.ToLowerInvariant()) switch
        {
            ("km", "mi") => new(request.Value * 0.621371, "mi", "mi = km * 0.621371"),
            ("mi", "km") => new(request.Value / 0.621371, "km", "km = mi / 0.621371"),
            ("kg", "lb") => new(request.Value * 2.204623, "lb", "lb = kg * 2.204623"),
            ("lb", "kg") => new(request.Value / 2.204623, "kg", "kg = lb / 2.204623"),
            ("c", "f") => new((request.Value * 9 / 5) + 32, "f", "F = C * 9/5 + 32"),
            ("f", "c") => new((request.Value - 32) * 5 / 9, "c", "C = (F - 32) * 5/9"),
            var (from, same) when from == same => new(request.Value, same, "unchanged"),
            _ => throw new ArgumentException($"Cannot convert {request.From} to {to}."),
        };
    }

    /// <summary>Lists the units, answering with a whole message.</summary>
    [Skill("units", Description = "Lists the units this agent converts.", Tags = ["units"])]
    public Message Units(SkillContext context) =>
        Message.AgentText("km ↔ mi, kg ↔ lb, C ↔ F", context.ContextId, context.TaskId);
}
