using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Push;

/// <summary>A host of <see cref="PushAgent"/> at <c>/push</c> whose webhooks may be plain http on 127.0.0.1 (the test's receivers), with a fast retry schedule.</summary>
internal static class PushTestHost
{
    public const string Path = "/push";

    public static Task<TestHost> StartAsync(PushSteps? steps = null, Action<A2APushOptions>? push = null, bool allowLoopback = true) =>
        TestHost.StartAsync(
            s =>
            {
                s.AddSingleton(steps ?? new PushSteps());
                s.AddA2AAgent<PushAgent>(o => o.SigningKey = SigningKey.Create(SigningAlgorithm.Ed25519));
                s.Configure<A2APushOptions>(o =>
                {
                    o.AllowHttp = true;
                    if (allowLoopback)
                    {
                        o.AllowedNetworks.Add("127.0.0.1/32");
                    }

                    o.FirstRetryDelay = TimeSpan.FromMilliseconds(50);
                    o.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
                    o.PollInterval = TimeSpan.FromMilliseconds(50);
                    push?.Invoke(o);
                });
            },
            app => app.MapA2AAgent<PushAgent>(Path));

    public static string Send(string text, string skill, string? pushConfigJson, bool returnImmediately = true)
    {
        var configuration = "\"configuration\":{" + (returnImmediately ? "\"returnImmediately\":true" : "\"returnImmediately\":false")
            + (pushConfigJson is null ? "" : ",\"taskPushNotificationConfig\":" + pushConfigJson) + "}";
        var message = Rpc.UserText(text, skill);
        return message[..^1] + "," + configuration + "}";
    }
}
