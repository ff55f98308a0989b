using System.Diagnostics.Metrics;

namespace A2AGen.Hosting;

/// <summary>
/// The push receiver's counters on the hosting's meter (<c>A2AGen.Hosting</c>):
/// <c>a2agen.hosting.push_receiver.accepted</c> (by sender, authentication and event kind) and
/// <c>a2agen.hosting.push_receiver.refused</c> (by reason).
/// </summary>
internal sealed class PushReceiverTelemetry
{
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _refused;

    public PushReceiverTelemetry(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(A2AHostingTelemetry.Name);
        _accepted = meter.CreateCounter<long>("a2agen.hosting.push_receiver.accepted", "{notification}", "Push notifications accepted and handed to the application, by sender, authentication and event kind.");
        _refused = meter.CreateCounter<long>("a2agen.hosting.push_receiver.refused", "{notification}", "Push notifications refused, by reason (the ErrorInfo reason, precise for key lookups).");
    }

    public void Accepted(string sender, A2APushAuthentication authentication, A2APushEventKind kind) =>
        _accepted.Add(1, new("sender", sender), new("authentication", authentication == A2APushAuthentication.Signature ? "signature" : "token"), new("kind", KindName(kind)));

    public void Refused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    private static string KindName(A2APushEventKind kind) => kind switch
    {
        A2APushEventKind.Task => "task",
        A2APushEventKind.Message => "message",
        A2APushEventKind.StatusUpdate => "status_update",
        _ => "artifact_update",
    };
}
