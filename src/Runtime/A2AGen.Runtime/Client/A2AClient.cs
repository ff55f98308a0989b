using A2AGen.Protocol;

namespace A2AGen.Client;

/// <summary>
/// Calls an A2A 1.0 agent over one of its bindings — JSON-RPC, HTTP+JSON, or gRPC with <c>A2AGen.Hosting</c>'s
/// transport — behind one set of typed operations. <see cref="ConnectAsync"/> verifies the agent's card and picks the
/// interface by <see cref="A2AClientOptions.PreferredBindings"/>. Every request carries <c>A2A-Version: 1.0</c> (and
/// the configured <c>A2A-Extensions</c>); errors become <see cref="A2AClientException"/> shaped the same on every
/// binding; streams are read as they arrive. HTTP request bodies are sent fully buffered, so
/// <see cref="DelegatingHandler"/>s in the client's pipeline (request signing) can read and hash them. Each call runs in
/// an activity of the <c>A2AGen.Client</c> source, and the W3C <c>traceparent</c> of the current activity travels with
/// the request. Thread-safe; share one per agent.
/// </summary>
public sealed class A2AClient
{
    /// <summary>The name of the client's <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string ActivitySourceName = "A2AGen.Client";

    private readonly A2AClientOptions _options;
    private readonly A2ACallOptions _call;
    private readonly string? _tenant;
    private readonly ClientProvenance? _provenance;
    private ClientEncryption? _encryption;

