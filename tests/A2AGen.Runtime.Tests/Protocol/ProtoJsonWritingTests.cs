using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Runtime.Tests.Protocol;

/// <summary>What A2AGen writes: camelCase ProtoJSON, enum names, and never an empty value.</summary>
public sealed class ProtoJsonWritingTests
{
    private static AgentCard MinimalCard() => new()
    {
        Name = "Echo",
        Description = "Echoes",
        Version = "1.0.0",
        SupportedInterfaces = [new AgentInterface { Url = "https://echo.example/a2a" }],
        Capabilities = new AgentCapabilities { Streaming = false, PushNotifications = false },
        DefaultInputModes = ["text/plain"],
        DefaultOutputModes = ["text/plain"],
        Skills = [new AgentSkill { Id = "echo", Name = "Echo", Description = "Echoes text", Tags = ["demo"] }],
    };

    [Fact]
    public void Card_is_written_in_camelCase_without_empty_values()
    {
        var json = A2AJson.Serialize(MinimalCard() with { DocumentationUrl = "", Signatures = [] });

        Assert.Equal(
            """{"name":"Echo","description":"Echoes","supportedInterfaces":[{"url":"https://echo.example/a2a","protocolBinding":"JSONRPC","protocolVersion":"1.0"}],"version":"1.0.0","capabilities":{"streaming":false,"pushNotifications":false},"defaultInputModes":["text/plain"],"defaultOutputModes":["text/plain"],"skills":[{"id":"echo","name":"Echo","description":"Echoes text","tags":["demo"]}]}""",
            json);
    }

    [Fact]
    public void Security_schemes_use_v1_oneof_member_names()
    {
        var card = MinimalCard() with
        {
            SecuritySchemes = new Dictionary<string, SecurityScheme>
            {
                ["oauth"] = new()
                {
                    OAuth2SecurityScheme = new OAuth2SecurityScheme
                    {
                        Flows = new OAuthFlows
                        {
                            ClientCredentials = new ClientCredentialsOAuthFlow
                            {
                                TokenUrl = "https://id.example/token",
                                Scopes = new Dictionary<string, string> { ["payments:write"] = "Move money" },
                            },
                        },
                        OAuth2MetadataUrl = "https://id.example/.well-known/oauth-authorization-server",
                    },
                },
                ["mtls"] = new() { MtlsSecurityScheme = new MutualTlsSecurityScheme { Description = "client certificate" } },
            },
        };

        using var doc = JsonDocument.Parse(A2AJson.Serialize(card));
        var schemes = doc.RootElement.GetProperty("securitySchemes");
        var oauth = schemes.GetProperty("oauth").GetProperty("oauth2SecurityScheme");
        Assert.Equal("https://id.example/token", oauth.GetProperty("flows").GetProperty("clientCredentials").GetProperty("tokenUrl").GetString());
        Assert.True(oauth.TryGetProperty("oauth2MetadataUrl", out _));
        Assert.Equal("client certificate", schemes.GetProperty("mtls").GetProperty("mtlsSecurityScheme").GetProperty("description").GetString());
        Assert.False(doc.RootElement.TryGetProperty("security", out _));
        Assert.False(schemes.GetProperty("mtls").TryGetProperty("type", out _));
    }

    [Fact]
    public void Enums_are_written_as_proto_names()
    {
        var task = new AgentTask
        {
            Id = "t1",
            Status = new A2AGen.Protocol.TaskStatus { State = TaskState.InputRequired, Message = Message.AgentText("more?") with { MessageId = "m1" } },
        };

        var json = A2AJson.Serialize(task);

        Assert.Contains("\"state\":\"TASK_STATE_INPUT_REQUIRED\"", json);
        Assert.Contains("\"role\":\"ROLE_AGENT\"", json);
    }

    [Fact]
    public void Timestamps_are_utc_with_Z_and_milliseconds()
    {
        var status = new A2AGen.Protocol.TaskStatus
        {
            State = TaskState.Completed,
            Timestamp = new DateTimeOffset(2025, 10, 28, 12, 30, 0, 142, TimeSpan.FromHours(2)),
        };

        Assert.Contains("\"timestamp\":\"2025-10-28T10:30:00.142Z\"", A2AJson.Serialize(new AgentTask { Id = "t", Status = status }));
    }

    [Fact]
    public void Parts_carry_no_kind_and_only_their_content()
    {
        using var data = JsonDocument.Parse("""{"amount":100}""");
        var message = new Message
        {
            MessageId = "m",
            Role = Role.User,
            Parts = [Part.FromText("hi"), Part.FromData(data.RootElement.Clone()), new Part { Raw = [1, 2, 3], MediaType = "application/octet-stream" }],
        };

        var json = A2AJson.Serialize(message);

        Assert.Equal(
            """{"messageId":"m","role":"ROLE_USER","parts":[{"text":"hi"},{"data":{"amount":100}},{"raw":"AQID","mediaType":"application/octet-stream"}]}""",
            json);
    }

    [Fact]
    public void Default_false_booleans_are_omitted_and_explicit_optionals_kept()
    {
        var extension = new AgentExtension { Uri = "urn:x", Required = false };
        var capabilities = new AgentCapabilities { Streaming = false, PushNotifications = false, Extensions = [extension] };

        Assert.Equal(
            """{"streaming":false,"pushNotifications":false,"extensions":[{"uri":"urn:x"}]}""",
            A2AJson.Serialize(capabilities with { }));
        Assert.Contains("\"required\":true", A2AJson.Serialize(extension with { Required = true }));
    }

    [Fact]
    public void Required_fields_of_list_responses_are_written_even_when_empty()
    {
        var json = A2AJson.Serialize(new ListTasksResponse { PageSize = 50, TotalSize = 0 });

        Assert.Equal("""{"tasks":[],"nextPageToken":"","pageSize":50,"totalSize":0}""", json);
    }

    [Fact]
    public void Non_ascii_text_is_written_readably_and_round_trips()
    {
        var json = A2AJson.Serialize(Part.FromText("café 💶 <b>"));

        // BMP characters and HTML-sensitive ones stay literal; System.Text.Json escapes astral characters as
        // surrogate pairs, which every JSON reader decodes to the same string.
        Assert.StartsWith("""{"text":"café """, json);
        Assert.EndsWith(""" <b>"}""", json);
        Assert.Equal("café 💶 <b>", A2AJson.Deserialize<Part>(json)!.Text);
    }
}
