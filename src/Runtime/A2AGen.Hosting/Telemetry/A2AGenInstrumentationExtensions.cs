using A2AGen.Client;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace A2AGen.Hosting;

/// <summary>
/// Registers A2AGen's activity sources and meters with OpenTelemetry: <c>AddA2AGenInstrumentation()</c> on the tracer
/// and on the meter provider builders. A2AGen emits through <see cref="System.Diagnostics.ActivitySource"/> and
/// <see cref="System.Diagnostics.Metrics.Meter"/> only; these methods name them so an application need not.
/// </summary>
public static class A2AGenInstrumentationExtensions
{
    /// <summary>
    /// The activity sources: <c>A2AGen.Hosting</c> (one server span per A2A request on any binding, a child of the
    /// caller's W3C trace context) and <c>A2AGen.Client</c> (one client span per call an <see cref="A2AClient"/> makes,
    /// whose <c>traceparent</c> goes on the request).
    /// </summary>
    public static IReadOnlyList<string> ActivitySourceNames { get; } = [A2AHostingTelemetry.Name, A2AClient.ActivitySourceName];

    /// <summary>The meters: <c>A2AGen.Hosting</c> (requests, rejections by reason, durations) and <c>A2AGen.Passport</c> (verifications by outcome, cache).</summary>
    public static IReadOnlyList<string> MeterNames { get; } = [A2AHostingTelemetry.Name, SecurePassportVerifier.MeterName];

    /// <summary>Adds A2AGen's activity sources (<see cref="ActivitySourceNames"/>) to the tracer provider.</summary>
    /// <param name="builder">The tracer provider builder.</param>
    /// <returns>The builder, for chaining.</returns>
    public static TracerProviderBuilder AddA2AGenInstrumentation(this TracerProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddSource([.. ActivitySourceNames]);
    }

    /// <summary>Adds A2AGen's meters (<see cref="MeterNames"/>) to the meter provider.</summary>
    /// <param name="builder">The meter provider builder.</param>
    /// <returns>The builder, for chaining.</returns>
    public static MeterProviderBuilder AddA2AGenInstrumentation(this MeterProviderBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddMeter([.. MeterNames]);
    }
}
