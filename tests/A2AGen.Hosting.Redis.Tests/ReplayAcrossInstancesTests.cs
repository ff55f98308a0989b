using System.Net;
using A2AGen.Security;
using Microsoft.Extensions.Time.Testing;

namespace A2AGen.Hosting.Redis.Tests;

/// <summary>The Redis replay cache is exact: one signed request delivered to two instances at once is accepted once.</summary>
public sealed class ReplayAcrossInstancesTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    private const int Rounds = 10_000;
    private const int InFlight = 32;

    [Fact]
    public async Task The_same_signed_request_sent_to_both_instances_at_once_is_accepted_exactly_once_per_token()
    {
        await using var instances = await TwoInstances.StartAsync(redis.Server, redisOptions: o => o.CapacityPerCaller = Rounds);
        using var handlerA = new SocketsHttpHandler { MaxConnectionsPerServer = InFlight };
        using var handlerB = new SocketsHttpHandler { MaxConnectionsPerServer = InFlight };
        using var clientA = new HttpClient(handlerA) { BaseAddress = instances.A.BaseAddress };
        using var clientB = new HttpClient(handlerB) { BaseAddress = instances.B.BaseAddress };
        var accepted = 0;
        var replayed = 0;
        var other = new List<string>();
        using var slots = new SemaphoreSlim(InFlight);
        var rounds = Enumerable.Range(0, Rounds).Select(async round =>
        {
            await slots.WaitAsync();
            try
            {
                // A fresh token per round; both instances get the identical request at the same moment.
                var (body, headers) = instances.Signed("SendMessage", Rpc.UserText("round " + round));
                var replies = await Task.WhenAll(
                    Rpc.SendAsync(clientA, TwoInstances.Path, body, headers: headers),
                    Rpc.SendAsync(clientB, TwoInstances.Path, body, headers: headers));
                var ok = replies.Count(r => r.Status == (int)HttpStatusCode.OK && !r.IsError);
                var refused = replies.Count(r => r.Status == (int)HttpStatusCode.Unauthorized && r.Reason == RequestSignatureReasons.Replayed);
                if (ok == 1 && refused == 1)
                {
                    Interlocked.Increment(ref accepted);
                    Interlocked.Increment(ref replayed);
                }
                else
                {
                    lock (other)
                    {
                        other.Add($"round {round}: {string.Join(" | ", replies.Select(r => r.Status + " " + r.Raw))}");
                    }
                }
            }
            finally
            {
                slots.Release();
            }
        });
        await Task.WhenAll(rounds);

        Assert.True(other.Count == 0, string.Join("\n", other.Take(5)));
        Assert.Equal(Rounds, accepted);
        Assert.Equal(Rounds, replayed);
    }

    [Fact]
    public async Task An_entry_lives_until_the_token_expires_plus_skew_and_no_longer()
    {
        await using var connection = await redis.Server.ConnectAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var prefix = "ttl" + Guid.NewGuid().ToString("N")[..6] + ":";
        var cache = new RedisReplayCache(new A2ARedisConnection(connection, prefix), clock);
        Assert.True(await cache.TryAddAsync("issuer-a", "jti-1", clock.GetUtcNow().AddSeconds(90)));
        Assert.False(await cache.TryAddAsync("issuer-a", "jti-1", clock.GetUtcNow().AddSeconds(90)));
        // Same jti from another issuer is another token.
        Assert.True(await cache.TryAddAsync("issuer-b", "jti-1", clock.GetUtcNow().AddSeconds(90)));

        var ttl = await connection.GetDatabase().KeyTimeToLiveAsync(prefix + "replay:" + ReplayKey.ComputeText("issuer-a", "jti-1"));
        Assert.InRange(ttl!.Value.TotalSeconds, 85, 90);
    }
}
