using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace A2AGen.Passport.Tests.Infrastructure;

/// <summary>Sums the long counters of one meter (by name), limited to the meters of one <see cref="IMeterFactory"/> or to one <see cref="Meter"/>.</summary>
public sealed class MeterCapture : IDisposable
{
    private readonly MeterListener _listener;
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Instrument, Dictionary<string, object?> Tags)> _events = new();

    public MeterCapture(string meterName, object? scope = null, Meter? meter = null)
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (meter is not null ? ReferenceEquals(instrument.Meter, meter) : instrument.Meter.Name == meterName && ReferenceEquals(instrument.Meter.Scope, scope))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            _totals.AddOrUpdate(instrument.Name, value, (_, total) => total + value);
            _events.Enqueue((instrument.Name, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
        });
        _listener.Start();
    }

    public long Total(string instrument) => _totals.GetValueOrDefault(instrument);

    public IReadOnlyList<Dictionary<string, object?>> Tags(string instrument) => _events.Where(e => e.Instrument == instrument).Select(e => e.Tags).ToList();

    public void Dispose() => _listener.Dispose();
}
