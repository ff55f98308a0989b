using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests;

public sealed class AgentCardEndpointTests
{
    [Fact]
    public async Task Card_is_served_with_etag_cache_control_and_the_public_url()
    {
        await using var host = await TestHost.StartAsync(
            s => s.AddA2AAgent<EchoAgent>(o => o.PublicUrl = "https://agents.example.com/agents/echo"),
            app => app.MapA2AAgent<EchoAgent>("/agents/echo"));

        using var response = await host.Client.GetAsync("/agents/echo/.well-known/agent-card.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(TimeSpan.FromMinutes(5), response.Headers.CacheControl?.MaxAge);
        Assert.True(response.Headers.CacheControl?.Public);
        var card = A2AJson.Deserialize<AgentCard>(await response.Content.ReadAsByteArrayAsync())!;
        Assert.Equal("https://agents.example.com/agents/echo", card.SupportedInterfaces[0].Url);
        Assert.Equal("JSONRPC", card.SupportedInterfaces[0].ProtocolBinding);
        Assert.Equal("1.0", card.SupportedInterfaces[0].ProtocolVersion);
        Assert.Equal("Echo Agent", card.Name);
    }

    [Fact]
    public async Task If_none_match_with_the_current_etag_answers_304_without_a_body()
    {
        await using var host = await TestHost.StartAsync(s => s.AddA2AAgent<EchoAgent>(), app => app.MapA2AAgent<EchoAgent>("/echo"));
        using var first = await host.Client.GetAsync("/echo/.well-known/agent-card.json");
        var etag = first.Headers.ETag!;

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/echo/.well-known/agent-card.json");
        conditional.Headers.IfNoneMatch.Add(etag);
        using var second = await host.Client.SendAsync(conditional);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Empty(await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, second.Headers.ETag);

        using var stale = new HttpRequestMessage(HttpMethod.Get, "/echo/.well-known/agent-card.json");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        using var third = await host.Client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);

        using var weak = new HttpRequestMessage(HttpMethod.Get, "/echo/.well-known/agent-card.json");
        weak.Headers.TryAddWithoutValidation("If-None-Match", "W/" + etag.Tag);
        using var fourth = await host.Client.SendAsync(weak);
        Assert.Equal(HttpStatusCode.NotModified, fourth.StatusCode);
    }

    [Fact]
    public async Task Without_a_public_url_the_interface_url_follows_the_request()
    {
        await using var host = await TestHost.StartAsync(s => s.AddA2AAgent<EchoAgent>(), app => app.MapA2AAgent<EchoAgent>("/agents/echo/"));
        var card = A2AJson.Deserialize<AgentCard>(await host.Client.GetByteArrayAsync("/agents/echo/.well-known/agent-card.json"))!;
        Assert.Equal(new Uri(host.BaseAddress, "/agents/echo").ToString(), card.SupportedInterfaces[0].Url);

        using var other = new HttpRequestMessage(HttpMethod.Get, "/agents/echo/.well-known/agent-card.json");
        other.Headers.Host = "agents.internal:8443";
        using var response = await host.Client.SendAsync(other);
        var derived = A2AJson.Deserialize<AgentCard>(await response.Content.ReadAsByteArrayAsync())!;
        Assert.Equal("http://agents.internal:8443/agents/echo", derived.SupportedInterfaces[0].Url);
        Assert.Contains("Host", response.Headers.Vary);
    }

    [Fact]
    public async Task An_unchanged_unsigned_card_is_served_as_the_generated_bytes()
    {
        // StrictAgent declares its URL, serves only the binding the generator lists (JSON-RPC), and nothing else changes
        // its card: the compile-time bytes go out as they are.
        await using var host = await TestHost.StartAsync(s => s.AddA2AAgent<StrictAgent>(o => o.SignCard = false), app => app.MapA2AAgent<StrictAgent>("/strict", A2ABindings.JsonRpc));
        var bytes = await host.Client.GetByteArrayAsync("/strict/.well-known/agent-card.json");
        Assert.Equal(StrictAgent.CardJson.ToArray(), bytes);
    }

