namespace A2AGen.Client;

/// <summary>What one call adds to a request beside its body, on every binding (an HTTP header, gRPC metadata).</summary>
public sealed class A2ACallOptions
{
    /// <summary>Creates the settings of a call.</summary>
    /// <param name="extensions">The <c>A2A-Extensions</c> value (comma-separated URIs), or null for none.</param>
    public A2ACallOptions(string? extensions)
    {
        Extensions = string.IsNullOrEmpty(extensions) ? null : extensions;
    }

    /// <summary>No extensions.</summary>
    public static A2ACallOptions None { get; } = new(null);

    /// <summary>The extensions to activate (<c>A2A-Extensions</c>, comma-separated), or null.</summary>
    public string? Extensions { get; }
}
