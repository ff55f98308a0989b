using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests;

/// <summary>Routing to skills, parameter validation, result mapping and skill failures.</summary>
public sealed class DispatchTests(ToolboxFixture fixture) : IClassFixture<ToolboxFixture>
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task The_skill_metadata_routes_the_message()
    {
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("3", "count"));
        var parts = reply.Result.GetProperty("task").GetProperty("artifacts")[0].GetProperty("parts");
        Assert.Equal(["1", "2", "3"], parts.EnumerateArray().Select(p => p.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Without_skill_metadata_the_default_skill_runs()
    {
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("plain"));
        Assert.Equal("plain", reply.Result.GetProperty("task").GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task An_unknown_skill_is_invalid_params_naming_the_available_skills()
    {
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("x", "teleport"));
        Assert.Equal(-32602, reply.ErrorCode);
        Assert.Equal("SKILL_NOT_FOUND", reply.Reason);
        Assert.Contains("echo, quote, greet", reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("params.message.metadata[\"urn:a2agen:skill\"]", reply.Field);
    }

    [Fact]
    public async Task A_data_skill_binds_the_data_part_and_answers_data()
    {
        var parameters = """{"message":{"messageId":"dispatch-01","role":"ROLE_USER","parts":[{"data":{"amount":100,"currency":"USD"}}],"metadata":{"urn:a2agen:skill":"quote"}}}""";
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", parameters);
        var data = reply.Result.GetProperty("task").GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("data");
        Assert.Equal(80m, data.GetProperty("amount").GetDecimal());
        Assert.Equal("GBP", data.GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Without_a_json_context_user_types_use_the_reflection_defaults()
    {
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.AddSingleton<SkillProbe>();
                s.AddA2AAgent<ToolboxAgent>();
            },
            app => app.MapA2AAgent<ToolboxAgent>("/toolbox"));
        var parameters = """{"message":{"messageId":"dispatch-02","role":"ROLE_USER","parts":[{"data":{"amount":10,"currency":"USD"}}],"metadata":{"urn:a2agen:skill":"quote"}}}""";
        var reply = await Rpc.CallAsync(host.Client, "/toolbox", "SendMessage", parameters);
        Assert.False(reply.IsError, reply.Raw + string.Join("\n", host.Logs.Entries.Where(e => e.Exception is not null).Select(e => e.Exception!.ToString())));
        Assert.Equal(8m, reply.Result.GetProperty("task").GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("data").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task A_data_part_of_the_wrong_shape_is_invalid_params_naming_the_field()
    {
        var parameters = """{"message":{"messageId":"dispatch-03","role":"ROLE_USER","parts":[{"data":{"amount":"lots","currency":"USD"}}],"metadata":{"urn:a2agen:skill":"quote"}}}""";
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", parameters);
        Assert.Equal(-32602, reply.ErrorCode);
        Assert.Equal("params.message.parts[0].data.amount", reply.Field);
    }

    [Fact]
    public async Task A_text_skill_without_text_is_invalid_params()
    {
        var parameters = """{"message":{"messageId":"dispatch-04","role":"ROLE_USER","parts":[{"data":{"x":1}}]}}""";
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", parameters);
        Assert.Equal(-32602, reply.ErrorCode);
        Assert.Equal("params.message.parts", reply.Field);
    }

    [Theory]
    [InlineData("""{}""", "params.message")]
    [InlineData("""{"message":{"role":"ROLE_USER","parts":[{"text":"x"}]}}""", "params.message.messageId")]
    [InlineData("""{"message":{"messageId":"m","role":"ROLE_AGENT","parts":[{"text":"x"}]}}""", "params.message.role")]
    [InlineData("""{"message":{"messageId":"m","role":"ROLE_USER","parts":[]}}""", "params.message.parts")]
    [InlineData("""{"message":{"messageId":"m","role":"ROLE_USER"}}""", "params.message.parts")]
    [InlineData("""{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"x","url":"https://e.com"}]}}""", "params.message.parts[0]")]
    [InlineData("""{"message":{"messageId":"m","role":"ROLE_USER","parts":[{}]}}""", "params.message.parts[0]")]
    [InlineData("""{"message":{"messageId":"m","role":"ROLE_ROBOT","parts":[{"text":"x"}]}}""", "params.message.role")]
    [InlineData("""{"message":{"messageId":"m","role":"ROLE_USER","parts":"text"}}""", "params.message.parts")]
    [InlineData("""{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"x"}],"contextId":"../../etc/passwd"}}""", "params.message.contextId")]
    [InlineData("""{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"x"}],"taskId":"a b"}}""", "params.message.taskId")]
    [InlineData("""{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"x"}]},"configuration":{"historyLength":-1}}""", "params.configuration.historyLength")]
    public async Task Invalid_message_params_name_the_field(string parameters, string field)
    {
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", parameters);
        Assert.True(reply.IsError, reply.Raw);
        Assert.Equal(-32602, reply.ErrorCode);
        Assert.Equal(field, reply.Field);
        Assert.Equal(field, reply.ErrorInfo.GetProperty("metadata").GetProperty("field").GetString());
    }

    [Fact]
    public async Task Snake_case_params_are_read()
    {
        var parameters = """{"message":{"message_id":"m","role":"ROLE_USER","parts":[{"text":"snake"}],"context_id":"ctx-snake"}}""";
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", parameters);
        Assert.Equal("ctx-snake", reply.Result.GetProperty("task").GetProperty("contextId").GetString());
    }

    [Fact]
    public async Task A_message_skill_answers_with_a_direct_message()
    {
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("Ada", "greet", ",\"contextId\":\"c-7\""));
        var message = reply.Result.GetProperty("message");
        Assert.False(reply.Result.TryGetProperty("task", out _));
        Assert.Equal("ROLE_AGENT", message.GetProperty("role").GetString());
        Assert.Equal("Hello, Ada!", message.GetProperty("parts")[0].GetProperty("text").GetString());
        Assert.Equal("c-7", message.GetProperty("contextId").GetString());
        Assert.False(message.TryGetProperty("taskId", out _));
    }

    [Fact]
    public async Task A_message_without_parts_from_a_skill_is_an_invalid_agent_response()
    {
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("x", "mute"));
        Assert.Equal(500, reply.Status);
        Assert.Equal(-32006, reply.ErrorCode);
        Assert.Equal("INVALID_AGENT_RESPONSE", reply.Reason);
    }

    [Fact]
    public async Task A_void_skill_completes_without_artifacts()
    {
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("x", "nothing"));
        var task = reply.Result.GetProperty("task");
        Assert.Equal("TASK_STATE_COMPLETED", task.GetProperty("status").GetProperty("state").GetString());
        Assert.False(task.TryGetProperty("artifacts", out _));
    }

    [Fact]
    public async Task A_throwing_skill_is_an_internal_error_with_a_correlation_id_and_no_details()
    {
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("x", "fail"));
        Assert.Equal(500, reply.Status);
        Assert.Equal(-32603, reply.ErrorCode);
        var correlationId = reply.ErrorInfo.GetProperty("metadata").GetProperty("correlationId").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", correlationId);
        Assert.Contains(correlationId, reply.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", reply.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", reply.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", reply.Raw, StringComparison.Ordinal);

        var logged = fixture.Host.Logs.WithId(1100).Single(e => e.Message.Contains(correlationId, StringComparison.Ordinal));
        Assert.IsType<InvalidOperationException>(logged.Exception);
    }

    [Fact]
    public async Task Input_media_types_are_checked_against_the_skill()
    {
        var text = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("x", "image"));
        Assert.Equal(-32005, text.ErrorCode);
        Assert.Equal("params.message.parts[0]", text.Field);

        var png = """{"message":{"messageId":"dispatch-05","role":"ROLE_USER","parts":[{"raw":"iVBORw0KGgo=","mediaType":"image/png"}],"metadata":{"urn:a2agen:skill":"image"}}}""";
        var ok = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", png);
        Assert.False(ok.IsError, ok.Raw);
    }

    [Fact]
    public async Task Accepted_output_modes_must_meet_the_skill()
    {
        var none = """{"message":{"messageId":"dispatch-06","role":"ROLE_USER","parts":[{"text":"x"}]},"configuration":{"acceptedOutputModes":["image/png"]}}""";
        var refused = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", none);
        Assert.Equal(-32005, refused.ErrorCode);
        Assert.Equal("params.configuration.acceptedOutputModes", refused.Field);

        var wildcard = """{"message":{"messageId":"dispatch-07","role":"ROLE_USER","parts":[{"text":"x"}]},"configuration":{"acceptedOutputModes":["text/*"]}}""";
        Assert.False((await Rpc.CallAsync(Client, "/toolbox", "SendMessage", wildcard)).IsError);
    }

    [Fact]
    public async Task A_follow_up_to_a_finished_task_is_unsupported()
    {
        var first = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("x"));
        var taskId = first.Result.GetProperty("task").GetProperty("id").GetString();
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("again", extra: $",\"taskId\":\"{taskId}\""));
        Assert.Equal(-32004, reply.ErrorCode);
        Assert.Contains("TASK_STATE_COMPLETED", reply.ErrorMessage, StringComparison.Ordinal);

        var unknown = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("again", extra: ",\"taskId\":\"no-such-task\""));
        Assert.Equal(-32001, unknown.ErrorCode);
    }

    [Fact]
    public async Task The_skill_context_carries_the_verified_request_facts()
    {
        var probe = fixture.Host.Services.GetRequiredService<SkillProbe>();
        var parameters = """
            {"message":{"messageId":"dispatch-08","role":"ROLE_USER","parts":[{"text":"x"}],"contextId":"ctx-vip",
             "metadata":{"urn:a2agen:skill":"vip","https://github.com/a2aproject/a2a-samples/tree/main/samples/python/extensions/secure-passport":
               {"clientId":"travel-desk","sessionId":"s-1","state":{"loyalty_tier":"gold"}}}}}
            """;
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", parameters,
            [Rpc.Header(TestHost.UserHeader, "alice"), Rpc.Header("A2A-Extensions", Protocol.A2AProtocol.SecurePassportExtensionUri)]);

        Assert.Equal("travel-desk is gold", reply.Result.GetProperty("task").GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());
        var context = probe.LastContext!;
        Assert.Equal("toolbox", context.AgentId);
        Assert.Equal("vip", context.SkillId);
        Assert.Equal("ctx-vip", context.ContextId);
        Assert.Equal(reply.Result.GetProperty("task").GetProperty("id").GetString(), context.TaskId);
        Assert.Equal("alice", context.User?.Identity?.Name);
        Assert.Null(context.CallerId);
        Assert.Equal([Protocol.A2AProtocol.SecurePassportExtensionUri], context.ActivatedExtensions);
        Assert.Equal(Passport.PassportStatus.Unsigned, probe.LastPassport!.Status);
        Assert.False(probe.LastPassport.IsSignatureVerified);
    }
}
