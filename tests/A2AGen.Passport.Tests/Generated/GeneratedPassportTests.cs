using System.Reflection;

namespace A2AGen.Passport.Tests.Generated;

/// <summary>
/// Issue 5 item 1, checked on the generator's real output for the scenario agents: typed passports (string keys →
/// <c>string?</c>; <c>typeof(T)</c> → T's properties with their types), <c>ClientId</c>, <c>SessionId</c>,
/// <c>IsSignatureVerified</c>, <c>TryGet&lt;T&gt;</c>; the card's extension with <c>supportedStateKeys</c>; skills
/// that take the typed passport; high-privilege defaults.
/// </summary>
public sealed class GeneratedPassportTests
{
    private static readonly NullabilityInfoContext Nullability = new();

    private static (Type Type, NullabilityState State) Property<TPassport>(string name)
    {
        var property = typeof(TPassport).GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new Xunit.Sdk.XunitException($"{typeof(TPassport).Name} has no property {name}");
        return (property.PropertyType, Nullability.Create(property).ReadState);
    }

    private static PassportContext Context(string state, PassportStatus status = PassportStatus.Verified) => new()
    {
        Status = status,
        Value = new CallerContext { ClientId = "a2a://marketing-agent.com", SessionId = "s-1", State = State.Of(state) },
    };

    [Fact]
    public void String_keys_become_nullable_string_properties()
    {
        Assert.Equal((typeof(string), NullabilityState.Nullable), Property<CurrencyAgentPassport>("UserPreferredCurrency"));
        Assert.Equal((typeof(string), NullabilityState.Nullable), Property<CurrencyAgentPassport>("UserId"));
        Assert.Equal((typeof(string), NullabilityState.Nullable), Property<RetailAgentPassport>("ProductSku"));
    }

    [Fact]
    public void Typed_keys_keep_their_types()
    {
        Assert.Equal((typeof(string), NullabilityState.Nullable), Property<TravelAgentPassport>("Destination"));
        Assert.Equal((typeof(string[]), NullabilityState.Nullable), Property<TravelAgentPassport>("TravelDates"));
        Assert.Equal((typeof(IReadOnlyList<string>), NullabilityState.Nullable), Property<FinanceAgentPassport>("AccessScope"));
        Assert.Equal(typeof(AgentPassport), typeof(FinanceAgentPassport).BaseType);
    }

    [Fact]
    public void The_typed_passport_reads_state_identity_session_and_verification()
    {
        var passport = new FinanceAgentPassport(Context("""{"query_type":"quarterly_revenue","access_scope":["read:finance_db","user:Gulli"],"extra":{"n":3}}"""), TestJson.Default.Options);
        Assert.Equal("quarterly_revenue", passport.QueryType);
        Assert.Equal(["read:finance_db", "user:Gulli"], passport.AccessScope);
        Assert.Equal("a2a://marketing-agent.com", passport.ClientId);
        Assert.Equal("s-1", passport.SessionId);
        Assert.True(passport.IsSignatureVerified);
        Assert.True(passport.TryGet<string[]>("access_scope", out var scope));
        Assert.Equal(2, scope.Length);
        Assert.False(passport.TryGet<int>("query_type", out _));
        Assert.False(passport.TryGet<string>("absent", out _));

        var unsigned = new FinanceAgentPassport(Context("""{"access_scope":"not-a-list"}""", PassportStatus.Unsigned), TestJson.Default.Options);
        Assert.False(unsigned.IsSignatureVerified);
        Assert.Null(unsigned.AccessScope);
        Assert.Null(unsigned.QueryType);
    }

    [Theory]
    [InlineData(typeof(CurrencyAgent), new[] { "user_preferred_currency", "user_id" })]
    [InlineData(typeof(TravelAgent), new[] { "destination", "loyalty_tier", "dates" })]
    [InlineData(typeof(RetailAgent), new[] { "product_sku", "user_intent" })]
    [InlineData(typeof(FinanceAgent), new[] { "query_type", "access_scope" })]
    public void The_card_declares_the_extension_with_its_supported_state_keys(Type agent, string[] keys)
    {
        var card = (AgentCard)agent.GetProperty("Card", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        var extension = Assert.Single(card.Capabilities.Extensions!, e => e.Uri == PassportFormat.ExtensionUri);
        Assert.Equal(keys, extension.Params!["supportedStateKeys"].EnumerateArray().Select(k => k.GetString()));
        Assert.False(extension.Required);
    }

    [Fact]
    public void Skills_take_the_typed_passport_and_carry_their_effective_policy()
    {
        var revenue = FinanceAgent.Descriptor.FindSkill("quarterly-revenue")!;
        Assert.True(revenue.BindsPassport);
        Assert.Equal(SkillPrivilege.High, revenue.Privilege);
        Assert.Equal(SignatureRequirement.Required, revenue.RequestSignature);
        Assert.Equal(SignatureRequirement.Required, revenue.PassportSignature);
        Assert.True(revenue.RequiresPassport);
        Assert.Equal(["access_scope"], revenue.RequiredPassportKeys);

        var book = TravelAgent.Descriptor.FindSkill("book")!;
        Assert.True(book.RequiresPassport);
        Assert.Equal(SignatureRequirement.Optional, book.PassportSignature);

        var convert = CurrencyAgent.Descriptor.FindSkill("convert")!;
        Assert.True(convert.BindsPassport);
        Assert.False(convert.RequiresPassport);
        Assert.Equal(SignatureRequirement.Optional, convert.PassportSignature);
        Assert.Equal(typeof(TravelAgentPassport), typeof(TravelAgent).GetMethod("Book")!.GetParameters()[1].ParameterType);
    }
}
