using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.PushReceiver;

/// <summary>
/// A host that only receives push notifications (no agents), on one <see cref="FakeTimeProvider"/>:
/// <c>/a2a/push</c> (signed only, public URL <see cref="PublicUrl"/>, 64 KiB limit), <c>/a2a/push-billing</c> (named
/// receiver that accepts only <c>billing</c>) and <c>/a2a/push-token</c> (named receiver that also accepts the token of
/// <c>js-agent</c>, with no public URL: the request URL, as in Development). Trusted senders: <c>travel-desk</c>
/// (Ed25519) and <c>billing</c> (ES256), keys made for the test.
/// </summary>
public sealed class PushReceiverHost : IAsyncLifetime
{
    public const string PublicUrl = "https://me.example.com/a2a/push";
    public const string BillingUrl = "https://me.example.com/a2a/push-billing";
    public const string Token = "push-token-for-tests-only";
    public const string LegacyToken = "legacy-push-token-for-tests-only";

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero));

    public TestCaller TravelDesk { get; }

    public TestCaller Billing { get; }

    public TestHost Host { get; private set; } = null!;

    public ConcurrentQueue<(string Path, A2APushNotification Notification)> Received { get; } = new();

    public PushReceiverHost()
    {
        TravelDesk = new("travel-desk", clock: Clock);
        Billing = new("billing", SigningAlgorithm.EcdsaP256Sha256, Clock);
    }

    public async Task InitializeAsync()
    {
        Host = await TestHost.StartAsync(
            s =>
            {
                s.AddSingleton<TimeProvider>(Clock);
                s.AddA2APushReceiver(o =>
                {
                    o.PublicUrl = PublicUrl;
                    o.MaxBodySize = 64 * 1024;
                });
                s.AddA2APushReceiver("billing", o =>
                {
                    o.PublicUrl = BillingUrl;
                    o.TrustedSenders.Add("billing");
                });
                s.AddA2APushReceiver("token", o => o.AcceptToken("js-agent", Token).AcceptNotificationToken("legacy-agent", LegacyToken));
            },
            app =>
            {
                app.MapA2APushReceiver("/a2a/push", Handle("/a2a/push"));
                app.MapA2APushReceiver("/a2a/push-billing", "billing", Handle("/a2a/push-billing"));
                app.MapA2APushReceiver("/a2a/push-token", "token", Handle("/a2a/push-token"));
            });
        var trust = Host.Services.GetRequiredService<A2AKeyRing>().TrustStore;
        TravelDesk.TrustedBy(trust);
        Billing.TrustedBy(trust);
    }

    private Func<A2APushNotification, CancellationToken, Task> Handle(string path) => (notification, _) =>
    {
        if (notification.TaskId == "explode")
        {
            throw new InvalidOperationException("secret handler detail");
        }

        Received.Enqueue((path, notification));
        return Task.CompletedTask;
    };

    public async Task DisposeAsync()
    {
        TravelDesk.Dispose();
        Billing.Dispose();
        await Host.DisposeAsync();
    }

    public static string StatusUpdate(string taskId, TaskState state = TaskState.Working) => A2AJson.Serialize(new StreamResponse
    {
        StatusUpdate = new TaskStatusUpdateEvent { TaskId = taskId, ContextId = "ctx-" + taskId, Status = new A2AGen.Protocol.TaskStatus { State = state } },
    });

    /// <summary>POSTs <paramref name="body"/> to <paramref name="path"/> with the given headers.</summary>
    public async Task<PushReply> PostAsync(string path, string body, string? signature = null, string? authorization = null, string contentType = "application/a2a+json", string? notificationToken = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("A2A-Signature", signature);
        }

        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (notificationToken is not null)
        {
            request.Headers.TryAddWithoutValidation("X-A2A-Notification-Token", notificationToken);
        }

        using var response = await Host.Client.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        return new PushReply((int)response.StatusCode, raw, response.Headers.WwwAuthenticate.ToString());
    }
}

/// <summary>The receiver's answer: status, raw body, and the <c>google.rpc.Status</c> fields of a refusal.</summary>
public sealed record PushReply(int Status, string Raw, string WwwAuthenticate)
{
    private JsonElement Error => JsonDocument.Parse(Raw).RootElement.GetProperty("error");

    public string Reason => Error.GetProperty("details")[0].GetProperty("reason").GetString()!;

    public string Message => Error.GetProperty("message").GetString()!;

    public string StatusName => Error.GetProperty("status").GetString()!;
}
