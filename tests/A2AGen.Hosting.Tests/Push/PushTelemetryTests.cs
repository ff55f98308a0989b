using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting.Tests.Push;

/// <summary>Delivery states on the hosting meter, and the push options checked when the host starts.</summary>
public sealed class PushTelemetryTests
{
    [Fact]
    public async Task Attempts_and_settled_deliveries_are_counted_by_state()
    {
        await using var host = await PushTestHost.StartAsync();
        var meterFactory = host.Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentQueue<(string Instrument, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == A2AHostingTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => measurements.Enqueue((instrument.Name, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();
        await using var recovering = await WebhookReceiver.StartAsync();
        recovering.Answer = n => n == 0 ? 503 : 200;
        await using var refusing = await WebhookReceiver.StartAsync();
        refusing.Answer = _ => 404;

        await Rpc.CallAsync(host.Client, PushTestHost.Path, "SendMessage", PushTestHost.Send("a", "echo", $$"""{"url":"{{recovering.Url()}}"}""", returnImmediately: false));
        await Rpc.CallAsync(host.Client, PushTestHost.Path, "SendMessage", PushTestHost.Send("b", "echo", $$"""{"url":"{{refusing.Url()}}"}""", returnImmediately: false));
        await recovering.WaitUntilAsync(r => r.Count >= 2);
        await refusing.WaitUntilAsync(r => r.Count >= 1);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        bool Has(string instrument, string tag, string value) => measurements.Any(m => m.Instrument == instrument && (string?)m.Tags[tag] == value && (string?)m.Tags["a2a.agent.id"] == "push-agent");
        while (!(Has("a2agen.hosting.push.deliveries", "state", "delivered") && Has("a2agen.hosting.push.deliveries", "state", "dead_lettered")) && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        Assert.Equal(2, measurements.Count(m => m.Instrument == "a2agen.hosting.push.events" && (string?)m.Tags["state"] == "queued"));
        Assert.True(Has("a2agen.hosting.push.attempts", "result", "failed"));
        Assert.Equal(2, measurements.Count(m => m.Instrument == "a2agen.hosting.push.attempts" && (string?)m.Tags["result"] == "failed"));
        Assert.Equal(1, measurements.Count(m => m.Instrument == "a2agen.hosting.push.attempts" && (string?)m.Tags["result"] == "delivered"));
        Assert.Equal(1, measurements.Count(m => m.Instrument == "a2agen.hosting.push.deliveries" && (string?)m.Tags["state"] == "delivered"));
        Assert.Equal(1, measurements.Count(m => m.Instrument == "a2agen.hosting.push.deliveries" && (string?)m.Tags["state"] == "dead_lettered"));
        Assert.Single(refusing.Requests); // 404 is not retried
    }

    [Theory]
    [InlineData("AttemptTimeout")]
    [InlineData("MaxAttempts")]
    [InlineData("AllowedNetworks")]
    public async Task Out_of_range_push_options_stop_the_start(string option)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () => await (await PushTestHost.StartAsync(push: o =>
        {
            switch (option)
            {
                case "AttemptTimeout": o.AttemptTimeout = TimeSpan.FromSeconds(5); break;
                case "MaxAttempts": o.MaxAttempts = 0; break;
                default: o.AllowedNetworks.Add("not-a-network"); break;
            }
        })).DisposeAsync());
        Assert.Contains("A2APushOptions." + option, error.Message, StringComparison.Ordinal);
    }
}
