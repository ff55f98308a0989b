using A2AGen.Hosting.Idempotency;
using A2AGen.Hosting.Push;
using System.Collections.Concurrent;
using A2AGen.Hosting.Tasks;
using A2AGen.Protocol;
using A2AGen.Provenance;
using A2AGen.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace A2AGen.Hosting;

/// <summary>
/// Everything one mapped agent needs at run time: its registration and options, the services of the pipeline, and
/// the card. Created by <c>MapA2AAgent</c>; one per mapped path.
/// </summary>
internal sealed class AgentHost
{
    private const int MaxDerivedTargets = 16;

    private readonly Dictionary<string, SkillModes> _skillModes;
    private readonly RequestTarget? _fixedTarget;
    private RequestTarget? _listeningTarget;
    private readonly Lazy<ExtensionNegotiation> _extensions;
    private readonly ConcurrentDictionary<string, RequestTarget> _derivedTargets = new(StringComparer.Ordinal);

    public AgentHost(A2AAgentRegistration registration, A2AAgentOptions options, string path, IServiceProvider services, A2ABindings bindings = A2ABindings.All, GrpcEndpoint? grpc = null)
    {
        Grpc = bindings.HasFlag(A2ABindings.Grpc) ? grpc : null;
        Registration = registration;
        Options = options;
        Path = path;
        Store = services.GetRequiredService<ITaskStore>();
        Events = services.GetService<ITaskEventLog>();
        Idempotency = services.GetRequiredService<IIdempotencyStore>();
        Runner = services.GetRequiredService<TaskRunner>();
        Telemetry = services.GetRequiredService<A2AHostingTelemetry>();
        Logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("A2AGen.Hosting." + registration.AgentType.Name);
        SignatureVerifier = services.GetRequiredService<IRequestSignatureVerifier>();
        PassportVerifier = services.GetRequiredService<IPassportVerifier>();
        Time = services.GetRequiredService<TimeProvider>();
        ScopeFactory = services.GetRequiredService<IServiceScopeFactory>();
        Stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        KeyRing = services.GetRequiredService<A2AKeyRing>();
        Keys = KeyRing.For(registration.AgentId);
        MutualTls = services.GetService<ClientCertificateTrust>();
        SignatureValidator = new RequestSignatureValidator(KeyRing.TrustStore, services.GetRequiredService<IReplayCache>(), new RequestSignatureValidationOptions
        {
            ClockSkew = options.SignatureClockSkew,
            MaxLifetime = options.MaxSignatureLifetime,
            TimeProvider = Time,
        });
        var mutualTlsScheme = MutualTls is null ? null : new MutualTlsSecurityScheme { Description = MutualTls.Options.SchemeDescription };
        // Store-and-fetch is host-wide: every agent of a host with payload sources fetches, so every card says so. Read
        // when first needed, not now: payload options may name the host's address, known only once it listens.
        var fetchExtension = new Lazy<AgentExtension?>(() =>
            services.GetService<Payloads.PayloadFetcher>() is not null &&
            services.GetService<Microsoft.Extensions.Options.IOptions<A2APayloadOptions>>()?.Value is { Sources.Count: > 0 } payloads
                ? Payloads.PayloadFormat.CardExtension(payloads.MaxSize)
                : null);
        Cards = new AgentCardProvider(registration, options, path, Keys.SigningKey, mutualTlsScheme, bindings, Grpc, fetchExtension);
        Jwks = new JwksEndpoint(Keys.Published, Keys.PublishedEncryption);
        CheckEncryptionKey(registration.Descriptor, Keys);
        if (Cards.FixedUrl is { } fixedUrl)
        {
            _fixedTarget = RequestTarget.Create([fixedUrl, .. options.AcceptedRequestUrls]);
        }
        ProvenanceSigner = CreateProvenanceSigner(registration.Descriptor, Keys, Time);
        _extensions = new Lazy<ExtensionNegotiation>(() => new ExtensionNegotiation(
            fetchExtension.Value is { } fetch ? AgentCardProvider.WithExtension(registration.Card, fetch) : registration.Card));
        Biscuits = BiscuitPolicies.Create(registration, services.GetRequiredService<BiscuitTrust>);
        _skillModes = BuildSkillModes(registration.Card);
        if (SupportsPushNotifications)
        {
            // Fail closed: a notification without the agent's signature could not be told from a forged one.
            var signingKey = Keys.SigningKey ?? throw new InvalidOperationException(
                $"A2A agent '{registration.AgentId}' declares push notifications but has no signing key to sign them with; give it one (A2AAgentOptions.SigningKey or its key folder).");
            PushEvents = services.GetRequiredService<PushNotifier>();
            PushConfigs = services.GetRequiredService<IPushConfigStore>();
            PushOptions = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<A2APushOptions>>().Value;
            PushAddresses = new WebhookAddressPolicy(PushOptions.AllowedNetworks);
            PushSigner = new RequestSigner(signingKey, registration.AgentId, new RequestSigningOptions { TimeProvider = Time });
        }
    }

