using A2AGen.Security;

namespace A2AGen.Hosting;

/// <summary>
/// Decides whether a JSON-RPC request speaks A2A 0.3 (<see cref="A2AAgentOptions.AcceptProtocolV03"/>). The version
/// stage lets 0.3 and a missing <c>A2A-Version</c> through on JSON-RPC only; once the envelope is parsed the method
/// name decides: a 0.3 name is the 0.3 dialect, a 1.0 name without a version keeps today's -32009, and a 1.0 name
/// under an explicit 0.3 is not a 0.3 method (-32601).
/// </summary>
internal static class V03Dialect
{
    /// <summary>Whether the version stage may let a request it would refuse through to <see cref="Select"/>.</summary>
    public static bool MayApply(A2ARequest request)
    {
        if (!request.Agent.Options.AcceptProtocolV03 || !ReferenceEquals(request.Binding, JsonRpcBinding.Instance))
        {
            return false;
        }

        var version = ProtocolVersion.Read(request.Http.Request);
        return version is null || ProtocolVersion.IsV03(version);
    }

    /// <summary>
    /// Parse stage: the operation of a 0.3 method (setting <see cref="A2ARequest.IsV03"/>), or the refusal of a request
    /// the version stage let through that is not 0.3. Returns null and leaves the request alone for a 1.0 request.
    /// </summary>
    public static A2AError? Select(A2ARequest request, string method)
    {
        var options = request.Agent.Options;
        var version = ProtocolVersion.Read(request.Http.Request);
        var legacy = LegacyMethodNames.Operation(method);
        if (version is not null && !ProtocolVersion.IsV03(version))
        {
            return null; // 1.0: the version stage accepted it.
        }

        if (options.AcceptProtocolV03 && legacy != A2AOperation.Unknown)
        {
            request.IsV03 = true;
            request.Operation = legacy;
            return null;
        }

        if (version is null)
        {
            // No version: 1.0 only when the app says so, as before 0.3 was understood.
            return options.TreatMissingVersionAsCurrent ? null : A2AError.VersionNotSupported(null);
        }

        // An explicit 0.3 naming something that is not a 0.3 method.
        return options.AcceptProtocolV03
            ? A2AError.MethodNotFound($"Method '{CallerText.Sanitize(method, 64)}' is not an A2A 0.3 method (A2A-Version: 0.3).")
            : A2AError.VersionNotSupported(version);
    }
}
