using A2AGen.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace A2AGen.Hosting;

/// <summary>
/// <c>A2A-Extensions</c> negotiation (spec §3.2.6, DESIGN §6.6): the requested URIs (also from the v0.3
/// <c>X-A2A-Extensions</c>) that the card declares are activated and echoed; a declared <c>required</c> extension
/// the client did not request is refused with -32008.
/// </summary>
internal sealed class ExtensionNegotiation
{
    private const int MaxRequested = 32;

    private readonly string[] _declared;
    private readonly string[] _required;

    public ExtensionNegotiation(AgentCard card)
    {
        var extensions = card.Capabilities.Extensions ?? [];
        _declared = extensions.Select(static e => e.Uri).Where(static u => u.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        _required = extensions.Where(static e => e.Required).Select(static e => e.Uri).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Activates the requested extensions the agent supports; fails when a required one is missing.</summary>
    public A2AError? Negotiate(HttpRequest request, out string[] activated)
    {
        activated = [];
        var current = request.Headers[A2AProtocol.ExtensionsHeader];
        var legacy = request.Headers[A2AProtocol.LegacyExtensionsHeader];
        if (current.Count == 0 && legacy.Count == 0)
        {
            return _required.Length == 0 ? null : A2AError.ExtensionSupportRequired(_required);
        }

        var requested = new HashSet<string>(StringComparer.Ordinal);
        Collect(current, requested);
        Collect(legacy, requested);
        if (requested.Count > MaxRequested)
        {
            return A2AError.InvalidRequest("TOO_MANY_EXTENSIONS", $"A2A-Extensions lists more than {MaxRequested} extensions.");
        }

        List<string>? missing = null;
        foreach (var uri in _required)
        {
            if (!requested.Contains(uri))
            {
                (missing ??= []).Add(uri);
            }
        }

        if (missing is not null)
        {
            return A2AError.ExtensionSupportRequired(missing);
        }

        if (requested.Count > 0)
        {
            activated = _declared.Where(requested.Contains).ToArray();
        }

        return null;
    }

    private static void Collect(StringValues values, HashSet<string> into)
    {
        foreach (var value in values)
        {
            if (value is null)
            {
                continue;
            }

            foreach (var range in value.AsSpan().Split(','))
            {
                var uri = value.AsSpan(range).Trim();
                if (!uri.IsEmpty)
                {
                    into.Add(uri.ToString());
                }
            }
        }
    }
}
