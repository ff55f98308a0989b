using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests;

public sealed class TelemetryTests
{
    [Fact]
    public async Task Requests_and_rejections_are_counted_by_reason()
    {
        await using var host = await TestHost.StartAsync(s => s.AddA2AAgent<EchoAgent>(), app => app.MapA2AAgent<EchoAgent>("/echo"));
        // Meters from IMeterFactory are scoped to their host: count only this host's measurements.
        var meterFactory = host.Services.GetRequiredService<IMeterFactory>();
        var measurements = new ConcurrentQueue<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == A2AHostingTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, meterFactory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            measurements.Enqueue((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();

        await Rpc.CallAsync(host.Client, "/echo", "SendMessage", Rpc.UserText("ok"));
        await Rpc.SendAsync(host.Client, "/echo", Rpc.Request("SendMessage", Rpc.UserText("x")), version: "2.0");
        await Rpc.CallAsync(host.Client, "/echo", "message/send", "{}");

        await Rpc.CallAsync(host.Client, "/echo", "Invented" + Guid.NewGuid(), "{}");

        Assert.Equal(4, measurements.Count(m => m.Instrument == "a2agen.hosting.requests"));
        Assert.Contains(measurements, m => m.Instrument == "a2agen.hosting.requests" && (string?)m.Tags["rpc.method"] == "_OTHER");
        Assert.Contains(measurements, m => m.Instrument == "a2agen.hosting.requests" && (string?)m.Tags["rpc.method"] == "SendMessage" && (string?)m.Tags["a2a.agent.id"] == "echo-agent");
        var reasons = measurements.Where(m => m.Instrument == "a2agen.hosting.rejections").Select(m => (string)m.Tags["reason"]!).ToArray();
        Assert.Equal(["VERSION_NOT_SUPPORTED", "METHOD_NOT_FOUND", "METHOD_NOT_FOUND"], reasons);
    }

    [Fact]
    public async Task Each_request_has_an_activity_in_the_callers_trace()
    {
        await using var host = await TestHost.StartAsync(s => s.AddA2AAgent<EchoAgent>(), app => app.MapA2AAgent<EchoAgent>("/echo"));
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is A2AHostingTelemetry.Name or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        var traceId = ActivityTraceId.CreateRandom();
        var parent = ActivitySpanId.CreateRandom();
        await Rpc.CallAsync(host.Client, "/echo", "SendMessage", Rpc.UserText("traced"), [Rpc.Header("traceparent", $"00-{traceId}-{parent}-01")]);
        await Rpc.CallAsync(host.Client, "/echo", "Bogus", null, [Rpc.Header("traceparent", $"00-{traceId}-{parent}-01")]);

        var ours = activities.Where(a => a.Source.Name == A2AHostingTelemetry.Name && a.TraceId == traceId).ToArray();
        Assert.Equal(2, ours.Length);
        Assert.All(ours, a => Assert.Equal(traceId, a.TraceId));
        var send = ours.Single(a => (string?)a.GetTagItem("rpc.method") == "SendMessage");
        Assert.Equal("A2A SendMessage", send.DisplayName);
        Assert.Equal("echo-agent", send.GetTagItem("a2a.agent.id"));
        Assert.Equal("echo", send.GetTagItem("a2a.skill.id"));
        Assert.NotNull(send.GetTagItem("a2a.task.id"));
        var bogus = ours.Single(a => (string?)a.GetTagItem("rpc.method") == "_OTHER");
        Assert.Equal(ActivityStatusCode.Error, bogus.Status);
        Assert.Equal("METHOD_NOT_FOUND", bogus.GetTagItem("error.type"));
    }

    [Fact]
    public async Task Every_rejection_is_logged_with_its_stage_and_reason()
    {
        await using var host = await TestHost.StartAsync(s => s.AddA2AAgent<EchoAgent>(), app => app.MapA2AAgent<EchoAgent>("/echo"));
        await Rpc.SendAsync(host.Client, "/echo", "{", version: "1.0");
        await Rpc.SendAsync(host.Client, "/echo", Rpc.Request("GetTask", "{}"), version: "9.9");
        await Rpc.CallAsync(host.Client, "/echo", "GetTask", "{\"id\":\"nope\"}");

        var entries = host.Logs.WithId(1001).Select(e => e.Message).ToArray();
        Assert.Contains(entries, m => m.Contains("at parse: PARSE_ERROR", StringComparison.Ordinal));
        Assert.Contains(entries, m => m.Contains("at version: VERSION_NOT_SUPPORTED", StringComparison.Ordinal));
        Assert.Contains(entries, m => m.Contains("at task: TASK_NOT_FOUND", StringComparison.Ordinal));
    }
}
