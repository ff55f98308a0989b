using System.Diagnostics.CodeAnalysis;
using A2AGen.Fuzz.Targets;

namespace A2AGen.Fuzz;

/// <summary>
/// The fuzz targets by name. Each takes one input and throws only for a finding: an exception its parser does not
/// document (the documented refusals are caught inside the target), or a broken invariant (<see cref="FuzzInvariant"/>).
/// </summary>
internal static class FuzzTargets
{
    private static readonly Dictionary<string, Action<byte[]>> Targets = new(StringComparer.Ordinal)
    {
        ["jsonrpc"] = JsonRpcTarget.Run,
        ["jws"] = JwsTarget.Run,
        ["jwk"] = JwkTarget.Run,
        ["passport"] = PassportTarget.Run,
        ["jcs"] = CanonicalizerTarget.Run,
        ["sse"] = ServerSentEventTarget.Run,
    };

    public static IEnumerable<string> Names => Targets.Keys;

    public static bool TryGet(string name, [NotNullWhen(true)] out Action<byte[]>? target) => Targets.TryGetValue(name, out target);
}
