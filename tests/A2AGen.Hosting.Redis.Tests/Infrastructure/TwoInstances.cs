using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace A2AGen.Hosting.Redis.Tests.Infrastructure;

/// <summary>
/// Two Kestrel instances (127.0.0.1, port 0) of the generated <see cref="RelayAgent"/> sharing one Redis through
/// <c>AddA2ARedis(configuration)</c>, both answering for one public URL (as behind a load balancer), and a calling agent
/// whose key both trust.
/// </summary>
public sealed class TwoInstances : IAsyncDisposable
{
    public const string Path = "/relay";
    public static readonly Uri PublicUrl = new("http://relay.test/relay");

    private TwoInstances(TestHost a, TestHost b, SigningKey callerKey)
    {
        A = a;
        B = b;
        CallerKey = callerKey;
    }

    public TestHost A { get; }

    public TestHost B { get; }

    public const string CallerId = "travel-desk";

    public SigningKey CallerKey { get; }

    public RequestSigner Signer => new(CallerKey, CallerId);

    public static async Task<TwoInstances> StartAsync(RedisServer redis, string? prefix = null, Action<A2AAgentOptions>? configure = null, Action<A2ARedisOptions>? redisOptions = null, Action<IServiceCollection>? services = null, Action<WebApplication>? map = null)
    {
        prefix ??= "t" + Guid.NewGuid().ToString("N")[..8] + ":";
        var key = SigningKey.Create(SigningAlgorithm.Ed25519);
        var a = await StartOneAsync(redis, prefix, configure, redisOptions, services, map);
        var b = await StartOneAsync(redis, prefix, configure, redisOptions, services, map);
        foreach (var host in new[] { a, b })
        {
            host.Services.GetRequiredService<A2AKeyRing>().TrustStore.Add(CallerId, key.PublicKey);
        }

        return new TwoInstances(a, b, key);
    }

    private static Task<TestHost> StartOneAsync(RedisServer redis, string prefix, Action<A2AAgentOptions>? configure, Action<A2ARedisOptions>? redisOptions, Action<IServiceCollection>? services, Action<WebApplication>? map) => TestHost.StartAsync(
        s =>
        {
            s.AddA2ARedis(redis.Configuration, o =>
            {
                o.KeyPrefix = prefix;
                redisOptions?.Invoke(o);
            });
            s.AddA2AAgent<RelayAgent>(o =>
            {
                o.PublicUrl = PublicUrl.ToString();
                o.SharedStorePollInterval = TimeSpan.FromMilliseconds(100);
                configure?.Invoke(o);
            });
            services?.Invoke(s);
        },
        app =>
        {
            app.MapA2AAgent<RelayAgent>(Path);
            map?.Invoke(app);
        });

    /// <summary>The JSON-RPC body and a fresh signature for it (the token names the shared public URL).</summary>
    public (string Body, KeyValuePair<string, string>[] Headers) Signed(string method, string paramsJson)
    {
        var body = Rpc.Request(method, paramsJson);
        return (body, [Rpc.Header("A2A-Signature", Signer.Sign("POST", PublicUrl, System.Text.Encoding.UTF8.GetBytes(body)))]);
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
        CallerKey.Dispose();
    }
}
