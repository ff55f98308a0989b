using A2AGen.Hosting.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using TravelDesk.AgentHosting;
using TravelDesk.Currency;

namespace A2AGen.Hosting.Redis.Tests;

/// <summary>The TravelDesk agents keep their state in Redis when <c>A2AGEN_REDIS</c> is set.</summary>
public sealed class TravelDeskRedisTests(RedisFixture redis) : IClassFixture<RedisFixture>
{
    [Fact]
    public async Task Two_currency_agents_given_A2AGEN_REDIS_share_their_tasks()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        try
        {
            Assert.IsType<RedisTaskStore>(a.Services.GetRequiredService<ITaskStore>());
            using var clientA = new HttpClient { BaseAddress = new Uri(a.Urls.First()) };
            using var clientB = new HttpClient { BaseAddress = new Uri(b.Urls.First()) };
            var converted = await Rpc.CallAsync(clientA, "/", "SendMessage", Rpc.UserText("100 USD to JPY"));
            Assert.False(converted.IsError, converted.Raw);
            var taskId = converted.Result.GetProperty("task").GetProperty("id").GetString();

            var read = await Rpc.CallAsync(clientB, "/", "GetTask", $$"""{"id":"{{taskId}}"}""");
            Assert.Equal("TASK_STATE_COMPLETED", read.Result.GetProperty("status").GetProperty("state").GetString());
        }
        finally
        {
            foreach (var app in new[] { a, b })
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
    }

    private async Task<WebApplication> StartAsync()
    {
        // A2AGEN_REDIS is read from the host's configuration: the environment variable, or here the command line.
        var app = CurrencyAgentServer.Build(
            ["--urls", "http://127.0.0.1:0", "--public-url", "http://currency.test/", "--" + AgentServer.RedisKey, redis.Server.Configuration],
            new AgentServerOptions
            {
                DefaultUrl = "http://127.0.0.1:0",
                EnvironmentName = "Development",
                ConfigureKeys = keys =>
                {
                    keys.DevelopmentKeysDirectory = TestKeys.DevelopmentKeysDirectory;
                    keys.KeysDirectory = TestKeys.EmptyKeysDirectory;
                },
            });
        await app.StartAsync();
        return app;
    }
}
