using System.Collections.Concurrent;
using System.Text.Json;
using A2AGen.Client;
using A2AGen.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Reliability;

/// <summary>
/// The gRPC transport retries with the same policy: a unary call that ends <c>UNAVAILABLE</c> is made again, each call
/// signed afresh by the interceptor; <c>PERMISSION_DENIED</c> and other statuses are not retried.
/// </summary>
public sealed class GrpcRetryTests
{
    [Theory]
    [InlineData(14, 3)] // UNAVAILABLE: retried until the third call goes through
    [InlineData(8, 3)] // RESOURCE_EXHAUSTED: likewise
    [InlineData(7, 1)] // PERMISSION_DENIED: never retried
    public async Task Unavailable_grpc_calls_are_retried_each_signed_afresh(int status, int expectedCalls)
    {
        var seen = new ConcurrentQueue<string>();
        var calls = 0;
        using var caller = new TestCaller("travel-desk");
        await using var host = await TestHost.StartAsync(
            s => s.AddSingleton<SkillProbe>().AddA2AAgent<ToolboxAgent>(o => o.Json.TypeInfoResolverChain.Insert(0, ToolboxJsonContext.Default)),
            app =>
            {
                app.Use(async (context, next) =>
                {
                    if (context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) == true && context.Request.Path.Value!.EndsWith("/SendMessage", StringComparison.Ordinal))
                    {
                        seen.Enqueue(context.Request.Headers["a2a-signature"].ToString());
                        if (Interlocked.Increment(ref calls) <= 2)
                        {
                            // A trailers-only answer: the call ends with this status before any message.
                            context.Response.ContentType = "application/grpc";
                            context.Response.Headers["grpc-status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
                            context.Response.Headers["grpc-message"] = "try later";
                            return;
                        }
                    }

                    await next(context);
                });
                app.MapA2AAgent<ToolboxAgent>("/toolbox");
            });
        caller.TrustedBy(host.Services.GetRequiredService<A2AKeyRing>().TrustStore);
        using var http = new HttpClient();
        var client = await A2AClient.ConnectAsync(http, new Uri(host.BaseAddress, "/toolbox"), new A2AClientOptions
        {
            CardTrust = host.Services.GetRequiredService<A2AKeyRing>().TrustStore,
            ExpectedAgentId = "toolbox",
            PreferredBindings = [AgentInterface.GrpcBinding],
            Transports = [new A2AGrpcTransportFactory(caller.Signer)],
            Retry = RetryTests.Fast,
        });

        if (expectedCalls == 1)
        {
            var error = await Assert.ThrowsAsync<A2AClientException>(() => client.SendMessageAsync(Message.UserText("x")));
            Assert.Equal("PERMISSION_DENIED", error.Status);
        }
        else
        {
            var reply = await client.SendMessageAsync(Message.UserText("over grpc"));
            Assert.Equal("over grpc", reply.Task!.Artifacts![0].Parts[0].Text);
        }

        Assert.Equal(expectedCalls, seen.Count);
        Assert.Equal(expectedCalls, seen.Select(JtiOf).Distinct().Count());
    }

    private static string JtiOf(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        using var claims = JsonDocument.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=')));
        return claims.RootElement.GetProperty("jti").GetString()!;
    }
}
