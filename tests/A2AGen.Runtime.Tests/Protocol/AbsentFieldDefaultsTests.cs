using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Runtime.Tests.Protocol;

/// <summary>
/// Fields missing from (or null in) incoming JSON keep their declared defaults, so code reading protocol values never
/// meets a null where the type says there is none.
/// </summary>
public sealed class AbsentFieldDefaultsTests
{
    [Theory]
    [InlineData("""{"role":"ROLE_USER"}""")]
    [InlineData("""{"messageId":null,"role":"ROLE_USER","parts":null}""")]
    public void Message_required_members_are_never_null(string json)
    {
        var message = A2AJson.Deserialize<Message>(json)!;

        Assert.Equal("", message.MessageId);
        Assert.Empty(message.Parts);
    }

    [Fact]
    public void Card_required_members_are_never_null()
    {
        var card = A2AJson.Deserialize<AgentCard>("{}")!;

        Assert.Equal("", card.Name);
        Assert.Equal("", card.Description);
        Assert.Equal("", card.Version);
        Assert.Empty(card.SupportedInterfaces);
        Assert.NotNull(card.Capabilities);
        Assert.Empty(card.DefaultInputModes);
        Assert.Empty(card.DefaultOutputModes);
        Assert.Empty(card.Skills);
    }

    [Fact]
    public void Nested_required_members_are_never_null()
    {
        var task = A2AJson.Deserialize<AgentTask>("""{"artifacts":[{}],"status":null}""")!;

        Assert.Equal("", task.Id);
        Assert.NotNull(task.Status);
        Assert.Equal("", task.Artifacts![0].ArtifactId);
        Assert.Empty(task.Artifacts[0].Parts);

        var skill = A2AJson.Deserialize<AgentSkill>("{}")!;
        Assert.Empty(skill.Tags);

        var requirement = A2AJson.Deserialize<AgentCard>("""{"securityRequirements":[{}],"securitySchemes":{"o":{"oauth2SecurityScheme":{}}}}""")!;
        Assert.Empty(requirement.SecurityRequirements![0].Schemes);
        Assert.NotNull(requirement.SecuritySchemes!["o"].OAuth2SecurityScheme!.Flows);
    }

    [Fact]
    public void Interface_defaults_apply_only_to_new_values()
    {
        Assert.Equal("JSONRPC", new AgentInterface().ProtocolBinding);
        Assert.Equal("1.0", new AgentInterface().ProtocolVersion);
        Assert.Equal("", A2AJson.Deserialize<AgentInterface>("{}")!.ProtocolBinding);
    }
}