    [Fact]
    public async Task An_agent_can_be_mapped_at_the_root()
    {
        await using var host = await TestHost.StartAsync(s => s.AddA2AAgent<EchoAgent>(), app => app.MapA2AAgent<EchoAgent>("/"));
        var card = A2AJson.Deserialize<AgentCard>(await host.Client.GetByteArrayAsync("/.well-known/agent-card.json"))!;
        Assert.Equal(host.BaseAddress.ToString(), card.SupportedInterfaces[0].Url);
        var reply = await Rpc.CallAsync(host.Client, "/", "SendMessage", Rpc.UserText("root"));
        Assert.Equal("TASK_STATE_COMPLETED", reply.Result.GetProperty("task").GetProperty("status").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Head_returns_headers_only()
    {
        await using var host = await TestHost.StartAsync(s => s.AddA2AAgent<EchoAgent>(), app => app.MapA2AAgent<EchoAgent>("/echo"));
        using var response = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/echo/.well-known/agent-card.json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        Assert.True(response.Content.Headers.ContentLength > 0);
    }

    [Fact]
    public async Task Several_agents_in_one_host_have_their_own_cards_and_endpoints()
    {
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.AddA2AAgent<EchoAgent>();
                s.AddA2AAgent<ToolboxAgent>();
                s.AddSingleton<SkillProbe>();
            },
            app =>
            {
                app.MapA2AAgent<EchoAgent>("/agents/echo");
                app.MapA2AAgent<ToolboxAgent>("/agents/toolbox");
            });

        var echo = A2AJson.Deserialize<AgentCard>(await host.Client.GetByteArrayAsync("/agents/echo/.well-known/agent-card.json"))!;
        var toolbox = A2AJson.Deserialize<AgentCard>(await host.Client.GetByteArrayAsync("/agents/toolbox/.well-known/agent-card.json"))!;
        Assert.Equal("Echo Agent", echo.Name);
        Assert.Equal("Toolbox", toolbox.Name);
        Assert.EndsWith("/agents/toolbox", toolbox.SupportedInterfaces[0].Url, StringComparison.Ordinal);

        var reply = await Rpc.CallAsync(host.Client, "/agents/toolbox", "SendMessage", Rpc.UserText("hi", "greet"));
        Assert.Equal("Hello, hi!", reply.Result.GetProperty("message").GetProperty("parts")[0].GetProperty("text").GetString());
        var echoReply = await Rpc.CallAsync(host.Client, "/agents/echo", "SendMessage", Rpc.UserText("hi"));
        Assert.Equal("TASK_STATE_COMPLETED", echoReply.Result.GetProperty("task").GetProperty("status").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Configured_extended_card_is_declared_and_served_to_the_caller()
    {
        await using var host = await TestHost.StartAsync(
            s => s.AddA2AAgent<EchoAgent>(o => o.ExtendedAgentCard = caller =>
                caller.User.Identity?.IsAuthenticated == true ? EchoAgent.Card with { Description = "Extended for " + caller.User.Identity.Name } : null),
            app => app.MapA2AAgent<EchoAgent>("/echo"));

        var card = A2AJson.Deserialize<AgentCard>(await host.Client.GetByteArrayAsync("/echo/.well-known/agent-card.json"))!;
        Assert.True(card.Capabilities.ExtendedAgentCard);

        var anonymous = await Rpc.CallAsync(host.Client, "/echo", "GetExtendedAgentCard", null);
        Assert.Equal(-32007, anonymous.ErrorCode);

        var signedIn = await Rpc.CallAsync(host.Client, "/echo", "GetExtendedAgentCard", null, [Rpc.Header(TestHost.UserHeader, "alice")]);
        Assert.Equal("Extended for alice", signedIn.Result.GetProperty("description").GetString());

        // Signed like the public card: its exact JSON verifies with the agent's key.
        var trust = host.Services.GetRequiredService<A2AKeyRing>().TrustStore;
        var extended = System.Text.Encoding.UTF8.GetBytes(signedIn.Result.GetRawText());
        Assert.True(new A2AGen.Security.AgentCardVerifier(trust).Verify(extended, "echo-agent").IsVerified);
    }

    [Fact]
    public async Task Extended_card_is_unsupported_when_the_card_does_not_declare_it()
    {
        await using var host = await TestHost.StartAsync(s => s.AddA2AAgent<EchoAgent>(), app => app.MapA2AAgent<EchoAgent>("/echo"));
        var reply = await Rpc.CallAsync(host.Client, "/echo", "GetExtendedAgentCard", null);
        Assert.Equal(-32004, reply.ErrorCode);
    }
}
