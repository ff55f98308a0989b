using System.Collections.Concurrent;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Security;
using Microsoft.AspNetCore.Http;

namespace A2AGen.Hosting;

/// <summary>
/// Builds the card an agent serves: the generated card with one interface per binding served (JSON-RPC first, then
/// HTTP+JSON, both at the public endpoint URL, then gRPC at its own endpoint; a binding not served is not listed),
/// <c>capabilities.extendedAgentCard</c> when an extended card is configured, an <c>mtlsSecurityScheme</c> when the
/// host requires client certificates, <c>urn:a2agen:ext:fetch:v1</c> when the host fetches payload parts, and the app's
/// own last changes — signed with the agent's key (DESIGN §6.2,
/// <c>jku</c> = the agent's JWKS URL). When nothing changes, the generator's compile-time bytes
/// (<see cref="IA2AAgent.CardJson"/>) are what is signed (or, unsigned, served as they are); otherwise the changed card
/// is serialized and canonicalized (RFC 8785). Cards are built once per URL.
/// </summary>
internal sealed class AgentCardProvider
{
    /// <summary>The name of the security scheme the host adds when it requires client certificates.</summary>
    public const string MutualTlsSchemeName = "mtls";

    private const int MaxDerivedDocuments = 16;

    private readonly A2AAgentRegistration _agent;
    private readonly A2AAgentOptions _options;
    private readonly string _path;
    private readonly SigningKey? _signingKey;
    private readonly MutualTlsSecurityScheme? _mutualTls;
    private readonly A2ABindings _bindings;
    private readonly GrpcEndpoint? _grpc;
    private readonly Lazy<AgentExtension?>? _hostExtension;
    private AgentCardDocument? _fixed;
    private readonly ConcurrentDictionary<string, AgentCardDocument> _derived = new(StringComparer.Ordinal);
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<AgentCardDocument, AgentCardDocument> _v03 = new();

    public AgentCardProvider(A2AAgentRegistration agent, A2AAgentOptions options, string path, SigningKey? signingKey, MutualTlsSecurityScheme? mutualTls, A2ABindings bindings = A2ABindings.All, GrpcEndpoint? grpc = null, Lazy<AgentExtension?>? hostExtension = null)
    {
        _hostExtension = hostExtension;
        _grpc = bindings.HasFlag(A2ABindings.Grpc) ? grpc : null;
        _agent = agent;
        _bindings = bindings;
        _options = options;
        _path = path;
        _signingKey = options.SignCard ? signingKey : null;
        _mutualTls = mutualTls;
        // Without a declared URL the card's is a placeholder (AgentDescriptor.DeclaresUrl): the request's URL is served.
        var declaredUrl = agent.Descriptor.DeclaresUrl && agent.Card.SupportedInterfaces.Count > 0 ? agent.Card.SupportedInterfaces[0].Url : null;
        FixedUrl = options.PublicUrl ?? declaredUrl;
        // Built now, so that a problem (ConfigureCard) stops the start — unless the card must name a gRPC port that
        // Kestrel has not bound yet; then it is built on the first request.
        if (FixedUrl is not null && (_grpc is null || !_grpc.HasListener || _grpc.PublicUrl is not null))
        {
            _fixed = Build(FixedUrl);
        }
    }

    /// <summary>Whether the card's URL follows each request (no public URL configured or declared).</summary>
    public bool IsDerivedFromRequest => FixedUrl is null;

    /// <summary>The configured or declared endpoint URL, or null when it is derived from each request.</summary>
    public string? FixedUrl { get; }

    /// <summary>Whether the served card carries a signature.</summary>
    public bool IsSigned => _signingKey is not null;

