using A2AGen.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace A2AGen.Hosting.Redis.Tests;

/// <summary>Published payloads in Redis (store-and-fetch): any instance serves them, and each is handed out once.</summary>
public sealed class PayloadStoreTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private static string NewId() => System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    [Fact]
    public async Task A_payload_is_taken_once_whichever_instances_ask_at_the_same_moment()
    {
        await using var one = await redis.Server.ConnectAsync();
        await using var two = await redis.Server.ConnectAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var prefix = "pl" + Guid.NewGuid().ToString("N")[..6] + ":";
        var a = new RedisPayloadStore(new A2ARedisConnection(one, prefix), clock);
        var b = new RedisPayloadStore(new A2ARedisConnection(two, prefix), clock);

        for (var round = 0; round < 50; round++)
        {
            var id = NewId();
            var content = System.Text.Encoding.UTF8.GetBytes("payload " + round);
            await a.StoreAsync(new StoredPayload(id, "payload-sink", clock.GetUtcNow().AddMinutes(5), "text/plain", content), default);
            var taken = await Task.WhenAll(a.TakeAsync(id, default).AsTask(), b.TakeAsync(id, default).AsTask(), b.TakeAsync(id, default).AsTask());
            var winner = Assert.Single(taken, t => t is not null)!;
            Assert.Equal(content, winner.Content.ToArray());
            Assert.Equal(("payload-sink", "text/plain"), (winner.Recipient, winner.MediaType));
        }

        Assert.Empty(one.GetServer(one.GetEndPoints()[0]).Keys(pattern: prefix + "*"));
    }

    [Fact]
    public async Task A_url_published_by_one_instance_is_served_by_the_other_once()
    {
        await using var instances = await TwoInstances.StartAsync(redis.Server,
            services: s => s.AddA2APayloads(o =>
            {
                o.AgentId = "relay-agent";
                o.PublicUrl = "http://relay.test/a2a/payloads";
            }),
            map: app => app.MapA2APayloads());
        var bytes = System.Text.Encoding.UTF8.GetBytes("a payload published on A");
        var part = await instances.A.Services.GetRequiredService<A2APayloadPublisher>()
            .PublishAsync(new A2AGen.Protocol.Part { Raw = bytes, MediaType = "text/plain" }, bytes, TwoInstances.CallerId, default);
        var url = new Uri(part.Url!);

        async Task<HttpResponseMessage> FetchAsync(TestHost host)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseAddress, url.PathAndQuery));
            request.Headers.Add("A2A-Signature", instances.Signer.Sign("GET", url, ReadOnlySpan<byte>.Empty));
            return await host.Client.SendAsync(request);
        }

        using var fromB = await FetchAsync(instances.B);
        using var fromA = await FetchAsync(instances.A);

        Assert.Equal(System.Net.HttpStatusCode.OK, fromB.StatusCode);
        Assert.Equal(bytes, await fromB.Content.ReadAsByteArrayAsync());
        Assert.Equal(System.Net.HttpStatusCode.Gone, fromA.StatusCode);
        Assert.Contains("PAYLOAD_URL_USED", await fromA.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payload_lives_until_its_url_expires()
    {
        await using var connection = await redis.Server.ConnectAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var prefix = "pl" + Guid.NewGuid().ToString("N")[..6] + ":";
        var store = new RedisPayloadStore(new A2ARedisConnection(connection, prefix), clock);
        var id = NewId();
        await store.StoreAsync(new StoredPayload(id, "payload-sink", clock.GetUtcNow().AddSeconds(90), null, new byte[] { 1, 2, 3 }), default);

        var ttl = await connection.GetDatabase().KeyTimeToLiveAsync(prefix + "payload:" + id);
        Assert.InRange(ttl!.Value.TotalSeconds, 85, 90);
        clock.Advance(TimeSpan.FromSeconds(91));
        Assert.Null(await store.TakeAsync(id, default)); // expired by our clock even though Redis still held it
    }
}
