using A2AGen.Hosting.Push;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Push;

/// <summary>
/// The SSRF guard where it counts: at connection time, on the address actually connected to. Each refused address has
/// a real receiver listening behind it where one can (loopback), which must see no request at all.
/// </summary>
public sealed class WebhookGuardTests
{
    private static WebhookHttpClient Client(params string[] allowed) => new(new WebhookAddressPolicy(allowed), 64 * 1024);

    private static Task<WebhookHttpClient.Outcome> PostAsync(WebhookHttpClient client, string url) =>
        client.PostAsync(new Uri(url), "{}"u8.ToArray(), "application/a2a+json", [], CancellationToken.None);

    [Theory]
    [InlineData("http://127.0.0.1:{port}/hook", "loopback")]
    [InlineData("http://localhost:{port}/hook", "loopback")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/hook", "loopback")]
    [InlineData("http://[::1]:{port}/hook", "loopback")]
    [InlineData("http://2130706433:{port}/hook", "loopback")]
    [InlineData("http://10.0.0.1/hook", "private")]
    [InlineData("http://192.168.0.1/hook", "private")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "metadata")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data/", "metadata")]
    [InlineData("http://[fe80::1]/hook", "link-local")]
    [InlineData("http://0.0.0.0:{port}/hook", "unspecified")]
    public async Task Special_addresses_are_refused_before_any_connection(string template, string kind)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = Client();

        var outcome = await PostAsync(client, template.Replace("{port}", receiver.BaseAddress.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.False(outcome.Succeeded);
        Assert.Equal(0, outcome.Status);
        Assert.NotNull(outcome.Refusal);
        Assert.Contains(kind, outcome.Refusal);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task An_allow_listed_network_is_reached()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = Client("127.0.0.1/32");

        var outcome = await PostAsync(client, receiver.Url().ToString());

        Assert.True(outcome.Succeeded);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task A_redirect_to_loopback_is_not_followed()
    {
        await using var target = await WebhookReceiver.StartAsync();
        await using var webhook = await WebhookReceiver.StartAsync();
        webhook.RedirectTo = new Uri($"http://localhost:{target.BaseAddress.Port}/stolen");
        using var client = Client("127.0.0.1/32"); // the webhook itself is allowed; where it redirects is not followed

        var outcome = await PostAsync(client, webhook.Url().ToString());

        Assert.False(outcome.Succeeded);
        Assert.Equal(302, outcome.Status);
        Assert.Contains("redirect", outcome.Failure);
        Assert.Single(webhook.Requests);
        Assert.Empty(target.Requests);
    }

    [Fact]
    public async Task A_name_that_resolves_to_loopback_is_refused_at_connection_even_when_the_configuration_was_accepted()
    {
        // The creation-time check is bypassed here (as a name that resolved elsewhere when the configuration was
        // created would be); the connection-time check still refuses what the name resolves to now.
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = Client();

        var outcome = await PostAsync(client, $"http://localhost:{receiver.BaseAddress.Port}/hook");

        Assert.Contains("resolves to a loopback address", outcome.Refusal);
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task Delivery_to_a_refused_address_is_dead_lettered_without_retries()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var steps = new PushSteps();
        await using var host = await PushTestHost.StartAsync(steps, allowLoopback: false);
        var sent = await Rpc.CallAsync(host.Client, PushTestHost.Path, "SendMessage", PushTestHost.Send("x", "steps", pushConfigJson: null));
        var taskId = sent.Json.GetProperty("result").GetProperty("task").GetProperty("id").GetString()!;
        // Stored directly, as if the name had resolved to a public address when the configuration was created.
        var store = host.Services.GetRequiredService<IPushConfigStore>();
        await store.SaveAsync("push-agent", new Protocol.TaskPushNotificationConfig { Id = "c", TaskId = taskId, Url = $"http://localhost:{receiver.BaseAddress.Port}/hook" }, TimeSpan.FromMinutes(5), default);
        await steps.Parts.Writer.WriteAsync("after the configuration");
        var queue = (InMemoryPushDeliveryQueue)host.Services.GetRequiredService<IPushDeliveryQueue>();

        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (queue.DeadLetters.Count == 0 && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        var (delivery, reason) = Assert.Single(queue.DeadLetters);
        Assert.Equal(0, delivery.Attempts);
        Assert.Contains("loopback", reason);
        Assert.Empty(receiver.Requests);
    }
}
