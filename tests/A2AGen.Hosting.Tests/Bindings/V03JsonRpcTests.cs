using System.Text.Json;
using System.Text.Json.Nodes;
using A2AGen.Protocol;
using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Bindings;

/// <summary>
/// A2A 0.3 on the JSON-RPC binding, raw on the wire: 0.3 method names and shapes in, 0.3 shapes out, selected by
/// <c>A2A-Version</c> (absent = 0.3), through the same pipeline as 1.0.
/// </summary>
public sealed class V03JsonRpcTests(ToolboxFixture fixture) : IClassFixture<ToolboxFixture>
{
    private HttpClient Client => fixture.Client;

    internal static string V03Text(string text, string? skill = null, string extraMessage = "", string extraParams = "")
    {
        var metadata = skill is null ? "" : ",\"metadata\":{\"urn:a2agen:skill\":\"" + skill + "\"}";
        return "{\"message\":{\"kind\":\"message\",\"messageId\":\"" + Guid.NewGuid() + "\",\"role\":\"user\",\"parts\":[{\"kind\":\"text\",\"text\":" + JsonSerializer.Serialize(text) + "}]" + metadata + extraMessage + "}" + extraParams + "}";
    }

    [Fact]
    public async Task Message_send_answers_a_v03_task_with_kinds_and_lower_case_states()
    {
        var reply = await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("message/send", V03Text("hello 0.3")), version: "0.3");

        Assert.False(reply.IsError, reply.Raw + string.Join("\n", fixture.Host.Logs.Entries.Where(e => e.Exception is not null).Select(e => e.Exception!.ToString())));
        var task = reply.Result;
        Assert.Equal("task", task.GetProperty("kind").GetString());
        Assert.Equal("completed", task.GetProperty("status").GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(task.GetProperty("contextId").GetString()));
        var part = task.GetProperty("artifacts")[0].GetProperty("parts")[0];
        Assert.Equal("text", part.GetProperty("kind").GetString());
        Assert.Equal("hello 0.3", part.GetProperty("text").GetString());
        var history = task.GetProperty("history")[0];
        Assert.Equal("message", history.GetProperty("kind").GetString());
        Assert.Equal("user", history.GetProperty("role").GetString());
        Assert.Equal("text", history.GetProperty("parts")[0].GetProperty("kind").GetString());

