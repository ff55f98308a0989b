namespace A2AGen.Hosting;

/// <summary>Correlation ids tie an internal error the caller sees to the server log entry holding its details.</summary>
internal static class CorrelationIds
{
    public static string New() => Guid.NewGuid().ToString("N");
}
