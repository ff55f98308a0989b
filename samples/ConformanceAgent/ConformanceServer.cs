using A2AGen.Hosting;
using ConformanceAgent.Agents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ConformanceAgent;

/// <summary>The conformance agent's web host: <see cref="TckAgent"/> at <c>/</c> with every default binding.</summary>
public static class ConformanceServer
{
    /// <summary>Where the agent listens unless <c>--urls</c> says otherwise.</summary>
    public const string DefaultUrl = "http://127.0.0.1:9999";

    /// <summary>Builds the host (Development: keys are created on first start, as for every A2AGen sample).</summary>
    /// <param name="args">The command line (<c>--urls</c>, <c>--environment</c>, …).</param>
    /// <param name="services">Extra service configuration (tests point the keys at a directory of their own).</param>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, EnvironmentName = "Development" });
        builder.WebHost.UseKestrel();
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddA2AAgent<TckAgent>();
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapA2AAgent<TckAgent>("/");
        return app;
    }
}
