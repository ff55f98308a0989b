using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace A2AGen.Hosting;

/// <summary>
/// The hosting's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>A2AGen.Hosting</c>: one activity
/// per A2A request on any binding (a child of ASP.NET Core's request activity, so W3C <c>traceparent</c> from the caller
/// carries through), request and rejection counters, and duration histograms.
/// </summary>
public sealed class A2AHostingTelemetry : IDisposable
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "A2AGen.Hosting";

    private static readonly ActivitySource Source = new(Name, typeof(A2AHostingTelemetry).Assembly.GetName().Version?.ToString());

    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _rejections;
    private readonly Histogram<double> _requestDuration;
    private readonly Histogram<double> _verificationDuration;
    private readonly Counter<long> _pushEvents;
    private readonly Counter<long> _pushAttempts;
    private readonly Counter<long> _pushOutcomes;
    private readonly Histogram<double> _pushAttemptDuration;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    /// <param name="meterFactory">The host's meter factory.</param>
    public A2AHostingTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(Name);
        _requests = _meter.CreateCounter<long>("a2agen.hosting.requests", "{request}", "A2A requests received on every binding, by agent and method.");
        _rejections = _meter.CreateCounter<long>("a2agen.hosting.rejections", "{request}", "Requests rejected, by agent and reason (the ErrorInfo reason).");
        _requestDuration = _meter.CreateHistogram<double>("a2agen.hosting.request.duration", "s", "Time to answer an A2A request on any binding (to the first byte of a stream).");
        _verificationDuration = _meter.CreateHistogram<double>("a2agen.hosting.verification.duration", "s", "Time spent in the security stages (request signature, passport, skill policy).");
        _pushEvents = _meter.CreateCounter<long>("a2agen.hosting.push.events", "{event}", "Task events of push-notification agents, by agent and state: queued (one delivery per webhook), dropped (the in-process buffer was full or the queue unreachable).");
        _pushAttempts = _meter.CreateCounter<long>("a2agen.hosting.push.attempts", "{attempt}", "Push-notification delivery attempts, by agent and result: delivered, failed (retried), refused (the SSRF guard refused the address).");
        _pushOutcomes = _meter.CreateCounter<long>("a2agen.hosting.push.deliveries", "{delivery}", "Push-notification deliveries settled, by agent and state: delivered, dead_lettered, skipped (the configuration was deleted).");
        _pushAttemptDuration = _meter.CreateHistogram<double>("a2agen.hosting.push.attempt.duration", "s", "Time of one push-notification delivery attempt.");
    }

    internal Activity? StartRequest(string agentId, string binding = "JSONRPC")
    {
        var activity = Source.StartActivity("A2A request", ActivityKind.Server);
        if (activity is not null)
        {
            activity.SetTag("rpc.system", binding switch { "JSONRPC" => "jsonrpc", "GRPC" => "grpc", _ => "http+json" });
            activity.SetTag("a2a.agent.id", agentId);
        }

        return activity;
    }

    internal void RecordRequest(string agentId, string method) =>
        _requests.Add(1, new KeyValuePair<string, object?>("a2a.agent.id", agentId), new KeyValuePair<string, object?>("rpc.method", method));

    internal void RecordRejection(string agentId, string reason) =>
        _rejections.Add(1, new KeyValuePair<string, object?>("a2a.agent.id", agentId), new KeyValuePair<string, object?>("reason", reason));

    internal void RecordRequestDuration(string agentId, string method, long startTimestamp) =>
        _requestDuration.Record(
            Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>("a2a.agent.id", agentId),
            new KeyValuePair<string, object?>("rpc.method", method));

    internal void RecordVerification(string agentId, long startTimestamp) =>
        _verificationDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>("a2a.agent.id", agentId));

    internal void RecordPushEvent(string agentId, string state) =>
        _pushEvents.Add(1, new KeyValuePair<string, object?>("a2a.agent.id", agentId), new KeyValuePair<string, object?>("state", state));

    internal void RecordPushAttempt(string agentId, string result, long startTimestamp)
    {
        _pushAttempts.Add(1, new KeyValuePair<string, object?>("a2a.agent.id", agentId), new KeyValuePair<string, object?>("result", result));
        _pushAttemptDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, new KeyValuePair<string, object?>("a2a.agent.id", agentId), new KeyValuePair<string, object?>("result", result));
    }

    internal void RecordPushOutcome(string agentId, string state) =>
        _pushOutcomes.Add(1, new KeyValuePair<string, object?>("a2a.agent.id", agentId), new KeyValuePair<string, object?>("state", state));

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
