using System.Diagnostics;

namespace A2AGen.Client;

/// <summary>
/// Puts the W3C trace context of <see cref="Activity.Current"/> on a request (<c>traceparent</c>, <c>tracestate</c>),
/// so the agent's spans join the caller's trace even when the HTTP handler pipeline does not propagate it. A header
/// already present is left alone.
/// </summary>
internal static class TraceContext
{
    public static void Inject(HttpRequestMessage request)
    {
        var activity = Activity.Current;
        if (activity is null || activity.IdFormat != ActivityIdFormat.W3C || request.Headers.Contains("traceparent"))
        {
            return;
        }

        request.Headers.TryAddWithoutValidation("traceparent", activity.Id);
        if (activity.TraceStateString is { Length: > 0 } state)
        {
            request.Headers.TryAddWithoutValidation("tracestate", state);
        }
    }
}