    /// <summary>The card for a request.</summary>
    public AgentCardDocument Get(HttpRequest request)
    {
        if (FixedUrl is not null)
        {
            return Volatile.Read(ref _fixed) ?? Interlocked.CompareExchange(ref _fixed, Build(FixedUrl), null) ?? _fixed!;
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

    /// <summary>The card with <paramref name="extension"/> declared after its own extensions, unless it already declares that URI.</summary>
    public static AgentCard WithExtension(AgentCard card, AgentExtension extension) =>
        card.Capabilities.Extensions?.Any(e => string.Equals(e.Uri, extension.Uri, StringComparison.Ordinal)) == true
            ? card
            : card with { Capabilities = card.Capabilities with { Extensions = [.. card.Capabilities.Extensions ?? [], extension] } };

    /// <summary>The endpoint URL as this request reached it: scheme, host, path base and the mapped path.</summary>
    public string EndpointUrl(HttpRequest request) =>
        string.Concat(request.Scheme, "://", request.Host.ToUriComponent(), request.PathBase.ToUriComponent(), _path);

    /// <summary>
    /// The extended card for <c>GetExtendedAgentCard</c>, signed like the public card when the agent signs its card (the
    /// <c>jku</c> of the URL this request reached the agent under).
    /// </summary>
    public AgentCard SignExtended(AgentCard card, HttpRequest request)
    {
        if (_signingKey is null)
        {
            return card;
        }

        var url = FixedUrl ?? EndpointUrl(request);
        return AgentCardSigner.WithSignatures(card with { Signatures = null }, [_signingKey], new AgentCardSigningOptions { JwkSetUrl = JwksUrl(url) });
    }

    /// <summary>Whether the card is also served in its A2A 0.3 shape (<see cref="A2AAgentOptions.AcceptProtocolV03"/>, JSON-RPC served).</summary>
    public bool ServesV03 => _options.AcceptProtocolV03 && _bindings.HasFlag(A2ABindings.JsonRpc);

    /// <summary>
    /// The A2A 0.3 shape of a served card (<see cref="V03Card"/>), signed like the 1.0 card — a signature of its own,
    /// over its own RFC 8785 form — when the agent signs its card. Built once per 1.0 document.
    /// </summary>
    public AgentCardDocument GetV03(AgentCardDocument document) => _v03.GetValue(document, d =>
    {
        var v03 = V03Card.FromCard((System.Text.Json.Nodes.JsonObject)System.Text.Json.JsonSerializer.SerializeToNode(d.Card with { Signatures = null }, A2AJson.GetTypeInfo<AgentCard>())!);
        var json = System.Text.Encoding.UTF8.GetBytes(v03.ToJsonString());
        if (_signingKey is not null && v03["url"]?.GetValue<string>() is { } url)
        {
            json = AgentCardSigner.CreateSignedCardJson(json, [_signingKey], new AgentCardSigningOptions { JwkSetUrl = JwksUrl(url) });
        }

        return new AgentCardDocument(d.Card, json);
    });

    /// <summary>The agent's JWKS URL for an endpoint URL (what <c>jku</c> names).</summary>
    public static string JwksUrl(string endpointUrl) => endpointUrl.TrimEnd('/') + A2AProtocol.JwksPath;

    // The served bindings (gRPC at its own endpoint, the others at the endpoint URL), JSON-RPC first (clients that take the first interface keep using it);
    // interfaces the app declared for other bindings stay as they are.
    private AgentInterface[] Interfaces(IReadOnlyList<AgentInterface> declared, string url)
    {
        var result = new List<AgentInterface>();
        var template = declared.FirstOrDefault(i => i.ProtocolBinding == AgentInterface.JsonRpcBinding) ?? new AgentInterface();
        if (_bindings.HasFlag(A2ABindings.JsonRpc))
        {
            result.Add(template.Url == url ? template : template with { Url = url });
        }

        if (_bindings.HasFlag(A2ABindings.HttpJson))
        {
            result.Add(template with { Url = url, ProtocolBinding = RestBinding.BindingName });
        }

        if (_grpc?.Url(url) is { } grpcUrl)
        {
            result.Add(template with { Url = grpcUrl, ProtocolBinding = GrpcBinding.BindingName });
        }

        result.AddRange(declared.Where(i => i.ProtocolBinding is not (AgentInterface.JsonRpcBinding or RestBinding.BindingName or GrpcBinding.BindingName)));
        return [.. result];
    }

    private AgentCardDocument Build(string url)
    {
        var original = _agent.Card;
        var card = original;
        var interfaces = Interfaces(original.SupportedInterfaces, url);
        if (!interfaces.SequenceEqual(original.SupportedInterfaces))
        {
            card = card with { SupportedInterfaces = interfaces };
        }

        if (_options.ExtendedAgentCard is not null && card.Capabilities.ExtendedAgentCard != true)
        {
            card = card with { Capabilities = card.Capabilities with { ExtendedAgentCard = true } };
        }

        if (_hostExtension?.Value is { } hostExtension)
        {
            card = WithExtension(card, hostExtension);
        }

        if (_mutualTls is not null && card.SecuritySchemes?.Values.Any(s => s.MtlsSecurityScheme is not null) != true)
        {
            var schemes = new Dictionary<string, SecurityScheme>(card.SecuritySchemes ?? new Dictionary<string, SecurityScheme>(), StringComparer.Ordinal);
            var name = schemes.ContainsKey(MutualTlsSchemeName) ? "a2agen-" + MutualTlsSchemeName : MutualTlsSchemeName;
            schemes[name] = new SecurityScheme { MtlsSecurityScheme = _mutualTls };
            card = card with { SecuritySchemes = schemes };
        }

        if (_options.ConfigureCard is { } configure)
        {
            card = configure(card) ?? throw new InvalidOperationException($"A2AAgentOptions.ConfigureCard of agent '{_agent.AgentId}' returned null.");
        }

        var unchanged = ReferenceEquals(card, original);
        if (_signingKey is null)
        {
            return new AgentCardDocument(card, unchanged ? _agent.CardJson : A2AJson.SerializeToUtf8Bytes(card));
        }

        // A signed card is served as RFC 8785 JSON: the exact form every verifier recomputes as the signed payload.
        var unsigned = unchanged ? _agent.CardJson : A2AJson.SerializeToUtf8Bytes(card with { Signatures = null });
        var signed = AgentCardSigner.CreateSignedCardJson(unsigned, [_signingKey], new AgentCardSigningOptions { JwkSetUrl = JwksUrl(url) });
        return new AgentCardDocument(card, signed);
    }
}
