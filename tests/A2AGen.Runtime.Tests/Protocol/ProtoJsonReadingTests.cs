using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Runtime.Tests.Protocol;

/// <summary>What A2AGen reads: camelCase or snake_case names, enum names, numbers and v0.3 spellings.</summary>
public sealed class ProtoJsonReadingTests
{
    [Fact]
    public void Snake_case_names_are_read()
    {
        const string json = """
            {"message_id":"m1","context_id":"c1","task_id":"t1","role":"ROLE_USER",
             "parts":[{"text":"hi","media_type":"text/plain"}],"reference_task_ids":["t0"]}
            """;

        var message = A2AJson.Deserialize<Message>(json)!;

        Assert.Equal("m1", message.MessageId);
        Assert.Equal("c1", message.ContextId);
        Assert.Equal("t1", message.TaskId);
        Assert.Equal("text/plain", message.Parts[0].MediaType);
        Assert.Equal(["t0"], message.ReferenceTaskIds!);
    }

    [Fact]
    public void Free_form_metadata_keeps_its_keys()
    {
        const string json = """
            {"message_id":"m1","role":"ROLE_USER","parts":[{"data":{"user_id":"U001"}}],
             "metadata":{"https://x/secure-passport":{"client_id":"stays","state":{"loyalty_tier":"Gold"}}}}
            """;

        var message = A2AJson.Deserialize<Message>(json)!;

        Assert.Equal("U001", message.Parts[0].Data!.Value.GetProperty("user_id").GetString());
        var passport = message.Metadata!["https://x/secure-passport"];
        Assert.True(passport.TryGetProperty("client_id", out _));
        Assert.Equal("Gold", passport.GetProperty("state").GetProperty("loyalty_tier").GetString());
    }

    [Fact]
    public void Map_keys_keep_their_spelling_while_values_are_renamed()
    {
        const string json = """
            {"name":"n","description":"d","version":"1","supported_interfaces":[{"url":"u","protocol_binding":"JSONRPC","protocol_version":"1.0"}],
             "capabilities":{"push_notifications":true},
             "security_schemes":{"my_oauth":{"oauth2_security_scheme":{"flows":{"client_credentials":{"token_url":"t","scopes":{"read_all":"everything"}}}}},
                                 "api_key":{"api_key_security_scheme":{"location":"header","name":"X-Key"}}},
             "security_requirements":[{"schemes":{"my_oauth":{"list":["read_all"]}}}],
             "default_input_modes":["text/plain"],"default_output_modes":["text/plain"],"skills":[],"icon_url":"i"}
            """;

        var card = A2AJson.Deserialize<AgentCard>(json)!;

        Assert.Equal("JSONRPC", card.SupportedInterfaces[0].ProtocolBinding);
        Assert.True(card.Capabilities.PushNotifications);
        var oauth = card.SecuritySchemes!["my_oauth"].OAuth2SecurityScheme!;
        Assert.Equal("everything", oauth.Flows.ClientCredentials!.Scopes["read_all"]);
        Assert.Equal("X-Key", card.SecuritySchemes["api_key"].ApiKeySecurityScheme!.Name);
        Assert.Equal(["read_all"], card.SecurityRequirements![0].Schemes["my_oauth"].List);
        Assert.Equal("i", card.IconUrl);
    }

    [Theory]
    [InlineData("\"TASK_STATE_WORKING\"", TaskState.Working)]
    [InlineData("2", TaskState.Working)]
    [InlineData("\"working\"", TaskState.Working)]
    [InlineData("\"input-required\"", TaskState.InputRequired)]
    [InlineData("8", TaskState.AuthRequired)]
    public void Task_states_are_read_from_names_numbers_and_v03_spellings(string state, TaskState expected)
    {
        var status = A2AJson.Deserialize<AgentTask>("{\"id\":\"t\",\"status\":{\"state\":" + state + "}}")!.Status;

        Assert.Equal(expected, status.State);
    }

    [Theory]
    [InlineData("\"ROLE_AGENT\"", Role.Agent)]
    [InlineData("1", Role.User)]
    [InlineData("\"agent\"", Role.Agent)]
    public void Roles_are_read_from_names_numbers_and_v03_spellings(string role, Role expected)
    {
        Assert.Equal(expected, A2AJson.Deserialize<Message>($$"""{"messageId":"m","role":{{role}},"parts":[]}""")!.Role);
    }

    [Theory]
    [InlineData("\"TASK_STATE_BOGUS\"")]
    [InlineData("99")]
    [InlineData("true")]
    public void Unknown_enum_values_are_errors(string state)
    {
        var ex = Assert.Throws<JsonException>(() => A2AJson.Deserialize<AgentTask>("{\"id\":\"t\",\"status\":{\"state\":" + state + "}}"));

        Assert.Contains("TASK_STATE_COMPLETED", ex.Message);
    }

    [Fact]
    public void Unknown_fields_are_ignored()
    {
        var message = A2AJson.Deserialize<Message>("""{"messageId":"m","role":"ROLE_USER","kind":"message","parts":[{"kind":"text","text":"hi"}]}""")!;

        Assert.Equal("hi", message.Parts[0].Text);
    }

    [Fact]
    public void Timestamps_with_offsets_are_read_as_utc()
    {
        var task = A2AJson.Deserialize<AgentTask>("""{"id":"t","status":{"state":"TASK_STATE_COMPLETED","timestamp":"2025-10-28T12:30:00.5+02:00"}}""")!;

        Assert.Equal(new DateTimeOffset(2025, 10, 28, 10, 30, 0, 500, TimeSpan.Zero), task.Status.Timestamp);
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"a\":", 100)) + "1" + new string('}', 100);
        var json = $$"""{"messageId":"m","role":"ROLE_USER","parts":[{"data":{{deep}}}]}""";

        Assert.ThrowsAny<JsonException>(() => A2AJson.Deserialize<Message>(json));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"messageId":"m",}""")]
    [InlineData("""{"messageId":1}""")]
    public void Malformed_or_mistyped_json_is_an_error(string json)
    {
        Assert.ThrowsAny<JsonException>(() => A2AJson.Deserialize<Message>(json));
    }

    [Fact]
    public void Round_trip_preserves_a_full_task()
    {
        using var data = JsonDocument.Parse("""{"rate":1.25}""");
        var task = new AgentTask
        {
            Id = "t1",
            ContextId = "c1",
            Status = new A2AGen.Protocol.TaskStatus { State = TaskState.Completed, Timestamp = new DateTimeOffset(2025, 1, 2, 3, 4, 5, 6, TimeSpan.Zero) },
            Artifacts = [new Artifact { ArtifactId = "a1", Name = "quote", Parts = [Part.FromData(data.RootElement.Clone())] }],
            History = [Message.UserText("convert 100 USD") with { MessageId = "m1" }],
        };

        var json = A2AJson.Serialize(task);
        var back = A2AJson.Deserialize<AgentTask>(json)!;

        Assert.Equal(json, A2AJson.Serialize(back));
    }
}
