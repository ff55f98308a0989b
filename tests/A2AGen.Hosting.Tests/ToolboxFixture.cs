using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests;

/// <summary>One shared host with the toolbox agent at <c>/toolbox</c> and the strict agent at <c>/strict</c>.</summary>
public sealed class ToolboxFixture : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;

    public HttpClient Client => Host.Client;

    public async Task InitializeAsync() => Host = await TestHost.StartAsync(
        s =>
        {
            s.AddSingleton<SkillProbe>();
            s.AddA2AAgent<ToolboxAgent>(o =>
            {
                o.Json.TypeInfoResolverChain.Insert(0, ToolboxJsonContext.Default);
                o.MaxRequestBodySize = 64 * 1024;
                o.MaxJsonDepth = 32;
                o.AllowAnonymousTaskListing = false;
            });
            s.AddA2AAgent<StrictAgent>();
            s.AddA2AAgent<SignedOnlyAgent>();
        },
        app =>
        {
            app.MapA2AAgent<ToolboxAgent>("/toolbox");
            app.MapA2AAgent<StrictAgent>("/strict");
            app.MapA2AAgent<SignedOnlyAgent>("/signed");
        });

    public Task DisposeAsync() => Host.DisposeAsync().AsTask();
}