    /// <summary>Creates a client for a known JSON-RPC endpoint.</summary>
    /// <param name="httpClient">The HTTP client (its handlers apply to every call).</param>
    /// <param name="endpoint">The agent's JSON-RPC URL (its card's interface URL).</param>
    /// <param name="options">Settings; defaults when null.</param>
    public A2AClient(HttpClient httpClient, Uri endpoint, A2AClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"The endpoint '{endpoint}' must be an absolute http or https URL.", nameof(endpoint));
        }

        _options = options ?? new A2AClientOptions();
        Transport = new JsonRpcTransport(httpClient, endpoint, _options);
        _call = new A2ACallOptions(_options.Extensions.Count > 0 ? string.Join(", ", _options.Extensions) : null);
        _encryption = ClientEncryption.Without(_options);
    }

    /// <summary>Creates a client over a transport (any binding; e.g. one you made with a factory yourself).</summary>
    /// <param name="transport">The transport.</param>
    /// <param name="options">Settings; defaults when null.</param>
    public A2AClient(A2AClientTransport transport, A2AClientOptions? options = null)
        : this(transport, null, options)
    {
    }

    private A2AClient(A2AClientTransport transport, AgentInterface? agentInterface, A2AClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _options = options ?? new A2AClientOptions();
        Transport = transport;
        Interface = agentInterface;
        _tenant = string.IsNullOrEmpty(agentInterface?.Tenant) ? null : agentInterface.Tenant;
        _call = new A2ACallOptions(_options.Extensions.Count > 0 ? string.Join(", ", _options.Extensions) : null);
        _encryption = ClientEncryption.Without(_options);
    }

    /// <summary>Whether this client encrypts messages (the card asked for it, or <see cref="A2AClientEncryption.Always"/>).</summary>
    public bool EncryptsMessages => _encryption is not null;

    /// <summary>The URL of the interface called (as the card lists it).</summary>
    public Uri Endpoint => Transport.Endpoint;

    /// <summary>The binding spoken: <c>JSONRPC</c>, <c>HTTP+JSON</c> or <c>GRPC</c>.</summary>
    public string ProtocolBinding => Transport.ProtocolBinding;

    /// <summary>The transport every call goes through.</summary>
    public A2AClientTransport Transport { get; }

    /// <summary>The card's interface this client calls, when it was made from one (<see cref="ConnectAsync"/>, <see cref="Create"/>).</summary>
    public AgentInterface? Interface { get; }

    /// <summary>The card this client was created from, when it was (see <see cref="ConnectAsync"/>).</summary>
    public ResolvedAgentCard? Card
    {
        get;
        private init
        {
            field = value;
            _provenance = ClientProvenance.For(value, _options);
        }
    }

    /// <summary>
    /// The provenance check of an artifact or agent message this client returned, when the agent's card declares the
    /// provenance extension (see <see cref="A2AClientOptions.Provenance"/>): Verified (with the chain of custody),
    /// Unverified or Invalid with the reason. Null when nothing was checked. For a streamed artifact, ask with its last chunk's artifact.
    /// </summary>
    /// <param name="artifact">An artifact from a task or an artifact update this client returned.</param>
    public A2AGen.Provenance.ProvenanceVerificationResult? ProvenanceOf(Artifact artifact) => _provenance?.ResultOf(artifact);

    /// <summary>The provenance check of an agent message this client returned (a direct reply, or an interrupted task's status message); null when nothing was checked.</summary>
    /// <param name="message">The message.</param>
    public A2AGen.Provenance.ProvenanceVerificationResult? ProvenanceOf(Message message) => _provenance?.ResultOf(message);

    /// <summary>
    /// The agent URL a Secure Passport names as its audience (<c>aud</c>): the agent's HTTP endpoint, which agents check
    /// a passport's audience against (A2AGen agents: the agent URL, or its agent id), so a passport is the same on every
    /// binding. On JSON-RPC and HTTP+JSON it is <see cref="Endpoint"/>; on other bindings (gRPC) the card's first
    /// JSON-RPC interface for A2A 1.0, else its first HTTP+JSON one, else <see cref="Endpoint"/>.
    /// </summary>
    public Uri PassportAudience =>
        IsHttpBinding(ProtocolBinding) || Card is null ? Endpoint
        : HttpEndpointOf(Card.Card, AgentInterface.JsonRpcBinding) ?? HttpEndpointOf(Card.Card, AgentInterface.HttpJsonBinding) ?? Endpoint;

    /// <summary>
    /// Fetches and verifies the agent's card (<c>{agentUrl}/.well-known/agent-card.json</c>) and returns a client for
    /// the interface <see cref="A2AClientOptions.PreferredBindings"/> picks among those with protocol version 1.0 that
    /// a transport can call. The card must be signed by a key in <see cref="A2AClientOptions.CardTrust"/> unless
    /// <see cref="A2AClientOptions.AllowUnverifiedCard"/> is set (see <see cref="ResolvedAgentCard.Verification"/>).
    /// </summary>
    /// <param name="httpClient">The HTTP client (every HTTP binding's calls, and gRPC's unless its factory has its own).</param>
    /// <param name="agentUrl">The agent's base URL, or its card URL.</param>
    /// <param name="options">Settings (card verifier, binding preference, extra transports).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="A2AClientException">The card cannot be fetched or trusted, or it has no interface the client can call (<c>NO_COMPATIBLE_INTERFACE</c>).</exception>
    public static async Task<A2AClient> ConnectAsync(HttpClient httpClient, Uri agentUrl, A2AClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new A2AClientOptions();
        var verifier = options.CardVerifier
            ?? new AgentCardTrustVerifier(options.CardTrust, options.ExpectedAgentId, options.AllowUnverifiedCard, options.CardVerification);
        var card = await new AgentCardResolver(httpClient, verifier).ResolveAsync(agentUrl, cancellationToken).ConfigureAwait(false);
        if (TransportSelection.Select(card.Card, options) is not var (agentInterface, factory))
        {
            var listed = string.Join(", ", (card.Card.SupportedInterfaces ?? []).Select(i => $"{i.ProtocolBinding} {i.ProtocolVersion}"));
            throw new A2AClientException(
                $"The Agent Card at {card.Url} lists no A2A 1.0 interface this client can call (card: {(listed.Length == 0 ? "none" : listed)}; " +
                $"client prefers: {string.Join(", ", options.PreferredBindings)}).",
                reason: "NO_COMPATIBLE_INTERFACE");
        }

        var encryption = await ClientEncryption.ForAsync(httpClient, card, options, cancellationToken).ConfigureAwait(false);
        return new A2AClient(factory.Create(httpClient, agentInterface, options), agentInterface, options) { Card = card, _encryption = encryption };
    }

    /// <summary>Creates a client for one interface of a card (any binding a transport speaks), without fetching the card.</summary>
    /// <param name="httpClient">The HTTP client.</param>
    /// <param name="agentInterface">The interface: URL, binding, tenant.</param>
    /// <param name="options">Settings (extra transports).</param>
    /// <exception cref="A2AClientException">No transport speaks the interface's binding (<c>NO_COMPATIBLE_INTERFACE</c>).</exception>
    public static A2AClient Create(HttpClient httpClient, AgentInterface agentInterface, A2AClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(agentInterface);
        options ??= new A2AClientOptions();
        var factory = TransportSelection.FactoryFor(agentInterface, options)
            ?? throw new A2AClientException($"No transport can call the {agentInterface.ProtocolBinding} interface at {agentInterface.Url}.", reason: "NO_COMPATIBLE_INTERFACE");
        return new A2AClient(factory.Create(httpClient, agentInterface, options), agentInterface, options);
    }

    /// <summary>Sends a message (<c>SendMessage</c>); the answer is a task or a direct message.</summary>
    /// <param name="request">The message and its configuration.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <remarks>
    /// Retried when the agent cannot be reached or is unavailable (<see cref="A2AClientOptions.Retry"/>); when the retries
    /// are spent, saved to <see cref="A2AClientOptions.DeadLetters"/> if set (see <see cref="A2AClientException.DeadLetterId"/>).
    /// </remarks>
    public Task<SendMessageResponse> SendMessageAsync(SendMessageRequest request, CancellationToken cancellationToken = default) =>
        Checked(SendOrDeadLetterAsync(WithTenant(request), _call, cancellationToken));

    /// <summary>Sends a user message with default configuration.</summary>
    /// <param name="message">The message.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public Task<SendMessageResponse> SendMessageAsync(Message message, CancellationToken cancellationToken = default) =>
        SendMessageAsync(new SendMessageRequest { Message = message }, cancellationToken);

    /// <summary>Sends a message and reads its events as they happen (<c>SendStreamingMessage</c>).</summary>
    /// <param name="request">The message and its configuration.</param>
    /// <param name="cancellationToken">Cancellation (closes the stream; the task goes on).</param>
    public IAsyncEnumerable<StreamResponse> SendStreamingMessageAsync(SendMessageRequest request, CancellationToken cancellationToken = default) =>
        Checked(StreamWithTokenAsync(WithTenant(request), _call, cancellationToken));

    /// <summary>Reads a task (<c>GetTask</c>).</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="historyLength">How many history messages to include (null: the agent's default).</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public Task<AgentTask> GetTaskAsync(string taskId, int? historyLength = null, CancellationToken cancellationToken = default) =>
        Checked(Transport.GetTaskAsync(new GetTaskRequest { Id = taskId, HistoryLength = historyLength, Tenant = _tenant }, _call, cancellationToken));

    /// <summary>Lists the caller's tasks (<c>ListTasks</c>).</summary>
    /// <param name="request">Filters and paging; null lists the first page.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public Task<ListTasksResponse> ListTasksAsync(ListTasksRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new ListTasksRequest();
        return Transport.ListTasksAsync(request.Tenant is null && _tenant is not null ? request with { Tenant = _tenant } : request, _call, cancellationToken);
    }

    /// <summary>Cancels a task (<c>CancelTask</c>) and returns its new state.</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public Task<AgentTask> CancelTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        Transport.CancelTaskAsync(new CancelTaskRequest { Id = taskId, Tenant = _tenant }, _call, cancellationToken);

    /// <summary>Follows a running task: its current state first, then every change (<c>SubscribeToTask</c>).</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="cancellationToken">Cancellation (closes the stream; the task goes on).</param>
    public IAsyncEnumerable<StreamResponse> SubscribeToTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        Checked(Transport.SubscribeToTaskAsync(new SubscribeToTaskRequest { Id = taskId, Tenant = _tenant }, _call, cancellationToken));

    /// <summary>Asks the agent to send a task's updates to a webhook (<c>CreateTaskPushNotificationConfig</c>); agents without push notifications answer <c>PUSH_NOTIFICATION_NOT_SUPPORTED</c>.</summary>
    /// <param name="config">The configuration, with its task id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public Task<TaskPushNotificationConfig> CreateTaskPushNotificationConfigAsync(TaskPushNotificationConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        return Transport.CreateTaskPushNotificationConfigAsync(config.Tenant is null && _tenant is not null ? config with { Tenant = _tenant } : config, _call, cancellationToken);
    }

    /// <summary>Fetches the authenticated extended card (<c>GetExtendedAgentCard</c>).</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    public Task<AgentCard> GetExtendedAgentCardAsync(CancellationToken cancellationToken = default) =>
        Transport.GetExtendedAgentCardAsync(new GetExtendedAgentCardRequest { Tenant = _tenant }, _call, cancellationToken);

    /// <summary><c>SendMessage</c> that also activates <paramref name="extension"/> for this call (e.g. the Secure Passport).</summary>
    internal Task<SendMessageResponse> SendMessageAsync(SendMessageRequest request, string extension, CancellationToken cancellationToken) =>
        Checked(SendOrDeadLetterAsync(WithTenant(request), With(extension), cancellationToken));

    /// <summary>Sends a dead letter's request again, as it was (same <c>messageId</c>, same extensions), without dead-lettering it anew.</summary>
    internal Task<SendMessageResponse> RedeliverAsync(DeadLetter letter, CancellationToken cancellationToken) =>
        Checked(SendWithTokenAsync(letter.Request, letter.Extensions is null ? _call : new A2ACallOptions(letter.Extensions), cancellationToken));

    // A failure that may pass, after the retries: the message is saved for a later redelivery, and the call still fails.
    private async Task<SendMessageResponse> SendOrDeadLetterAsync(SendMessageRequest request, A2ACallOptions call, CancellationToken cancellationToken)
    {
        try
        {
            return await SendWithTokenAsync(request, call, cancellationToken).ConfigureAwait(false);
        }
        catch (A2AClientException ex) when (_options.DeadLetters is not null && !cancellationToken.IsCancellationRequested && ClientRetry.IsTransient(ex))
        {
            var now = (_options.Retry.TimeProvider ?? TimeProvider.System).GetUtcNow();
            var letter = new DeadLetter
            {
                Id = DeadLetter.NewId(),
                CreatedAt = now,
                Endpoint = Endpoint,
                ProtocolBinding = ProtocolBinding,
                Tenant = _tenant,
                AgentCardUrl = Card?.Url,
                AgentId = Card?.Verification?.Key?.AgentId ?? _options.ExpectedAgentId,
                Extensions = call.Extensions,
                Request = request,
                Attempts = ex.Attempts.Count > 0 ? ex.Attempts : [new DeliveryAttempt(now, ex.Message, (int?)ex.StatusCode)],
                LastFailure = ex.Message,
                LastReason = ex.Reason,
            };
            try
            {
                await _options.DeadLetters.SaveAsync(letter, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception saveError) when (saveError is not OperationCanceledException)
            {
                throw new A2AClientException($"{ex.Message} The message could not be saved as a dead letter: {saveError.Message}", ex.Code, "DEAD_LETTER_NOT_SAVED", ex.StatusCode, ex) { Attempts = ex.Attempts };
            }

            ex.DeadLetterId = letter.Id;
            throw;
        }
    }

    /// <summary><c>SendStreamingMessage</c> that also activates <paramref name="extension"/> for this call.</summary>
    internal IAsyncEnumerable<StreamResponse> SendStreamingMessageAsync(SendMessageRequest request, string extension, CancellationToken cancellationToken) =>
        Checked(StreamWithTokenAsync(WithTenant(request), With(extension), cancellationToken));

    // The bearer token of a message call (A2AClientOptions.BearerToken), asked for each call so that a provider can
    // narrow it to the agent and skill called; carried by the call options, so every transport sends it.
    private async Task<SendMessageResponse> SendWithTokenAsync(SendMessageRequest request, A2ACallOptions call, CancellationToken cancellationToken)
    {
        request = await PublishLargePartsAsync(request, cancellationToken).ConfigureAwait(false);
        return await Transport.SendMessageAsync(request, await WithBearerTokenAsync(call, A2AGen.Protocol.JsonRpc.A2AMethods.SendMessage, request, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
    }

    private async IAsyncEnumerable<StreamResponse> StreamWithTokenAsync(SendMessageRequest request, A2ACallOptions call, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        request = await PublishLargePartsAsync(request, cancellationToken).ConfigureAwait(false);
        var withToken = await WithBearerTokenAsync(call, A2AGen.Protocol.JsonRpc.A2AMethods.SendStreamingMessage, request, cancellationToken).ConfigureAwait(false);
        await foreach (var item in Transport.SendStreamingMessageAsync(request, withToken, cancellationToken).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    // Store-and-fetch: parts over the publisher's threshold leave as signed url parts bound to the recipient.
    private async ValueTask<SendMessageRequest> PublishLargePartsAsync(SendMessageRequest request, CancellationToken cancellationToken)
    {
        if (_options.Payloads is not { } publisher || request.Message is not { Parts: { Count: > 0 } parts } message)
        {
            return request;
        }

        Part[]? replaced = null;
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var size = part.Raw?.Length ?? (part.Text is { } text ? System.Text.Encoding.UTF8.GetByteCount(text) : 0);
            if (size <= publisher.Threshold || (part.Raw is null && part.Text is null))
            {
                continue;
            }

            var recipient = Card?.Verification?.Key?.AgentId ?? _options.ExpectedAgentId
                ?? throw new A2AClientException("A large part can only be published for a known recipient: verify the agent's card or set A2AClientOptions.ExpectedAgentId.", reason: "PAYLOAD_RECIPIENT_UNKNOWN");
            replaced ??= [.. parts];
            var content = part.Raw ?? System.Text.Encoding.UTF8.GetBytes(part.Text!);
            replaced[i] = await publisher.PublishAsync(part, content, recipient, cancellationToken).ConfigureAwait(false);
        }

        return replaced is null ? request : request with { Message = message with { Parts = replaced } };
    }

    private async ValueTask<A2ACallOptions> WithBearerTokenAsync(A2ACallOptions call, string method, SendMessageRequest request, CancellationToken cancellationToken)
    {
        if (_options.BearerToken is not { } provider)
        {
            return call;
        }

        var skill = request.Message?.Metadata is { } metadata &&
            metadata.TryGetValue(A2AProtocol.SkillMetadataKey, out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String
            ? value.GetString()
            : null;
        var agentId = Card?.Verification?.Key?.AgentId ?? _options.ExpectedAgentId;
        var token = await provider(new A2ACall(Endpoint, method, agentId, skill), cancellationToken).ConfigureAwait(false);
        return string.IsNullOrEmpty(token) ? call : new A2ACallOptions(call.Extensions) { BearerToken = token };
    }

    // Provenance checks (when the card declares the extension) wrap the calls that return artifacts or agent messages.
    // Decryption comes after the provenance check: an envelope covers the parts as the agent sent them (encrypted).
    private Task<SendMessageResponse> Checked(Task<SendMessageResponse> call)
    {
        var checkedCall = _provenance is null ? call : _provenance.CheckAsync(call);
        return _encryption is null ? checkedCall : _encryption.DecryptAsync(checkedCall);
    }

    private Task<AgentTask> Checked(Task<AgentTask> call)
    {
        var checkedCall = _provenance is null ? call : _provenance.CheckAsync(call);
        return _encryption is null ? checkedCall : _encryption.DecryptAsync(checkedCall);
    }

    private IAsyncEnumerable<StreamResponse> Checked(IAsyncEnumerable<StreamResponse> events)
    {
        var checkedEvents = _provenance is null ? events : _provenance.CheckAsync(events);
        return _encryption is null ? checkedEvents : _encryption.DecryptAsync(checkedEvents);
    }

    private static bool IsHttpBinding(string binding) =>
        string.Equals(binding, AgentInterface.JsonRpcBinding, StringComparison.OrdinalIgnoreCase) || string.Equals(binding, AgentInterface.HttpJsonBinding, StringComparison.OrdinalIgnoreCase);

    private static Uri? HttpEndpointOf(AgentCard card, string binding)
    {
        foreach (var candidate in card.SupportedInterfaces ?? [])
        {
            if (candidate is not null
                && string.Equals(candidate.ProtocolBinding, binding, StringComparison.OrdinalIgnoreCase)
                && TransportSelection.IsVersion1(candidate.ProtocolVersion)
                && BuiltInTransports.HttpUrl(candidate.Url) is { } url)
            {
                return url;
            }
        }

        return null;
    }

    // The tenant of the interface, and the message's parts encrypted when the agent asks for it.
    private SendMessageRequest WithTenant(SendMessageRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        request = request.Tenant is null && _tenant is not null ? request with { Tenant = _tenant } : request;
        return _encryption is null ? request : _encryption.Encrypt(request);
    }

    private A2ACallOptions With(string extension) =>
        _options.Extensions.Contains(extension, StringComparer.Ordinal) ? _call
        : new A2ACallOptions(_call.Extensions is null ? extension : _call.Extensions + ", " + extension);
}
