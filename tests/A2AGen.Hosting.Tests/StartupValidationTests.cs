using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting.Tests;

/// <summary>Configuration mistakes stop the host at startup with a message that says what to change.</summary>
public sealed class StartupValidationTests
{
    private static async Task<string> StartupErrorAsync(Action<IServiceCollection> services, Action<WebApplication> map)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () => await (await TestHost.StartAsync(services, map)).DisposeAsync());
        return error.Message;
    }

    [Theory]
    [InlineData("agents.example.com/echo")]
    [InlineData("ftp://agents.example.com/echo")]
    [InlineData("https://agents.example.com/echo?x=1")]
    public async Task A_bad_public_url_is_a_startup_error(string url)
    {
        var message = await StartupErrorAsync(s => s.AddA2AAgent<EchoAgent>(o => o.PublicUrl = url), app => app.MapA2AAgent<EchoAgent>("/echo"));
        Assert.Contains("echo-agent", message, StringComparison.Ordinal);
        Assert.Contains("PublicUrl", message, StringComparison.Ordinal);
        Assert.Contains("https://agents.example.com/agents/currency", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Out_of_range_limits_are_startup_errors()
    {
        var message = await StartupErrorAsync(
            s => s.AddA2AAgent<EchoAgent>(o =>
            {
                o.MaxJsonDepth = 100;
                o.MaxRequestBodySize = 10;
                o.TaskTimeToLive = TimeSpan.Zero;
            }),
            app => app.MapA2AAgent<EchoAgent>("/echo"));
        Assert.Contains("MaxJsonDepth is 100", message, StringComparison.Ordinal);
        Assert.Contains("MaxRequestBodySize is 10 bytes", message, StringComparison.Ordinal);
        Assert.Contains("TaskTimeToLive", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:5101")]
    [InlineData("http://127.0.0.1")]
    [InlineData("http://127.0.0.1:5101/grpc")]
    [InlineData("ftp://127.0.0.1:5101")]
    public async Task A_bad_grpc_url_is_a_startup_error(string url)
    {
        var message = await StartupErrorAsync(s => s.AddA2AAgent<EchoAgent>(o => o.GrpcUrl = url), app => app.MapA2AAgent<EchoAgent>("/echo"));
        Assert.Contains("echo-agent", message, StringComparison.Ordinal);
        Assert.Contains($"A2AAgentOptions.GrpcUrl '{url}'", message, StringComparison.Ordinal);
        Assert.Contains("http://127.0.0.1:5101", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_notifications_without_a_signing_key_are_a_startup_error()
    {
        // Production, and a card left unsigned: no key at all, so nothing could sign the notifications.
        var error = await Assert.ThrowsAsync<A2AStartupException>(() => TestHost.StartAsync(
            s => s.AddA2AAgent<KeylessPushAgent>(o => o.SignCard = false), app => app.MapA2AAgent<KeylessPushAgent>("/push"), environment: "Production"));
        var message = error.Message;
        Assert.Contains("keyless-push-agent", message, StringComparison.Ordinal);
        Assert.True(message.Contains("declares push notifications but has no signing key", StringComparison.Ordinal), message);
    }

    [Fact]
    public async Task Mapping_an_agent_that_was_not_added_says_how_to_fix_it()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestHost.StartAsync(_ => { }, app => app.MapA2AAgent<EchoAgent>("/echo")));
        Assert.Contains("AddA2AAgent<EchoAgent>()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_an_agent_twice_is_refused()
    {
        var services = new ServiceCollection();
        services.AddA2AAgent<EchoAgent>();
        var error = Assert.Throws<InvalidOperationException>(() => services.AddA2AAgent<EchoAgent>());
        Assert.Contains("already registered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_agents_on_one_path_are_refused()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => TestHost.StartAsync(
            s =>
            {
                s.AddA2AAgent<EchoAgent>();
                s.AddA2AAgent<StrictAgent>();
            },
            app =>
            {
                app.MapA2AAgent<EchoAgent>("/agents/x");
                app.MapA2AAgent<StrictAgent>("/agents/x/");
            }));
        Assert.Contains("already mapped to agent 'echo-agent'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("agents/echo")]
    [InlineData("/agents/{id}")]
    [InlineData("/agents/../echo")]
    [InlineData("/agents?x=1")]
    [InlineData("/agents//echo")]
    public void Bad_paths_are_refused(string path) =>
        Assert.Throws<ArgumentException>(() => A2AEndpointRouteBuilderExtensions.NormalizePath(path));

    [Fact]
    public async Task A_production_host_with_an_unsigned_card_and_no_public_url_warns()
    {
        await using var host = await TestHost.StartAsync(s => s.AddA2AAgent<EchoAgent>(o => o.SignCard = false), app => app.MapA2AAgent<EchoAgent>("/echo"), environment: "Production");
        Assert.Single(host.Logs.WithId(1200));
    }

    [Fact]
    public async Task Missing_version_can_be_read_as_10_when_configured()
    {
        await using var host = await TestHost.StartAsync(s => s.AddA2AAgent<EchoAgent>(o => o.TreatMissingVersionAsCurrent = true), app => app.MapA2AAgent<EchoAgent>("/echo"));
        var reply = await Rpc.SendAsync(host.Client, "/echo", Rpc.Request("SendMessage", Rpc.UserText("x")), version: null);
        Assert.False(reply.IsError);
    }
}
