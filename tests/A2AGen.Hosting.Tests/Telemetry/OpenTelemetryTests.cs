using System.Diagnostics;
using A2AGen.Client;
using A2AGen.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace A2AGen.Hosting.Tests;

/// <summary>
/// <c>AddA2AGenInstrumentation()</c> with the OpenTelemetry SDK and its in-memory exporter: a call that crosses three
/// agents over real HTTP is one trace (issue 17 item 3), and the hosting meters reach the meter provider.
/// </summary>
public sealed class OpenTelemetryTests
{
    [Fact]
    public async Task A_call_across_three_agents_is_one_trace()
    {
        var spans = new List<Activity>();
        // ASP.NET Core's and HttpClient's own sources too, as an application exporting whole traces has them: the spans
        // between an agent's client call and the next agent's server span are theirs.
        using var tracing = Sdk.CreateTracerProviderBuilder().AddA2AGenInstrumentation().AddSource("Microsoft.AspNetCore", "System.Net.Http")
            .AddInMemoryExporter(spans).Build();
        var routes = new RelayRoutes();
        await using var three = await TestHost.StartAsync(s => s.AddA2AAgent<RelayThreeAgent>(), app => app.MapA2AAgent<RelayThreeAgent>("/three"));
        await using var two = await TestHost.StartAsync(
            s => s.AddSingleton(routes).AddA2AAgent<RelayTwoAgent>(), app => app.MapA2AAgent<RelayTwoAgent>("/two"));
        await using var one = await TestHost.StartAsync(
            s => s.AddSingleton(routes).AddA2AAgent<RelayOneAgent>(), app => app.MapA2AAgent<RelayOneAgent>("/one"));
        routes.Urls["relay-two"] = new Uri(two.BaseAddress, "/two");
        routes.Urls["relay-three"] = new Uri(three.BaseAddress, "/three");

        using var http = new HttpClient();
        var client = await A2AClient.ConnectAsync(http, new Uri(one.BaseAddress, "/one"), new A2AClientOptions { AllowUnverifiedCard = true });
        var answer = await client.SendMessageAsync(Message.UserText("hi"));
        // A server span ends after its response is written, so the client may hold the answer a moment before the
        // last spans are exported; other tests export into the same list meanwhile (the sources are process-wide), so
        // read copies until relay-one's server span and everything under it are there.
        var exported = await ExportedAsync(tracing, spans);

        Assert.Equal("three>two>one>hi", answer.Task?.Artifacts?[0].Parts[0].Text);
        // The root is the test's own client call; everything the three agents did hangs off its trace id.
        var root = Assert.Single(exported, s => s.Source.Name == A2AClient.ActivitySourceName && s.ParentSpanId == default && s.GetTagItem("rpc.method") as string == "SendMessage" && s.TraceId == FindTrace(exported, "relay-one"));
        var trace = exported.Where(s => s.TraceId == root.TraceId).ToArray();
        var served = trace.Where(s => s.Source.Name == A2AHostingTelemetry.Name).Select(s => s.GetTagItem("a2a.agent.id") as string ?? "").Order().ToArray();
        Assert.Equal(["relay-one", "relay-three", "relay-two"], served);
        // Three client calls in the chain: the test's, relay-one's and relay-two's (card fetches are not A2A calls).
        Assert.Equal(3, trace.Count(s => s.Source.Name == A2AClient.ActivitySourceName && s.GetTagItem("rpc.method") as string == "SendMessage"));
        // Each agent's server span is a descendant of the client span that called it: the chain is linked, not only tagged.
        Assert.True(IsDescendant(Served(trace, "relay-three"), ClientSpanIn(trace, Served(trace, "relay-two")), trace));
        Assert.True(IsDescendant(Served(trace, "relay-two"), ClientSpanIn(trace, Served(trace, "relay-one")), trace));
    }

    [Fact]
    public async Task The_hosting_meters_reach_the_meter_provider()
    {
        var metrics = new List<Metric>();
        using var meters = Sdk.CreateMeterProviderBuilder().AddA2AGenInstrumentation().AddInMemoryExporter(metrics).Build();
        await using var host = await TestHost.StartAsync(s => s.AddA2AAgent<EchoAgent>(), app => app.MapA2AAgent<EchoAgent>("/echo"));

        await Rpc.CallAsync(host.Client, "/echo", "SendMessage", Rpc.UserText("counted"));
        await Rpc.CallAsync(host.Client, "/echo", "NoSuchMethod", "{}");
        meters.ForceFlush();

        Assert.Contains(metrics, m => m.Name == "a2agen.hosting.requests" && m.MeterName == A2AHostingTelemetry.Name);
        Assert.Contains(metrics, m => m.Name == "a2agen.hosting.rejections");
        Assert.Contains(metrics, m => m.Name == "a2agen.hosting.request.duration");
    }

    private static async Task<Activity[]> ExportedAsync(TracerProvider tracing, List<Activity> spans)
    {
        for (var attempt = 0; ; attempt++)
        {
            tracing.ForceFlush();
            var exported = spans.ToArray();
            var served = exported.Where(s => s.Source.Name == A2AHostingTelemetry.Name && s.GetTagItem("a2a.agent.id") is "relay-one" or "relay-two" or "relay-three").ToArray();
            if ((served.Select(s => s.GetTagItem("a2a.agent.id")).Distinct().Count() == 3
                    && exported.Count(s => s.Source.Name == A2AClient.ActivitySourceName && s.TraceId == served[0].TraceId && s.GetTagItem("rpc.method") as string == "SendMessage") == 3
                    && Linked(exported.Where(s => s.TraceId == served[0].TraceId).ToArray()))
                || attempt == 250)
            {
                return exported;
            }

            await Task.Delay(20);
        }
    }

    private static bool Linked(Activity[] trace)
    {
        try
        {
            return IsDescendant(Served(trace, "relay-three"), ClientSpanIn(trace, Served(trace, "relay-two")), trace)
                && IsDescendant(Served(trace, "relay-two"), ClientSpanIn(trace, Served(trace, "relay-one")), trace);
        }
        catch (InvalidOperationException)
        {
            return false; // a span is not exported yet
        }
    }

    private static ActivityTraceId FindTrace(Activity[] spans, string agentId) =>
        spans.First(s => s.Source.Name == A2AHostingTelemetry.Name && s.GetTagItem("a2a.agent.id") as string == agentId).TraceId;

    private static Activity Served(Activity[] trace, string agentId) =>
        trace.Single(s => s.Source.Name == A2AHostingTelemetry.Name && s.GetTagItem("a2a.agent.id") as string == agentId);

    /// <summary>
    /// The client span made while <paramref name="server"/> itself was handling its request (the agent's own outbound
    /// call, not one made further down by the agent it called).
    /// </summary>
    private static Activity ClientSpanIn(Activity[] trace, Activity server) =>
        trace.Single(s => s.Source.Name == A2AClient.ActivitySourceName && s.GetTagItem("rpc.method") as string == "SendMessage"
            && IsDescendant(s, server, trace)
            && !trace.Any(other => other.Source.Name == A2AHostingTelemetry.Name && other != server && IsDescendant(s, other, trace) && IsDescendant(other, server, trace)));

    private static bool IsDescendant(Activity span, Activity ancestor, Activity[] trace)
    {
        for (var parentId = span.ParentSpanId; parentId != default;)
        {
            if (parentId == ancestor.SpanId)
            {
                return true;
            }

            var parent = trace.FirstOrDefault(s => s.SpanId == parentId);
            if (parent is null)
            {
                return false;
            }

            parentId = parent.ParentSpanId;
        }

        return false;
    }
}
