using System.Reflection;
using System.Text.Json;
using A2AGen.Generators.Tests.Infrastructure;
using A2AGen.Generators.Tests.Sources;
using A2AGen.Passport;

namespace A2AGen.Generators.Tests;

/// <summary>The generated typed passports: properties, types, JSON names, and values read from real state.</summary>
public sealed class PassportTests : IDisposable
{
    private readonly LoadedAgents _agents = LoadedAgents.Compile(AgentSources.Binding, AgentSources.Currency);

    public void Dispose() => _agents.Dispose();

    [Fact]
    public void String_keys_become_PascalCase_string_properties()
    {
        var type = _agents.Type("Shop.CurrencyAgentPassport");
        Assert.True(type.IsSealed);
        Assert.Equal(typeof(AgentPassport), type.BaseType);
        Assert.Equal(
            [("AccessScope", typeof(string)), ("LoyaltyTier", typeof(string)), ("UserPreferredCurrency", typeof(string))],
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Select(p => (p.Name, p.PropertyType)).Order());

        var passport = Create("Shop.CurrencyAgentPassport", """{"user_preferred_currency":"GBP","loyalty_tier":7}""", PassportStatus.Verified);
        Assert.Equal("GBP", Read(passport, "UserPreferredCurrency"));
        Assert.Null(Read(passport, "LoyaltyTier"));
        Assert.Null(Read(passport, "AccessScope"));
        Assert.Equal("caller-1", passport.ClientId);
        Assert.Equal("session-1", passport.SessionId);
        Assert.True(passport.IsSignatureVerified);
    }

    [Fact]
    public void A_state_type_gives_its_properties_with_their_types_made_nullable()
    {
        var properties = _agents.Type("Behaviour.BindingAgentPassport")
            .GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .ToDictionary(p => p.Name, p => p.PropertyType);
        var level = _agents.Type("Behaviour.Level");
        var point = _agents.Type("Behaviour.Point");
        Assert.Equal(typeof(int?), properties["Count"]);
        Assert.Equal(typeof(bool?), properties["Active"]);
        Assert.Equal(typeof(decimal?), properties["Price"]);
        Assert.Equal(typeof(Guid?), properties["Id"]);
        Assert.Equal(typeof(DateTimeOffset?), properties["When"]);
        Assert.Equal(typeof(int?), properties["MaybeCount"]);
        Assert.Equal(typeof(Nullable<>).MakeGenericType(level), properties["Level"]);
        Assert.Equal(typeof(string[]), properties["Tags"]);
        Assert.Equal(typeof(IReadOnlyList<int>), properties["Numbers"]);
        Assert.Equal(typeof(List<>).MakeGenericType(level), properties["Levels"]);
        Assert.Equal(point, properties["Where"]);
        Assert.Equal(typeof(string), properties["Region"]);
        Assert.Equal(typeof(string), properties["Custom"]);
        Assert.False(properties.ContainsKey("Hidden"));
    }

    [Fact]
    public void Keys_are_JsonPropertyName_or_the_snake_case_name()
    {
        var descriptor = _agents.Descriptor("Behaviour.BindingAgent");
        Assert.Equal(
            ["count", "active", "small", "signed", "short", "u_short", "u_int", "big", "huge", "single", "ratio", "price", "id", "when", "day",
             "level", "maybe_count", "tags", "numbers", "levels", "where", "custom-key", "user_id", "region"],
            descriptor.PassportKeys);
    }

    [Fact]
    public void Every_kind_is_read_from_its_JSON_form()
    {
        var passport = Create("Behaviour.BindingAgentPassport", """
            {
              "region": "eu", "count": 3, "active": true, "small": 255, "signed": -128, "short": -32768, "u_short": 65535,
              "u_int": 4294967295, "big": 9007199254740993, "huge": 18446744073709550000, "single": 1.5, "ratio": 0.25,
              "price": 19.99, "id": "0f8fad5b-d9cb-469f-a165-70867728950e", "when": "2026-11-21T10:00:00+01:00",
              "day": "2026-11-21T00:00:00Z", "level": "very-high", "maybe_count": 9, "tags": ["a", "b"], "numbers": [1, 2, 3],
              "levels": ["Low", "Medium"], "where": {"x": 1, "y": 2}, "custom-key": "custom", "user_id": "u-1"
            }
            """);
        var level = _agents.Type("Behaviour.Level");
        Assert.Equal("eu", Read(passport, "Region"));
        Assert.Equal(3, Read(passport, "Count"));
        Assert.Equal(true, Read(passport, "Active"));
        Assert.Equal((byte)255, Read(passport, "Small"));
        Assert.Equal((sbyte)-128, Read(passport, "Signed"));
        Assert.Equal((short)-32768, Read(passport, "Short"));
        Assert.Equal((ushort)65535, Read(passport, "UShort"));
        Assert.Equal(4294967295u, Read(passport, "UInt"));
        // Accessors read the signed (RFC 8785) form: 2^53 + 1 has no double of its own, so what a signature covers is 2^53.
        Assert.Equal(9007199254740992L, Read(passport, "Big"));
        Assert.Equal(18446744073709550000ul, Read(passport, "Huge"));
        Assert.Equal(1.5f, Read(passport, "Single"));
        Assert.Equal(0.25, Read(passport, "Ratio"));
        Assert.Equal(19.99m, Read(passport, "Price"));
        Assert.Equal(Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), Read(passport, "Id"));
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.FromHours(1)), Read(passport, "When"));
        Assert.Equal(new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc), Read(passport, "Day"));
        Assert.Equal(Enum.Parse(level, "High"), Read(passport, "Level"));
        Assert.Equal(9, Read(passport, "MaybeCount"));
        Assert.Equal(new[] { "a", "b" }, Read(passport, "Tags"));
        Assert.Equal(new[] { 1, 2, 3 }, (IEnumerable<int>)Read(passport, "Numbers")!);
        Assert.Equal(new[] { "Low", "Medium" }, ((System.Collections.IEnumerable)Read(passport, "Levels")!).Cast<object>().Select(l => l.ToString()));
        Assert.Equal("Point { X = 1, Y = 2 }", Read(passport, "Where")!.ToString());
        Assert.Equal("custom", Read(passport, "Custom"));
        Assert.Equal("u-1", Read(passport, "UserID"));
    }

    [Fact]
    public void Absent_keys_and_values_of_the_wrong_shape_read_as_null()
    {
        var passport = Create("Behaviour.BindingAgentPassport", """
            {
              "region": 5, "count": "3", "active": "yes", "small": 256, "signed": 1.5, "u_int": -1, "id": "not-a-guid",
              "when": "yesterday", "level": "High", "tags": ["a", 1], "numbers": "1,2", "levels": ["Low", "Nope"],
              "where": {"x": "one"}, "maybe_count": null
            }
            """);
        foreach (var property in new[] { "Region", "Count", "Active", "Small", "Signed", "UInt", "Id", "When", "Level", "Tags", "Numbers", "Levels", "Where", "MaybeCount", "Price", "Custom" })
        {
            Assert.True(Read(passport, property) is null, property + " should read as null");
        }
    }

    private AgentPassport Create(string type, string state, PassportStatus status = PassportStatus.Unsigned) =>
        (AgentPassport)Activator.CreateInstance(_agents.Type(type), DispatchTests.Passport(status, state), LoadedAgents.Json)!;

    private static object? Read(AgentPassport passport, string property) =>
        passport.GetType().GetProperty(property)!.GetValue(passport);
}
