using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace A2AGen.Hosting.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1, port chosen by the OS, hosting agents configured by the test. A request
/// header <c>X-Test-User</c> (test only) signs the caller in as that user, with scopes from <c>X-Test-Scopes</c>.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    public const string UserHeader = "X-Test-User";
    public const string ScopesHeader = "X-Test-Scopes";

    private TestHost(WebApplication app, Uri baseAddress, TestLogSink logs)
    {
        App = app;
        BaseAddress = baseAddress;
        Logs = logs;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public TestLogSink Logs { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>
    /// Starts a host. <paramref name="kestrel"/> replaces the default plain-HTTP endpoint (e.g. an HTTPS endpoint); it is
    /// applied after <paramref name="services"/>, so HTTPS defaults registered there (mutual TLS) apply to it.
    /// </summary>
    public static async Task<TestHost> StartAsync(Action<IServiceCollection> services, Action<WebApplication> map, string environment = "Development", Action<KestrelServerOptions>? kestrel = null)
    {
        var (app, logs) = Build(services, map, environment, kestrel);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestHost(app, new Uri(address), logs);
    }

    /// <summary>Builds the host <see cref="StartAsync"/> starts, without starting it; <paramref name="urls"/> replaces 127.0.0.1:0.</summary>
    public static (WebApplication App, TestLogSink Logs) Build(Action<IServiceCollection> services, Action<WebApplication> map, string environment = "Development", Action<KestrelServerOptions>? kestrel = null, string? urls = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = environment });
        builder.WebHost.UseKestrel();
        if (kestrel is null)
        {
            builder.WebHost.UseUrls(urls ?? "http://127.0.0.1:0");
        }

        var logs = new TestLogSink();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs);
        // Development keys go to a directory of this test run, never to the user's profile.
        builder.Services.Configure<A2AKeyOptions>(o =>
        {
            o.DevelopmentKeysDirectory = TestKeys.DevelopmentKeysDirectory;
            o.KeysDirectory = TestKeys.EmptyKeysDirectory;
        });
        services(builder.Services);
        if (kestrel is not null)
        {
            builder.Services.Configure(kestrel);
        }

        var app = builder.Build();
        app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue(UserHeader, out var user))
            {
                var claims = new List<Claim> { new(ClaimTypes.Name, user.ToString()) };
                if (context.Request.Headers.TryGetValue(ScopesHeader, out var scopes))
                {
                    claims.Add(new Claim("scope", scopes.ToString()));
                }

                context.User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
            }

            return next(context);
        });
        map(app);
        return (app, logs);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
