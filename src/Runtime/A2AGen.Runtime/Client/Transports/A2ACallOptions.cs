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

    /// <summary>
    /// The call's bearer token (<c>Authorization: Bearer</c>; gRPC metadata <c>authorization</c>), from
    /// <see cref="A2AClientOptions.BearerToken"/>, or null. A request that already carries an <c>Authorization</c> header
    /// (set by a handler) keeps it.
    /// </summary>
    public string? BearerToken { get; init; }
}
