using System.Collections.Concurrent;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using Microsoft.AspNetCore.Http;

namespace A2AGen.Hosting;

/// <summary>
/// Builds the card an agent serves: the generated card with its JSON-RPC interface URL set to the public endpoint,
/// <c>capabilities.extendedAgentCard</c> when an extended card is configured, and the app's own last changes. When
/// nothing changes, the generator's compile-time bytes (<see cref="IA2AAgent.CardJson"/>) are served as they are.
/// </summary>
internal sealed class AgentCardProvider
{
    /// <summary>The URL the generator writes when <c>[A2AAgent(Url = …)]</c> is absent: hosting supplies the real one.</summary>
    public const string PlaceholderUrl = "http://localhost/";

    private const int MaxDerivedDocuments = 16;

    private readonly A2AAgentRegistration _agent;
    private readonly A2AAgentOptions _options;
    private readonly string _path;
    private readonly AgentCardDocument? _fixed;
    private readonly ConcurrentDictionary<string, AgentCardDocument> _derived = new(StringComparer.Ordinal);

    public AgentCardProvider(A2AAgentRegistration agent, A2AAgentOptions options, string path)
    {
        _agent = agent;
        _options = options;
        _path = path;
        var declaredUrl = agent.Card.SupportedInterfaces.Count > 0 ? agent.Card.SupportedInterfaces[0].Url : PlaceholderUrl;
        var fixedUrl = options.PublicUrl ?? (declaredUrl == PlaceholderUrl ? null : declaredUrl);
        if (fixedUrl is not null)
        {
            _fixed = Build(fixedUrl);
        }
    }

    /// <summary>Whether the card's URL follows each request (no public URL configured or declared).</summary>
    public bool IsDerivedFromRequest => _fixed is null;

    /// <summary>The card for a request.</summary>
    public AgentCardDocument Get(HttpRequest request)
    {
        if (_fixed is not null)
        {
            return _fixed;
        }

        var url = EndpointUrl(request);
        if (_derived.TryGetValue(url, out var document))
        {
            return document;
        }

        document = Build(url);
        if (_derived.Count < MaxDerivedDocuments)
        {
            _derived.TryAdd(url, document);
        }

        return document;
    }

    /// <summary>The endpoint URL as this request reached it: scheme, host, path base and the mapped path.</summary>
    public string EndpointUrl(HttpRequest request) =>
        string.Concat(request.Scheme, "://", request.Host.ToUriComponent(), request.PathBase.ToUriComponent(), _path);

    private AgentCardDocument Build(string url)
    {
        var original = _agent.Card;
        var card = original;
        if (original.SupportedInterfaces.Any(i => i.ProtocolBinding == AgentInterface.JsonRpcBinding && i.Url != url))
        {
            card = card with
            {
                SupportedInterfaces = original.SupportedInterfaces
                    .Select(i => i.ProtocolBinding == AgentInterface.JsonRpcBinding ? i with { Url = url } : i)
                    .ToArray(),
            };
        }

        if (_options.ExtendedAgentCard is not null && card.Capabilities.ExtendedAgentCard != true)
        {
            card = card with { Capabilities = card.Capabilities with { ExtendedAgentCard = true } };
        }

        if (_options.ConfigureCard is { } configure)
        {
            card = configure(card) ?? throw new InvalidOperationException($"A2AAgentOptions.ConfigureCard of agent '{_agent.AgentId}' returned null.");
        }

        return ReferenceEquals(card, original)
            ? new AgentCardDocument(original, _agent.CardJson)
            : new AgentCardDocument(card, A2AJson.SerializeToUtf8Bytes(card));
    }
}
