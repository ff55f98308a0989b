namespace A2AGen.Security.Interop;

/// <summary>Helpers for passing spans to native code.</summary>
internal static class NativeSpan
{
    private static readonly byte[] OneByte = new byte[1];

    /// <summary>An empty span pins to a null pointer; native code gets a valid pointer (and a zero length) instead.</summary>
    public static ReadOnlySpan<byte> NonNull(ReadOnlySpan<byte> data) => data.IsEmpty ? OneByte : data;
}
