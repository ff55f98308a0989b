using System.Text.Json;
using A2AGen.Client;
using A2AGen.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Client;

/// <summary>
/// <c>Message.UserData(value, typeInfo)</c>: one data part written with the caller's source-generated type info, which
/// a real agent's skill taking a JSON type binds (docs/client.md's data-message example).
/// </summary>
public sealed class UserDataMessageTests
{
    [Fact]
    public void The_message_is_a_user_message_with_one_data_part_of_the_value()
    {
        var message = Message.UserData(new QuoteRequest(100m, "USD"), ToolboxJsonContext.Default.QuoteRequest, contextId: "c-1", taskId: "t-1");

        Assert.Equal(Role.User, message.Role);
        Assert.Equal(32, message.MessageId.Length);
        Assert.NotEqual(message.MessageId, Message.UserData(new QuoteRequest(1m, "EUR"), ToolboxJsonContext.Default.QuoteRequest).MessageId);
        Assert.Equal("c-1", message.ContextId);
        Assert.Equal("t-1", message.TaskId);
        var part = Assert.Single(message.Parts);
        Assert.Null(part.Text);
        Assert.Equal("""{"amount":100,"currency":"USD"}""", part.Data!.Value.GetRawText());
        Assert.Throws<ArgumentNullException>(() => Message.UserData(new QuoteRequest(1m, "EUR"), null!));
    }

    [Fact]
    public async Task A_skill_taking_a_json_type_receives_the_value()
    {
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.AddSingleton<SkillProbe>();
                s.AddA2AAgent<ToolboxAgent>(o => o.Json.TypeInfoResolverChain.Insert(0, ToolboxJsonContext.Default));
            },
            app => app.MapA2AAgent<ToolboxAgent>("/agents/toolbox"));
        var client = await A2AClient.ConnectAsync(host.Client, new Uri(host.BaseAddress, "/agents/toolbox"), new A2AClientOptions
        {
            CardTrust = host.Services.GetRequiredService<A2AKeyRing>().TrustStore,
            ExpectedAgentId = "toolbox",
        });

        var answer = await client.SendMessageAsync(Message.UserData(new QuoteRequest(100m, "USD"), ToolboxJsonContext.Default.QuoteRequest).ForSkill("quote"));

        var data = Assert.Single(Assert.Single(answer.Task!.Artifacts!).Parts).Data!.Value;
        var quote = data.Deserialize(ToolboxJsonContext.Default.Quote)!;
        Assert.Equal(new Quote(80m, "GBP", 0.8m), quote);
    }
}