    /// <summary>Where task events go for the task's webhooks; null when the agent does not declare push notifications.</summary>
    public PushNotifier? PushEvents { get; }

    /// <summary>The tasks' push-notification configurations (push agents only).</summary>
    public IPushConfigStore? PushConfigs { get; }

    /// <summary>The host's push options (push agents only).</summary>
    public A2APushOptions? PushOptions { get; }

    /// <summary>The webhook address rules (push agents only).</summary>
    public WebhookAddressPolicy? PushAddresses { get; }

    /// <summary>Signs notifications with the agent's signing key (push agents only).</summary>
    public RequestSigner? PushSigner { get; }

    /// <summary>Hands an event of a task to its webhooks, when the agent declares push notifications.</summary>
    public void NotifyPush(string taskId, StreamResponse item) => PushEvents?.Notify(this, taskId, item);

    public A2AAgentRegistration Registration { get; }

    public string AgentId => Registration.AgentId;

    public AgentDescriptor Descriptor => Registration.Descriptor;

    public AgentCard Card => Registration.Card;

    public A2AAgentOptions Options { get; }

    /// <summary>The mapped path of the JSON-RPC endpoint, e.g. <c>/agents/currency</c> (<c>/</c> at the root).</summary>
    public string Path { get; }

    public ITaskStore Store { get; }

    /// <summary>The shared log of task events when one is registered (instances follow each other's tasks through it), else null.</summary>
    public ITaskEventLog? Events { get; }
    /// <summary>Where accepted messages are remembered by caller and message id (<see cref="A2AAgentOptions.IdempotencyWindow"/>).</summary>
    public IIdempotencyStore Idempotency { get; }

    public TaskRunner Runner { get; }

    public A2AHostingTelemetry Telemetry { get; }

    public ILogger Logger { get; }

    public IRequestSignatureVerifier SignatureVerifier { get; }

    public IPassportVerifier PassportVerifier { get; }

    public TimeProvider Time { get; }

    public IServiceScopeFactory ScopeFactory { get; }

    public CancellationToken Stopping { get; }

    public AgentCardProvider Cards { get; }

    /// <summary>The agent's keys: the signing key and the public keys its JWKS publishes.</summary>
    public AgentKeys Keys { get; }

    public A2AKeyRing KeyRing { get; }

    public JwksEndpoint Jwks { get; }

    /// <summary>Checks request signatures against the host's trust store and replay cache with this agent's settings.</summary>
    public RequestSignatureValidator SignatureValidator { get; }

    /// <summary>The host's client-certificate trust when mutual TLS is configured, else null.</summary>
    public ClientCertificateTrust? MutualTls { get; }

    /// <summary>
    /// The URLs a request signature's <c>aud</c>/<c>htu</c> may name: the configured (or declared) public URL and
    /// <see cref="A2AAgentOptions.AcceptedRequestUrls"/>; without a fixed URL, the URL this request reached (as for the card).
    /// </summary>
    public RequestTarget SignatureTarget(HttpRequest request)
    {
        if (_fixedTarget is not null)
        {
            return _fixedTarget;
        }

        var url = Cards.EndpointUrl(request);
        if (_derivedTargets.TryGetValue(url, out var target))
        {
            return target;
        }

        target = RequestTarget.Create([url, .. Options.AcceptedRequestUrls]);
        if (_derivedTargets.Count < MaxDerivedTargets)
        {
            _derivedTargets.TryAdd(url, target);
        }

        return target;
    }

