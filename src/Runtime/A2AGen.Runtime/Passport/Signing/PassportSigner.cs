using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using A2AGen.Security;

namespace A2AGen.Passport;

/// <summary>
/// Signs Secure Passports on the calling side (DESIGN §6.5): <c>signature</c> = a compact JWS with a detached payload,
/// the payload being the RFC 8785 canonical JSON of the passport without <c>signature</c>, and the protected header
/// <c>{"alg","kid","typ":"a2a-passport+jws","iat","exp"[,"aud"][,"jti"]}</c>. The verifier takes the key from its trust
/// store entry for <c>clientId</c>, so that entry must hold this signer's public key. Thread-safe; the key stays owned
/// by the caller.
/// </summary>
public sealed class PassportSigner
{
    private readonly string _agentId;

    /// <summary>Creates a signer for <paramref name="clientId"/>.</summary>
    /// <param name="key">The calling agent's signing key (Ed25519 or P-256); not disposed by the signer.</param>
    /// <param name="clientId">
    /// The calling agent's id as passports state it: an agent id (<c>travel-orchestrator.com</c>) or the same with the
    /// published sample's prefix (<c>a2a://travel-orchestrator.com</c>).
    /// </param>
    /// <param name="options">Lifetime, <c>kid</c>, clock.</param>
    /// <exception cref="ArgumentException">The client id names no valid agent id, or the lifetime is outside 1 second to 24 hours.</exception>
    public PassportSigner(SigningKey key, string clientId, PassportSigningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(clientId);
        if (!PassportFormat.TryGetAgentId(clientId, out var agentId))
        {
            throw new ArgumentException(
                $"The client id must be an agent id ([a-z0-9][a-z0-9._-]{{0,63}}), optionally written a2a://<agent-id>: verifiers find the key by it. {AgentId.GetProblem(clientId.StartsWith(PassportFormat.ClientIdScheme, StringComparison.Ordinal) ? clientId[PassportFormat.ClientIdScheme.Length..] : clientId)}",
                nameof(clientId));
        }

        Options = options ?? new PassportSigningOptions();
        if (Options.Lifetime < TimeSpan.FromSeconds(1) || Options.Lifetime > PassportSigningOptions.MaxLifetime)
        {
            throw new ArgumentException($"A passport lifetime of {Options.Lifetime} is outside 1 second to 24 hours.", nameof(options));
        }

        Key = key;
        ClientId = clientId;
        _agentId = agentId;
    }

    /// <summary>The signing key.</summary>
    public SigningKey Key { get; }

    /// <summary>The <c>clientId</c> of the passports this signer makes.</summary>
    public string ClientId { get; }

    /// <summary>The signer's settings.</summary>
    public PassportSigningOptions Options { get; }

    /// <summary>Creates and signs a passport with this signer's <c>clientId</c>.</summary>
    /// <param name="state">The state to share.</param>
    /// <param name="sessionId">The session or conversation id, if any.</param>
    /// <param name="audience">
    /// The agent the passport is meant for (<c>aud</c>): its endpoint URL or agent id. Null makes a passport any agent
    /// that trusts this client accepts until it expires.
    /// </param>
    public CallerContext Create(IReadOnlyDictionary<string, JsonElement> state, string? sessionId = null, string? audience = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        return Sign(new CallerContext { ClientId = ClientId, SessionId = sessionId, State = state }, audience);
    }

    /// <summary>Creates and signs a passport whose state is a typed object.</summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <param name="state">The state.</param>
    /// <param name="typeInfo">Its JSON metadata (see <see cref="PassportState.FromObject{TState}"/>).</param>
    /// <param name="sessionId">The session id, if any.</param>
    /// <param name="audience">The agent the passport is meant for (<c>aud</c>), or null.</param>
    public CallerContext Create<TState>(TState state, JsonTypeInfo<TState> typeInfo, string? sessionId = null, string? audience = null) =>
        Create(PassportState.FromObject(state, typeInfo), sessionId, audience);

    /// <summary>Signs <paramref name="passport"/> (replacing any signature it had).</summary>
    /// <param name="passport">A passport whose <c>clientId</c> names this signer's agent.</param>
    /// <param name="audience">The agent the passport is meant for (<c>aud</c>): its endpoint URL or agent id; null for any.</param>
    /// <returns>The passport with <c>signature</c> set.</returns>
    /// <exception cref="ArgumentException">The passport names another client, or its state cannot be canonicalized.</exception>
    public CallerContext Sign(CallerContext passport, string? audience = null)
    {
        ArgumentNullException.ThrowIfNull(passport);
        if (!PassportFormat.TryGetAgentId(passport.ClientId, out var agentId) || !string.Equals(agentId, _agentId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The passport names client '{passport.ClientId}', but this signer signs for '{ClientId}'.", nameof(passport));
        }

        if (audience is { Length: 0 })
        {
            throw new ArgumentException("An audience must not be empty; pass null for a passport without one.", nameof(audience));
        }

        byte[] payload;
        try
        {
            payload = PassportFormat.GetSigningPayload(passport with { Signature = null });
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"The passport state cannot be signed: {e.Message}", nameof(passport), e);
        }

        var issuedAt = Options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();
        var expiresAt = issuedAt + (long)Options.Lifetime.TotalSeconds;
        string? tokenId = null;
        if (Options.IncludeTokenId)
        {
            Span<byte> id = stackalloc byte[16];
            RandomNumberGenerator.Fill(id);
            tokenId = StrictBase64Url.Encode(id);
        }

        var signature = Jws.SignDetached(Key, payload, new JwsSigningOptions
        {
            KeyId = Options.KeyId,
            Type = PassportFormat.SignatureType,
            WriteAdditionalParameters = writer =>
            {
                writer.WriteNumber("iat"u8, issuedAt);
                writer.WriteNumber("exp"u8, expiresAt);
                if (audience is not null)
                {
                    writer.WriteString("aud"u8, audience);
                }

                if (tokenId is not null)
                {
                    writer.WriteString("jti"u8, tokenId);
                }
            },
        });
        return passport with { Signature = signature };
    }
}
