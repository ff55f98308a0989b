using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Security.Tests.Support;

namespace A2AGen.Security.Tests.Cards;

/// <summary>Signing cards (static bytes and run-time cards), and verifying them against a trust store.</summary>
public sealed class AgentCardSigningTests : IDisposable
{
    private readonly SigningKey _ed = SigningKey.Create(SigningAlgorithm.Ed25519);
    private readonly SigningKey _ec = SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256);
    private readonly TrustStore _trust = new();

    public AgentCardSigningTests()
    {
        _trust.Add("currency-agent", _ed.PublicKey);
        _trust.Add("currency-agent", _ec.PublicKey);
    }

    public void Dispose()
    {
        _ed.Dispose();
        _ec.Dispose();
    }

    private AgentCardVerifier Verifier(AgentCardVerificationOptions? options = null) => new(_trust, options);

    [Fact]
    public void Canonical_card_bytes_are_signed_and_the_served_card_verifies()
    {
        var cardJson = SampleCards.CanonicalJson(SampleCards.Currency());
        Assert.Equal(cardJson, AgentCardSigner.GetSigningPayload(cardJson));

        var served = AgentCardSigner.CreateSignedCardJson(cardJson, [_ed], new AgentCardSigningOptions { JwkSetUrl = "https://currency.example.com/.well-known/jwks.json" });
        Assert.True(JsonCanonicalizer.IsCanonical(served));
        Assert.Equal(cardJson, AgentCardSigner.GetSigningPayload(served));

        var signature = JsonNode.Parse(served)!["signatures"]![0]!;
        var header = Encoding.UTF8.GetString(StrictBase64Url.Decode(signature["protected"]!.GetValue<string>()));
        Assert.Equal($$"""{"alg":"EdDSA","kid":"{{_ed.PublicKey.Thumbprint}}","typ":"JOSE","jku":"https://currency.example.com/.well-known/jwks.json"}""", header);

        var result = Verifier().Verify(served, "currency-agent");
        Assert.True(result.IsVerified, result.ToString());
        Assert.Equal(AgentCardVerificationStatus.Verified, result.Status);
        Assert.Equal(("currency-agent", _ed.PublicKey.Thumbprint), (result.Key!.AgentId, result.Key.KeyId));
        Assert.False(result.KeyFromJwkSetUrl);
    }

    [Fact]
    public void A_card_changed_at_run_time_is_signed_and_verifies_after_ProtoJSON_serialization()
    {
        var card = SampleCards.Currency() with { SupportedInterfaces = [new AgentInterface { Url = "https://prod.example.com/a2a" }] };
        var signed = AgentCardSigner.WithSignatures(card, [_ec]);
        Assert.Single(signed.Signatures!);

        // What hosting serves with A2AJson: camelCase, members in declaration order (not canonical).
        var wire = A2AJson.SerializeToUtf8Bytes(signed);
        Assert.False(JsonCanonicalizer.IsCanonical(wire));
        var result = Verifier().Verify(wire);
        Assert.True(result.IsVerified, result.ToString());
        Assert.Equal("ES256", result.Key!.Algorithm);

        // Both routes sign the same bytes.
        Assert.Equal(AgentCardSigner.GetSigningPayload(card), AgentCardSigner.GetSigningPayload(SampleCards.CanonicalJson(card)));
    }

    [Fact]
    public void Whitespace_and_member_order_do_not_matter_but_content_does()
    {
        var served = AgentCardSigner.CreateSignedCardJson(SampleCards.CanonicalJson(SampleCards.Currency()), [_ed]);
        var pretty = JsonNode.Parse(served)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
        Assert.True(Verifier().Verify(Encoding.UTF8.GetBytes(pretty)).IsVerified);

        var node = JsonNode.Parse(served)!;
        node["description"] = "Converts money — and sends it to the attacker.";
        var tampered = Verifier().Verify(Encoding.UTF8.GetBytes(node.ToJsonString()));
        Assert.Equal(AgentCardVerificationStatus.Invalid, tampered.Status);
        Assert.Equal(VerificationFailure.SignatureInvalid, tampered.Failure);

        var added = JsonNode.Parse(served)!;
        added["securitySchemes"]!["none"] = new JsonObject { ["apiKeySecurityScheme"] = new JsonObject { ["location"] = "query", ["name"] = "k" } };
        Assert.Equal(VerificationFailure.SignatureInvalid, Verifier().Verify(Encoding.UTF8.GetBytes(added.ToJsonString())).Failure);
    }

    [Fact]
    public void Unknown_keys_and_missing_signatures_are_Unverified_never_accepted()
    {
        using var stranger = SigningKey.Create(SigningAlgorithm.Ed25519);
        var cardJson = SampleCards.CanonicalJson(SampleCards.Currency());

        var unknown = Verifier().Verify(AgentCardSigner.CreateSignedCardJson(cardJson, [stranger]));
        Assert.Equal(AgentCardVerificationStatus.Unverified, unknown.Status);
        Assert.False(unknown.IsVerified);
        Assert.Equal("KEY_NOT_FOUND", unknown.ReasonCode);

        var unsigned = Verifier().Verify(cardJson);
        Assert.Equal(AgentCardVerificationStatus.Unverified, unsigned.Status);
        Assert.Equal(VerificationFailure.NoSignatures, unsigned.Failure);

        // A trusted key of another agent does not vouch for this one.
        var otherAgent = Verifier().Verify(AgentCardSigner.CreateSignedCardJson(cardJson, [_ed]), "travel-agent");
        Assert.Equal(AgentCardVerificationStatus.Unverified, otherAgent.Status);
    }

    [Fact]
    public void Rotation_signs_with_every_key_and_any_trusted_one_verifies()
    {
        using var newKey = SigningKey.Create(SigningAlgorithm.Ed25519);
        var served = AgentCardSigner.CreateSignedCardJson(SampleCards.CanonicalJson(SampleCards.Currency()), [newKey, _ed]);
        Assert.Equal(2, JsonNode.Parse(served)!["signatures"]!.AsArray().Count);

        var result = Verifier().Verify(served);
        Assert.True(result.IsVerified);
        Assert.Equal(1, result.SignatureIndex);
        Assert.Equal(_ed.PublicKey.Thumbprint, result.Key!.KeyId);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"name":"a","name":"b","signatures":[]}""")]
    [InlineData("""{"name":"a","signatures":{"protected":"x"}}""")]
    [InlineData("""{"name":"a","signatures":[{"protected":1,"signature":"x"}]}""")]
    [InlineData("""{"name":"a","signatures":["x"]}""")]
    public void Malformed_cards_are_Invalid(string json)
    {
        var result = Verifier().Verify(Encoding.UTF8.GetBytes(json));
        Assert.Equal(AgentCardVerificationStatus.Invalid, result.Status);
        Assert.Equal(VerificationFailure.CardMalformed, result.Failure);
    }

    [Fact]
    public void Forged_headers_are_Invalid_with_the_failed_check()
    {
        var cardJson = SampleCards.CanonicalJson(SampleCards.Currency());
        var payload = AgentCardSigner.GetSigningPayload(cardJson);
        string kid = _ed.PublicKey.Thumbprint;

        AgentCardVerificationResult With(string header)
        {
            string encoded = StrictBase64Url.Encode(Encoding.UTF8.GetBytes(header));
            string signature = Jws.SignEncoded(_ed, encoded, payload);
            return Verifier().Verify(AgentCardSigner.CreateSignedCardJson(cardJson, [new AgentCardSignature { Protected = encoded, Signature = signature }]));
        }

        Assert.Equal(VerificationFailure.AlgorithmNotAllowed, With($$"""{"alg":"none","kid":"{{kid}}"}""").Failure);
        Assert.Equal(VerificationFailure.AlgorithmKeyMismatch, With($$"""{"alg":"EdDSA","kid":"{{_ec.PublicKey.Thumbprint}}"}""").Failure);
        Assert.Equal(VerificationFailure.TypeMismatch, With($$"""{"alg":"EdDSA","kid":"{{kid}}","typ":"a2a-passport+jws"}""").Failure);
        Assert.Equal(VerificationFailure.CritUnsupported, With($$"""{"alg":"EdDSA","kid":"{{kid}}","crit":["x"],"x":1}""").Failure);
        Assert.Equal(VerificationFailure.KeyIdMissing, With("""{"alg":"EdDSA"}""").Failure);
        Assert.True(With($$"""{"alg":"EdDSA","kid":"{{kid}}"}""").IsVerified);
    }

    [Fact]
    public async Task Jku_is_followed_only_for_allow_listed_origins()
    {
        using var remote = SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256);
        var jwks = JsonWebKeySet.Create([remote.PublicKey]).ToUtf8Json();
        var handler = new JwksHandler(jwks);
        var served = AgentCardSigner.CreateSignedCardJson(
            SampleCards.CanonicalJson(SampleCards.Currency()),
            [remote],
            new AgentCardSigningOptions { JwkSetUrl = "https://keys.example.com/.well-known/jwks.json" });

        var allowed = Verifier(new AgentCardVerificationOptions
        {
            AllowedJwkSetOrigins = [new Uri("https://keys.example.com")],
            HttpClient = new HttpClient(handler),
        });
        var result = await allowed.VerifyAsync(served, "currency-agent");
        Assert.True(result.IsVerified, result.ToString());
        Assert.True(result.KeyFromJwkSetUrl);
        Assert.Equal("currency-agent", result.Key!.AgentId);

        // Cached: a second verification does not fetch again.
        Assert.True((await allowed.VerifyAsync(served, "currency-agent")).IsVerified);
        Assert.Equal(1, handler.Requests);

        // The synchronous path never fetches.
        Assert.Equal(AgentCardVerificationStatus.Unverified, allowed.Verify(served).Status);

        var notAllowed = await Verifier(new AgentCardVerificationOptions { AllowedJwkSetOrigins = [new Uri("https://other.example.com")], HttpClient = new HttpClient(handler) })
            .VerifyAsync(served);
        Assert.Equal(AgentCardVerificationStatus.Unverified, notAllowed.Status);
        Assert.Equal(VerificationFailure.JkuNotAllowed, notAllowed.Failure);
        Assert.Equal(1, handler.Requests);

        var wrongPort = await Verifier(new AgentCardVerificationOptions { AllowedJwkSetOrigins = [new Uri("https://keys.example.com:8443")], HttpClient = new HttpClient(handler) })
            .VerifyAsync(served);
        Assert.Equal(VerificationFailure.JkuNotAllowed, wrongPort.Failure);
    }

    [Fact]
    public async Task Jku_failures_leave_the_card_Unverified_or_Invalid()
    {
        using var remote = SigningKey.Create(SigningAlgorithm.Ed25519);
        using var other = SigningKey.Create(SigningAlgorithm.Ed25519);
        var cardJson = SampleCards.CanonicalJson(SampleCards.Currency());
        var served = AgentCardSigner.CreateSignedCardJson(cardJson, [remote], new AgentCardSigningOptions { JwkSetUrl = "https://keys.example.com/jwks.json" });
        async Task<AgentCardVerificationResult> Run(HttpMessageHandler handler, byte[] card) =>
            await Verifier(new AgentCardVerificationOptions { AllowedJwkSetOrigins = [new Uri("https://keys.example.com")], HttpClient = new HttpClient(handler) })
                .VerifyAsync(card);

        Assert.Equal(VerificationFailure.JkuFetchFailed, (await Run(new JwksHandler(null, HttpStatusCode.InternalServerError), served)).Failure);
        Assert.Equal(VerificationFailure.JkuFetchFailed, (await Run(new JwksHandler("{\"keys\":[{\"kty\":\"oct\",\"k\":\"AAAA\"}]}"u8.ToArray()), served)).Failure);
        Assert.Equal(VerificationFailure.JkuFetchFailed, (await Run(new JwksHandler(JsonWebKeySet.Create([remote.PublicKey]).ToUtf8Json(), redirectTo: "https://evil.example.com/jwks.json"), served)).Failure);
        Assert.Equal(VerificationFailure.KeyNotFound, (await Run(new JwksHandler(JsonWebKeySet.Create([other.PublicKey]).ToUtf8Json()), served)).Failure);

        // The fetched key exists but the card was altered: Invalid.
        var tampered = JsonNode.Parse(served)!;
        tampered["name"] = "Evil Agent";
        var invalid = await Run(new JwksHandler(JsonWebKeySet.Create([remote.PublicKey]).ToUtf8Json()), Encoding.UTF8.GetBytes(tampered.ToJsonString()));
        Assert.Equal(AgentCardVerificationStatus.Invalid, invalid.Status);
        Assert.Equal(VerificationFailure.SignatureInvalid, invalid.Failure);
    }

    [Fact]
    public async Task Jku_fetching_through_a_delegate()
    {
        using var remote = SigningKey.Create(SigningAlgorithm.Ed25519);
        var served = AgentCardSigner.CreateSignedCardJson(SampleCards.CanonicalJson(SampleCards.Currency()), [remote], new AgentCardSigningOptions { JwkSetUrl = "http://127.0.0.1:5000/.well-known/jwks.json" });
        var fetched = new List<Uri>();
        var verifier = Verifier(new AgentCardVerificationOptions
        {
            AllowedJwkSetOrigins = [new Uri("http://127.0.0.1:5000")],
            FetchJwkSet = (uri, _) =>
            {
                fetched.Add(uri);
                return ValueTask.FromResult(JsonWebKeySet.Create([remote.PublicKey]).ToUtf8Json());
            },
        });
        Assert.True((await verifier.VerifyAsync(served)).IsVerified);
        Assert.Equal("http://127.0.0.1:5000/.well-known/jwks.json", Assert.Single(fetched).AbsoluteUri);
    }

    private sealed class JwksHandler(byte[]? body, HttpStatusCode status = HttpStatusCode.OK, string? redirectTo = null) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            var response = new HttpResponseMessage(status) { Content = new ByteArrayContent(body ?? []) };
            if (redirectTo is not null)
            {
                // What HttpClient reports after following a redirect.
                response.RequestMessage = new HttpRequestMessage(HttpMethod.Get, redirectTo);
            }
            else
            {
                response.RequestMessage = request;
            }

            return Task.FromResult(response);
        }
    }
}
