using System.Text.Json;
using System.Text.Json.Serialization;
using A2AGen.Protocol;

namespace A2AGen.Runtime.Tests.Agents;

public sealed partial class SkillBinderTests
{
    public sealed record Amount(decimal Value, string Currency);

    [JsonSerializable(typeof(Amount))]
    [JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
    private sealed partial class TestJson : JsonSerializerContext;

    private static Message With(params Part[] parts) => new() { MessageId = "m", Role = Role.User, Parts = parts };

    [Fact]
    public void Text_parts_are_joined_with_new_lines()
    {
        Assert.Equal("a\nb", SkillBinder.GetText(With(Part.FromText("a"), new Part { Url = "https://x" }, Part.FromText("b"))));
    }

    [Fact]
    public void Missing_text_names_the_field()
    {
        var ex = Assert.Throws<SkillBindingException>(() => SkillBinder.GetText(With(new Part { Url = "https://x" })));

        Assert.Equal("message.parts", ex.Field);
    }

    [Fact]
    public void First_data_part_is_bound()
    {
        var message = With(Part.FromText("x"), Part.FromData(JsonSerializer.SerializeToElement(new { value = 12.5, currency = "GBP" })));

        Assert.Equal(new Amount(12.5m, "GBP"), SkillBinder.GetData(message, TestJson.Default.Amount));
    }

    [Fact]
    public void Data_of_the_wrong_shape_names_the_field_at_fault()
    {
        var message = With(Part.FromText("x"), Part.FromData(JsonSerializer.SerializeToElement(new { value = "lots", currency = "GBP" })));

        var ex = Assert.Throws<SkillBindingException>(() => SkillBinder.GetData(message, TestJson.Default.Amount));

        Assert.Equal("message.parts[1].data.value", ex.Field);
        Assert.DoesNotContain("lots", ex.Message);
    }

    [Fact]
    public void Missing_data_part_is_an_error()
    {
        var ex = Assert.Throws<SkillBindingException>(() => SkillBinder.GetData(With(Part.FromText("x")), TestJson.Default.Amount));

        Assert.Contains("data part", ex.Message);
    }
}
