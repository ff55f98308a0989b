using System.Security.Claims;
using System.Text.Json;
using Grpc.Net.Client;
using ConformanceAgent;
using A2AGen.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Conformance.Tests.Infrastructure;

/// <summary>
/// The conformance agent as its program builds it, on Kestrel at 127.0.0.1 with an OS-chosen port; shared by every
/// test (tasks are isolated by fresh ids and callers). Test only: a request header <c>X-Test-User</c> signs the caller
/// in as that user, so ownership rules (CORE-LIST-001) can be checked.
/// </summary>
public class ConformanceHost : IAsyncLifetime
{
    public const string UserHeader = "X-Test-User";

    private readonly string _keys = Directory.CreateTempSubdirectory("a2agen-conformance-keys-").FullName;
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The gRPC interface URL the agent's card lists (its own HTTP/2 port).</summary>
    public Uri GrpcAddress { get; private set; } = null!;

    /// <summary>One HTTP/2 channel to <see cref="GrpcAddress"/> for every gRPC client of the suite.</summary>
    public GrpcChannel Grpc { get; private set; } = null!;

    /// <summary>A client for <paramref name="binding"/> (see <see cref="Binding.Names"/>), signed in as <paramref name="user"/>.</summary>
    public Binding Client(string binding, string? user = null) => Binding.Create(binding, Http, Grpc, user);

    /// <summary>Command-line arguments after <c>--urls</c> (a variant of the host adds its own).</summary>
    protected virtual IEnumerable<string> Arguments => [];

    /// <summary>Service configuration after the suite's own.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>The channel the suite's gRPC clients call <paramref name="address"/> on.</summary>
    protected virtual GrpcChannel CreateChannel(Uri address) => GrpcChannel.ForAddress(address);

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_keys, "empty"));
        _app = ConformanceServer.Build(["--urls", "http://127.0.0.1:0", .. Arguments], services =>
        {
            services.Configure<A2AKeyOptions>(o =>
            {
                o.DevelopmentKeysDirectory = Path.Combine(_keys, "dev");
                o.KeysDirectory = Path.Combine(_keys, "empty");
            });
            services.AddTransient<IStartupFilter, TestUserFilter>();
            ConfigureServices(services);
        });
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
        Http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
        var card = JsonDocument.Parse(await Http.GetStringAsync("/.well-known/agent-card.json")).RootElement;
        GrpcAddress = new Uri(card.GetProperty("supportedInterfaces").EnumerateArray()
            .Single(i => i.GetProperty("protocolBinding").GetString() == Binding.Grpc).GetProperty("url").GetString()!);
        Grpc = CreateChannel(GrpcAddress);
    }

    public async Task DisposeAsync()
    {
        Grpc?.Dispose();
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_keys, recursive: true);
    }

    private sealed class TestUserFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextDelegate) =>
            {
                if (context.Request.Headers.TryGetValue(UserHeader, out var user))
                {
                    context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.ToString())], "test"));
                }

                return nextDelegate(context);
            });
            next(app);
        };
    }
}

/// <summary>One host for the whole suite: starting Kestrel and loading keys once keeps the run short.</summary>
[CollectionDefinition(Name)]
public sealed class ConformanceCollection : ICollectionFixture<ConformanceHost>
{
    public const string Name = "conformance";
}
