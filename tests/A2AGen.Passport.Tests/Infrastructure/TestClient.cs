using System.Text.Json;

namespace A2AGen.Passport.Tests.Infrastructure;

/// <summary>
/// A calling agent with a key made for the test (kept in memory, never written anywhere): signs passports with
/// <see cref="PassportSigner"/>, signs requests with <see cref="RequestSigner"/>, or crafts passport signatures with a
/// chosen protected header to exercise each verifier check. Crafted times are relative to <see cref="Clock"/>: the
/// test's <see cref="FakeTimeProvider"/> where the verifier reads one, the system clock where the verifier does (a host
/// that also takes passports signed by jose in Node).
/// </summary>
public sealed class TestClient(string agentId, SigningAlgorithm? algorithm = null, string? clientId = null, TimeProvider? clock = null) : IDisposable
{
    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    /// <summary>The agent id the trust store holds the key under.</summary>
    public string AgentId { get; } = agentId;

    /// <summary>The <c>clientId</c> its passports carry (the agent id, or <c>a2a://</c> + the agent id).</summary>
    public string ClientId { get; } = clientId ?? agentId;

    public SigningKey Key { get; } = SigningKey.Create(algorithm ?? SigningAlgorithm.Ed25519);

    public string KeyId => Key.PublicKey.Thumbprint;

    public PassportSigner Signer(PassportSigningOptions? options = null) => new(Key, ClientId, options);

    public RequestSigner RequestSigner => new(Key, AgentId);

    public TestClient TrustedBy(TrustStore trust)
    {
        trust.Add(AgentId, Key.PublicKey);
        return this;
    }

    public CallerContext Unsigned(IReadOnlyDictionary<string, JsonElement> state, string? sessionId = null) =>
        new() { ClientId = ClientId, SessionId = sessionId, State = state };

    public CallerContext Signed(IReadOnlyDictionary<string, JsonElement> state, string? sessionId = null, string? audience = null) =>
        Signer().Create(state, sessionId, audience);

    /// <summary>
    /// Signs <paramref name="passport"/> as given (whatever its clientId) with a hand-made protected header: <c>iat</c>
    /// and <c>exp</c> relative to now unless overridden, <c>typ</c> and <c>kid</c> as chosen.
    /// </summary>
    public CallerContext Craft(CallerContext passport, long? issuedAt = null, long? expiresAt = null, string? audience = null,
        string? type = PassportFormat.SignatureType, string? keyId = null, SigningKey? signWith = null, bool omitTimes = false)
    {
        var now = Clock.GetUtcNow().ToUnixTimeSeconds();
        var payload = PassportFormat.GetSigningPayload(passport with { Signature = null });
        var signature = Jws.SignDetached(signWith ?? Key, payload, new JwsSigningOptions
        {
            Type = type,
            KeyId = keyId ?? KeyId,
            WriteAdditionalParameters = writer =>
            {
                if (!omitTimes)
                {
                    writer.WriteNumber("iat", issuedAt ?? now);
                    writer.WriteNumber("exp", expiresAt ?? now + 300);
                }

                if (audience is not null)
                {
                    writer.WriteString("aud", audience);
                }
            },
        });
        return passport with { Signature = signature };
    }

    public void Dispose() => Key.Dispose();
}