    /// <summary>
    /// The URLs that name this agent for a request that reached it over gRPC (a passport's audience): the fixed URL
    /// when there is one; otherwise the host's listening addresses (its gRPC endpoints left out) with the agent's path —
    /// a gRPC request's own address is the gRPC endpoint, which names no card's agent URL.
    /// </summary>
    public RequestTarget AgentTargetForGrpc(HttpContext http)
    {
        if (_fixedTarget is not null)
        {
            return _fixedTarget;
        }

        if (Volatile.Read(ref _listeningTarget) is { } cached)
        {
            return cached;
        }

        var grpcPort = Grpc?.BoundPort;
        var addresses = http.RequestServices.GetService<Microsoft.AspNetCore.Hosting.Server.IServer>()?.Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? [];
        var urls = addresses
            .Select(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) ? uri : null)
            .Where(u => u is not null && u.Port != grpcPort && u.Scheme is "http" or "https")
            .Select(u => u!.GetLeftPart(UriPartial.Authority) + (Path == "/" ? "/" : Path))
            .Concat(Options.AcceptedRequestUrls)
            .ToList();
        var target = urls.Count == 0 ? SignatureTarget(http.Request) : RequestTarget.Create(urls);
        Volatile.Write(ref _listeningTarget, target);
        return target;
    }

    /// <summary>The agent's gRPC endpoint when it serves gRPC, else null.</summary>
    public GrpcEndpoint? Grpc { get; }

    /// <summary>
    /// The agent's gRPC interface URL as its card lists it (what a gRPC request signature's <c>aud</c> names); for a
    /// request that reached the gRPC endpoint it always exists.
    /// </summary>
    public string GrpcUrl(HttpRequest request) =>
        Grpc?.Url(Cards.FixedUrl ?? Cards.EndpointUrl(request)) ?? string.Concat(request.Scheme, "://", request.Host.ToUriComponent());

    public ExtensionNegotiation Extensions => _extensions.Value;

    /// <summary>The skills' Biscuit policies and the host's Biscuit trust (only loaded when a skill needs it).</summary>
    public BiscuitPolicies Biscuits { get; }

    /// <summary>Signs what <see cref="ProvenanceAttribute"/> skills produce, with the agent's own signing key; null when no skill signs.</summary>
    public ProvenanceSigner? ProvenanceSigner { get; }

    public bool SupportsStreaming => Card.Capabilities.Streaming == true;

    public bool SupportsPushNotifications => Card.Capabilities.PushNotifications == true;

    /// <summary>The media types a skill accepts and produces (its own, else the card's defaults).</summary>
    public SkillModes ModesOf(SkillDescriptor skill) =>
        _skillModes.TryGetValue(skill.Id, out var modes) ? modes : new SkillModes(Card.DefaultInputModes, Card.DefaultOutputModes);

    // Fail closed: a skill that requires encryption cannot be called by anyone when the agent publishes no key.
    private static void CheckEncryptionKey(AgentDescriptor descriptor, AgentKeys keys)
    {
        if (keys.DecryptionKeys.Count == 0 && descriptor.Skills.FirstOrDefault(static s => s.Encryption == EncryptionRequirement.Required) is { } skill)
        {
            throw new InvalidOperationException(
                $"A2A agent '{descriptor.AgentId}': skill '{skill.Id}' requires encryption but the agent has no encryption key; put one at <its key folder>/{KeyStore.EncryptionKeyFile} ('a2agen keys gen --encryption'), set A2AAgentOptions.EncryptionKey, or use development keys outside Production.");
        }
    }

    private static ProvenanceSigner? CreateProvenanceSigner(AgentDescriptor descriptor, AgentKeys keys, TimeProvider time)
    {
        if (!descriptor.Skills.Any(static s => s.SignsProvenance))
        {
            return null;
        }

        // Fail closed: a [Provenance] agent that cannot sign would hand out unsigned content its card promises signed.
        var key = keys.SigningKey ?? throw new InvalidOperationException(
            $"A2A agent '{descriptor.AgentId}' has [Provenance] skills but no signing key; give it one (A2AAgentOptions.SigningKey or its key folder).");
        return new ProvenanceSigner(key, descriptor.AgentId, new ProvenanceSigningOptions { TimeProvider = time });
    }

    private static Dictionary<string, SkillModes> BuildSkillModes(AgentCard card)
    {
        var modes = new Dictionary<string, SkillModes>(StringComparer.Ordinal);
        foreach (var skill in card.Skills)
        {
            modes[skill.Id] = new SkillModes(
                skill.InputModes is { Count: > 0 } input ? input : card.DefaultInputModes,
                skill.OutputModes is { Count: > 0 } output ? output : card.DefaultOutputModes);
        }

        return modes;
    }
}

/// <summary>Media types of a skill.</summary>
/// <param name="Input">Accepted input types.</param>
/// <param name="Output">Produced output types.</param>
internal sealed record SkillModes(IReadOnlyList<string> Input, IReadOnlyList<string> Output);
