using System.Text.Json;
using A2AGen.Protocol;

namespace A2AGen.Runtime.Tests.Agents;

/// <summary>DESIGN §4 routing: metadata skill id, else the only skill, else the default skill, else an error naming the ids.</summary>
public sealed class AgentDescriptorRoutingTests
{
    private static readonly AgentDescriptor TwoSkills = new("desk", [new SkillDescriptor("convert", "Convert"), new SkillDescriptor("refund", "Refund")]);

    private static Message WithSkill(JsonElement selector) => Message.UserText("x") with
    {
        Metadata = new Dictionary<string, JsonElement> { [A2AProtocol.SkillMetadataKey] = selector },
    };

    [Fact]
    public void Metadata_selects_the_skill()
    {
        var skill = TwoSkills.Route(WithSkill(JsonSerializer.SerializeToElement("refund")), out var error);

        Assert.Equal("refund", skill!.Id);
        Assert.Null(error);
    }

    [Fact]
    public void ForSkill_addresses_the_skill_and_keeps_other_metadata()
    {
        var passport = JsonSerializer.SerializeToElement(new { clientId = "travel-desk" });
        var message = Message.UserText("x") with { Metadata = new Dictionary<string, JsonElement> { ["passport"] = passport } };

        var addressed = message.ForSkill("refund").ForSkill("convert");

        Assert.Equal("convert", TwoSkills.Route(addressed, out _)!.Id);
        Assert.Equal("travel-desk", addressed.Metadata!["passport"].GetProperty("clientId").GetString());
        Assert.Equal(2, addressed.Metadata.Count);
        Assert.Null(TwoSkills.Route(message, out _));
        Assert.Equal(message.MessageId, addressed.MessageId);
    }

    [Fact]
    public void Unknown_skill_in_metadata_names_the_available_ids()
    {
        var skill = TwoSkills.Route(WithSkill(JsonSerializer.SerializeToElement("../admin")), out var error);

        Assert.Null(skill);
        Assert.Contains("available skills: convert, refund", error);
        Assert.DoesNotContain("../admin", error);
    }

    [Fact]
    public void Non_string_selector_is_an_error()
    {
        Assert.Null(TwoSkills.Route(WithSkill(JsonSerializer.SerializeToElement(7)), out var error));
        Assert.Contains("must be a skill id string", error);
    }

    [Fact]
    public void The_only_skill_is_chosen_without_metadata()
    {
        var single = new AgentDescriptor("echo", [new SkillDescriptor("echo", "Echo")]);

        Assert.Equal("echo", single.Route(Message.UserText("x"), out _)!.Id);
    }

    [Fact]
    public void The_default_skill_is_chosen_when_there_are_several()
    {
        var withDefault = new AgentDescriptor("desk", TwoSkills.Skills) { DefaultSkillId = "convert" };

        Assert.Equal("convert", withDefault.Route(Message.UserText("x"), out _)!.Id);
    }

    [Fact]
    public void Without_metadata_or_default_routing_fails_with_the_ids()
    {
        Assert.Null(TwoSkills.Route(Message.UserText("x"), out var error));
        Assert.Contains("available skills: convert, refund", error);
    }
}