        var get = await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("tasks/get", $$"""{"id":"{{task.GetProperty("id").GetString()}}","historyLength":0}"""), version: "0.3");
        Assert.Equal("task", get.Result.GetProperty("kind").GetString());
        Assert.Equal("completed", get.Result.GetProperty("status").GetProperty("state").GetString());
        Assert.False(get.Result.TryGetProperty("history", out _));
    }

    [Fact]
    public async Task Without_a_version_a_v03_method_is_v03_and_a_v10_method_keeps_the_version_refusal()
    {
        var v03 = await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("message/send", V03Text("no header")), version: null);
        Assert.Equal("completed", v03.Result.GetProperty("status").GetProperty("state").GetString());

        var v10 = await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("SendMessage", Rpc.UserText("x")), version: null);
        Assert.Equal(-32009, v10.ErrorCode);
        Assert.Equal("VERSION_NOT_SUPPORTED", v10.Reason);
    }

    [Fact]
    public async Task Http_json_does_not_speak_v03()
    {
        using var request = Rest.Request(HttpMethod.Post, "/toolbox/message:send", Rpc.UserText("x"), version: "0.3");
        using var response = await Client.SendAsync(request);
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("VERSION_NOT_SUPPORTED", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_and_v10_methods_under_v03_are_method_not_found()
    {
        var unknown = await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("tasks/teleport", "{}"), version: "0.3");
        Assert.Equal(-32601, unknown.ErrorCode);
        var current = await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("SendMessage", Rpc.UserText("x")), version: "0.3");
        Assert.Equal(-32601, current.ErrorCode);
        Assert.Contains("not an A2A 0.3 method", current.ErrorMessage, StringComparison.Ordinal);
        // v0.3 has no tasks/list on JSON-RPC.
        var list = await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("tasks/list", "{}"), version: "0.3");
        Assert.Equal(-32601, list.ErrorCode);
        // Push configs are the same operation as in 1.0: not supported (-32003).
        var push = await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("tasks/pushNotificationConfig/set", "{\"taskId\":\"t\",\"pushNotificationConfig\":{\"url\":\"https://example.com/hook\"}}"), version: "0.3");
        Assert.Equal(-32003, push.ErrorCode);
        // A 0.3 name under 1.0 keeps today's answer.
        var legacy = await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("message/send", V03Text("x")));
        Assert.Equal(-32601, legacy.ErrorCode);
        Assert.Contains("'SendMessage'", legacy.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_parts_with_bytes_and_uri_reach_the_skill_and_bad_kinds_are_invalid_params()
    {
        var bytes = V03Text("ignored", "image").Replace("{\"kind\":\"text\",\"text\":\"ignored\"}",
            "{\"kind\":\"file\",\"file\":{\"bytes\":\"iVBORw0K\",\"mimeType\":\"image/png\",\"name\":\"a.png\"}},{\"kind\":\"file\",\"file\":{\"uri\":\"https://example.com/b.png\",\"mimeType\":\"image/png\"}}", StringComparison.Ordinal);
        var reply = await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("message/send", bytes), version: "0.3");
        Assert.False(reply.IsError, reply.Raw);
        Assert.Equal("image of 2", reply.Result.GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());
        var echoed = reply.Result.GetProperty("history")[0].GetProperty("parts");
        Assert.Equal("file", echoed[0].GetProperty("kind").GetString());
        Assert.Equal("iVBORw0K", echoed[0].GetProperty("file").GetProperty("bytes").GetString());
        Assert.Equal("a.png", echoed[0].GetProperty("file").GetProperty("name").GetString());
        Assert.Equal("image/png", echoed[0].GetProperty("file").GetProperty("mimeType").GetString());
        Assert.Equal("https://example.com/b.png", echoed[1].GetProperty("file").GetProperty("uri").GetString());

        var badKind = V03Text("x").Replace("\"kind\":\"text\"", "\"kind\":\"video\"", StringComparison.Ordinal);
        var refused = await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("message/send", badKind), version: "0.3");
        Assert.Equal(-32602, refused.ErrorCode);
        Assert.Contains("params.message.parts[0].kind", refused.ErrorMessage, StringComparison.Ordinal);

        var badRole = V03Text("x").Replace("\"role\":\"user\"", "\"role\":\"ROLE_USER\"", StringComparison.Ordinal);
        Assert.Equal(-32602, (await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("message/send", badRole), version: "0.3")).ErrorCode);
    }

    [Fact]
    public async Task Message_stream_sends_v03_events_ending_with_final()
    {
        using var request = Rpc.Post("/toolbox", Rpc.Request("message/stream", V03Text("2", "count"), "\"s-1\""), version: "0.3");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStringAsync();
        var events = body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Trim()).Where(e => e.StartsWith("data: ", StringComparison.Ordinal))
            .Select(e => JsonDocument.Parse(e[6..]).RootElement.GetProperty("result")).ToArray();

        Assert.Equal("task", events[0].GetProperty("kind").GetString());
        Assert.Equal("submitted", events[0].GetProperty("status").GetProperty("state").GetString());
        var artifacts = events.Where(e => e.GetProperty("kind").GetString() == "artifact-update").ToArray();
        Assert.Equal(["1", "2"], artifacts.Select(a => a.GetProperty("artifact").GetProperty("parts")[0].GetProperty("text").GetString()));
        Assert.All(artifacts, a => Assert.Equal("text", a.GetProperty("artifact").GetProperty("parts")[0].GetProperty("kind").GetString()));
        var last = events[^1];
        Assert.Equal("status-update", last.GetProperty("kind").GetString());
        Assert.Equal("completed", last.GetProperty("status").GetProperty("state").GetString());
        Assert.True(last.GetProperty("final").GetBoolean());
        Assert.All(events.Where(e => e.GetProperty("kind").GetString() == "status-update").SkipLast(1), e => Assert.False(e.GetProperty("final").GetBoolean()));
    }

    [Fact]
    public async Task X_a2a_extensions_is_read_and_echoed_under_its_v03_name()
    {
        var reply = await Rpc.SendAsync(Client, "/toolbox", Rpc.Request("message/send", V03Text("x")), version: "0.3",
            headers: [Rpc.Header("X-A2A-Extensions", "urn:unknown:ext, " + A2AProtocol.RequestSigningExtensionUri)]);
        Assert.Equal(A2AProtocol.RequestSigningExtensionUri, Assert.Single(reply.Headers.GetValues("X-A2A-Extensions")));
        Assert.False(reply.Headers.Contains("A2A-Extensions"));

        var strict = await Rpc.SendAsync(Client, "/strict", Rpc.Request("message/send", V03Text("x")), version: "0.3");
        Assert.Equal(-32008, strict.ErrorCode);
    }

    [Fact]
    public async Task The_card_is_v10_by_default_and_v03_on_request()
    {
        using var current = await Client.GetAsync("/toolbox/.well-known/agent-card.json");
        var v10 = JsonDocument.Parse(await current.Content.ReadAsStringAsync()).RootElement;
        Assert.True(v10.TryGetProperty("supportedInterfaces", out _));
        Assert.False(v10.TryGetProperty("url", out _));
        Assert.Contains("A2A-Version", current.Headers.Vary);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/toolbox/.well-known/agent-card.json");
        request.Headers.Add("A2A-Version", "0.3");
        using var legacy = await Client.SendAsync(request);
        var v03 = JsonDocument.Parse(await legacy.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("0.3.0", v03.GetProperty("protocolVersion").GetString());
        Assert.Equal(new Uri(fixture.Host.BaseAddress, "/toolbox").ToString(), v03.GetProperty("url").GetString());
        Assert.Equal("JSONRPC", v03.GetProperty("preferredTransport").GetString());
        Assert.Equal(v10.GetProperty("skills").GetArrayLength(), v03.GetProperty("skills").GetArrayLength());
        Assert.NotEqual(current.Headers.ETag, legacy.Headers.ETag);
    }

    [Fact]
    public void Results_translate_file_and_data_parts_and_every_state()
    {
        var task = new AgentTask
        {
            Id = "t1",
            ContextId = "c1",
            Status = new Protocol.TaskStatus { State = TaskState.InputRequired, Message = new Message { MessageId = "m", Role = Role.Agent, Parts = [new Part { Text = "more?" }] } },
            Artifacts =
            [
                new Artifact
                {
                    ArtifactId = "a1",
                    Parts =
                    [
                        new Part { Raw = [1, 2, 3], MediaType = "application/octet-stream", Filename = "x.bin" },
                        new Part { Url = "https://example.com/y", MediaType = "text/plain" },
                        new Part { Data = JsonDocument.Parse("{\"k\":1}").RootElement },
                        new Part { Data = JsonDocument.Parse("[1,2]").RootElement },
                    ],
                },
            ],
        };
        var node = V03Responses.Result(A2AOperation.GetTask, task, Protocol.Serialization.A2AJson.GetTypeInfo<AgentTask>());
        Assert.Equal("task", (string?)node["kind"]);
        Assert.Equal("input-required", (string?)node["status"]!["state"]);
        Assert.Equal("agent", (string?)node["status"]!["message"]!["role"]);
        Assert.Equal("message", (string?)node["status"]!["message"]!["kind"]);
        var parts = node["artifacts"]![0]!["parts"]!.AsArray();
        Assert.Equal("file", (string?)parts[0]!["kind"]);
        Assert.Equal("AQID", (string?)parts[0]!["file"]!["bytes"]);
        Assert.Equal("x.bin", (string?)parts[0]!["file"]!["name"]);
        Assert.Equal("application/octet-stream", (string?)parts[0]!["file"]!["mimeType"]);
        Assert.Equal("https://example.com/y", (string?)parts[1]!["file"]!["uri"]);
        Assert.Equal("data", (string?)parts[2]!["kind"]);
        Assert.Equal(1, (int)parts[2]!["data"]!["k"]!);
        Assert.Equal("[1,2]", parts[3]!["data"]!["value"]!.ToJsonString());
        Assert.True((bool)parts[3]!["metadata"]![V03Requests.DataPartCompatFlag]!);

        foreach (var (state, expected) in new[]
        {
            (TaskState.Submitted, "submitted"), (TaskState.Working, "working"), (TaskState.Completed, "completed"),
            (TaskState.Failed, "failed"), (TaskState.Canceled, "canceled"), (TaskState.Rejected, "rejected"),
            (TaskState.AuthRequired, "auth-required"), (TaskState.Unspecified, "unknown"),
        })
        {
            var update = V03Responses.Event(new StreamResponse { StatusUpdate = new TaskStatusUpdateEvent { TaskId = "t", ContextId = "c", Status = new() { State = state } } });
            Assert.Equal(expected, (string?)update["status"]!["state"]);
            Assert.Equal(state.IsTerminal() || state == TaskState.AuthRequired, (bool)update["final"]!);
        }
    }

    [Fact]
    public async Task Turned_off_v03_keeps_the_refusals()
    {
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.AddSingleton<SkillProbe>();
                s.AddA2AAgent<ToolboxAgent>(o =>
                {
                    o.Json.TypeInfoResolverChain.Insert(0, ToolboxJsonContext.Default);
                    o.AcceptProtocolV03 = false;
                });
            },
            app => app.MapA2AAgent<ToolboxAgent>("/toolbox"));

        var declared = await Rpc.SendAsync(host.Client, "/toolbox", Rpc.Request("message/send", V03Text("x")), version: "0.3");
        Assert.Equal(-32009, declared.ErrorCode);
        var absent = await Rpc.SendAsync(host.Client, "/toolbox", Rpc.Request("message/send", V03Text("x")), version: null);
        Assert.Equal(-32009, absent.ErrorCode);
        var named = await Rpc.SendAsync(host.Client, "/toolbox", Rpc.Request("message/send", V03Text("x")));
        Assert.Equal(-32601, named.ErrorCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/toolbox/.well-known/agent-card.json");
        request.Headers.Add("A2A-Version", "0.3");
        using var card = await host.Client.SendAsync(request);
        Assert.True(JsonDocument.Parse(await card.Content.ReadAsStringAsync()).RootElement.TryGetProperty("supportedInterfaces", out _));
    }

    [Fact]
    public async Task A_signed_v03_request_is_verified_like_a_v10_one()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));
        using var caller = new TestCaller("travel-desk", clock: clock);
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                s.AddA2AAgent<WhoAmIAgent>();
            },
            app => app.MapA2AAgent<WhoAmIAgent>("/whoami"));
        caller.TrustedBy(host.Services.GetRequiredService<A2AKeyRing>().TrustStore);
        var url = new Uri(host.BaseAddress, "/whoami");

        var v03Body = Rpc.Request("message/send", V03Text("who", "secure"));
        var signed = await Rpc.SendAsync(host.Client, "/whoami", v03Body, version: "0.3", headers: [Rpc.Header("A2A-Signature", caller.Sign(url, v03Body))]);
        Assert.False(signed.IsError, signed.Raw);
        Assert.Contains("iss=travel-desk", signed.Result.GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString(), StringComparison.Ordinal);

        // Tampered: the signature covers another body. Unsigned: the skill requires a signature. Same answers as 1.0.
        var v10Body = Rpc.Request("SendMessage", Rpc.UserText("who", "secure"));
        foreach (var (body, version) in new[] { (Rpc.Request("message/send", V03Text("who", "secure")), "0.3"), (v10Body, "1.0") })
        {
            var tampered = await Rpc.SendAsync(host.Client, "/whoami", body, version: version, headers: [Rpc.Header("A2A-Signature", caller.Sign(url, body + " "))]);
            Assert.Equal(401, tampered.Status);
            Assert.Equal(-32000, tampered.ErrorCode);
            Assert.Equal(RequestSignatureReasons.BodyHashMismatch, tampered.Reason);
            Assert.Equal("signature", LastRejectionStage(host));

            var unsigned = await Rpc.SendAsync(host.Client, "/whoami", body, version: version);
            Assert.Equal(401, unsigned.Status);
            Assert.Equal(RequestSignatureReasons.Missing, unsigned.Reason);
        }
    }

    private static string LastRejectionStage(TestHost host)
    {
        var entry = host.Logs.Entries.Last(e => e.EventId.Id is 1001 or 1002);
        var at = entry.Message.IndexOf(" at ", StringComparison.Ordinal) + 4;
        return entry.Message[at..entry.Message.IndexOf(':', at)];
    }

    [Fact]
    public async Task The_v03_card_is_signed_and_the_extended_card_answers_in_v03_shape()
    {
        await using var host = await TestHost.StartAsync(
            s => s.AddA2AAgent<EchoAgent>(o => o.ExtendedAgentCard = caller =>
                caller.User.Identity?.IsAuthenticated == true ? EchoAgent.Card with { Description = "Extended for " + caller.User.Identity.Name } : null),
            app => app.MapA2AAgent<EchoAgent>("/echo"));
        var trust = host.Services.GetRequiredService<A2AKeyRing>().TrustStore;

        var v10 = await host.Client.GetByteArrayAsync("/echo/.well-known/agent-card.json");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/echo/.well-known/agent-card.json?A2A-Version=0.3");
        using var response = await host.Client.SendAsync(request);
        var v03 = await response.Content.ReadAsByteArrayAsync();
        var card = JsonDocument.Parse(v03).RootElement;
        Assert.Equal("0.3.0", card.GetProperty("protocolVersion").GetString());
        Assert.True(card.GetProperty("supportsAuthenticatedExtendedCard").GetBoolean());
        Assert.True(new AgentCardVerifier(trust).Verify(v03, "echo-agent").IsVerified);
        Assert.True(new AgentCardVerifier(trust).Verify(v10, "echo-agent").IsVerified);
        // A 0.3 card changed after signing does not verify.
        var changed = JsonNode.Parse(v03)!;
        changed["url"] = "https://attacker.example/echo";
        Assert.False(new AgentCardVerifier(trust).Verify(System.Text.Encoding.UTF8.GetBytes(changed.ToJsonString()), "echo-agent").IsVerified);

        var extended = await Rpc.SendAsync(host.Client, "/echo", Rpc.Request("agent/getAuthenticatedExtendedCard", null), version: "0.3", headers: [Rpc.Header(TestHost.UserHeader, "alice")]);
        Assert.Equal("Extended for alice", extended.Result.GetProperty("description").GetString());
        Assert.Equal("0.3.0", extended.Result.GetProperty("protocolVersion").GetString());
        Assert.Equal(-32007, (await Rpc.SendAsync(host.Client, "/echo", Rpc.Request("agent/getAuthenticatedExtendedCard", null), version: "0.3")).ErrorCode);
    }

    [Fact]
    public async Task A_v03_caller_answers_input_required_and_the_same_task_completes()
    {
        await using var host = await TestHost.StartAsync(
            s => s.AddA2AAgent<BookingAgent>(),
            app => app.MapA2AAgent<BookingAgent>("/booking"));
        KeyValuePair<string, string>[] alice = [Rpc.Header(TestHost.UserHeader, "alice-" + Guid.NewGuid().ToString("N"))];

        var first = await Rpc.SendAsync(host.Client, "/booking", Rpc.Request("message/send", V03Text("Lisbon")), version: "0.3", headers: alice);
        Assert.False(first.IsError, first.Raw);
        Assert.Equal("input-required", first.Result.GetProperty("status").GetProperty("state").GetString());
        var question = first.Result.GetProperty("status").GetProperty("message");
        Assert.Equal("message", question.GetProperty("kind").GetString());
        Assert.Equal("agent", question.GetProperty("role").GetString());
        var taskId = first.Result.GetProperty("id").GetString()!;

        var second = await Rpc.SendAsync(host.Client, "/booking", Rpc.Request("message/send", V03Text("12 May", extraMessage: $",\"taskId\":\"{taskId}\"")), version: "0.3", headers: alice);
        Assert.False(second.IsError, second.Raw);
        Assert.Equal(taskId, second.Result.GetProperty("id").GetString());
        Assert.Equal("completed", second.Result.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal(["user", "agent", "user"], second.Result.GetProperty("history").EnumerateArray().Select(m => m.GetProperty("role").GetString()));

        // Streamed: the stream ends at the interruption, with final: true.
        using var request = Rpc.Post("/booking", Rpc.Request("message/stream", V03Text("Porto"), "\"s-2\""), version: "0.3", headers: alice);
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var last = (await response.Content.ReadAsStringAsync()).Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Trim()).Where(e => e.StartsWith("data: ", StringComparison.Ordinal))
            .Select(e => JsonDocument.Parse(e[6..]).RootElement.GetProperty("result")).Last();
        Assert.Equal("input-required", last.GetProperty("status").GetProperty("state").GetString());
        Assert.Equal("status-update", last.GetProperty("kind").GetString());
        Assert.True(last.GetProperty("final").GetBoolean());
    }
}
