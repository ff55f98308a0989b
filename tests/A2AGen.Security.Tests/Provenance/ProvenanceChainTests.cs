using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using A2AGen.Protocol;
using A2AGen.Provenance;

namespace A2AGen.Security.Tests.Provenance;

/// <summary>Signing and verifying single envelopes and chains, and every attack the issue lists.</summary>
public sealed class ProvenanceChainTests : IDisposable
{
    private readonly ProvenanceFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void A_three_signer_chain_verifies_with_each_links_key_and_an_ordered_custody_trail()
    {
        var (quote, figure, report) = _f.ThreeSignerChain();
        var verifier = _f.Verifier();

        var result = verifier.Verify(report, ProvenanceFixture.In("t-rep", "ctx-rep"));
        Assert.True(result.IsVerified, result.ToString());
        Assert.True(result.BindingChecked);
        Assert.Equal(3, result.Links.Count);
        Assert.Equal(["travel-desk", "currency-agent", "finance-agent"], result.Links.Select(l => l.Key!.AgentId));
        Assert.Equal(["ES256", "EdDSA", "EdDSA"], result.Links.Select(l => l.Algorithm));
        Assert.Equal(["content", "carried", "carried"], result.Links.Select(l => l.Source));
        Assert.Equal(_f.Desk.PublicKey.Thumbprint, result.Root!.Key!.KeyId);

        // Oldest first: the quote, then the figure, then the report made from both.
        var trail = result.CustodyTrail;
        Assert.Equal(["currency-agent", "finance-agent", "travel-desk"], trail.Select(e => e.Issuer));
        Assert.Equal(["quote-1", "figure-1", "report-1"], trail.Select(e => e.ContentId));
        Assert.Equal(["t-cur", "t-fin", "t-rep"], trail.Select(e => e.TaskId));
        Assert.Equal([ProvenanceFixture.Envelope(quote).Digest, ProvenanceFixture.Envelope(figure).Digest], trail[2].MadeFrom);
        Assert.Equal(ProvenanceFixture.Start.AddSeconds(10), trail[2].IssuedAt);

        // Each upstream artifact verifies on its own, in its own task.
        Assert.True(verifier.Verify(quote, ProvenanceFixture.In("t-cur", "ctx-cur")).IsVerified);
        Assert.True(verifier.Verify(figure, ProvenanceFixture.In("t-fin", "ctx-fin")).IsVerified);
    }

    [Fact]
    public void Ancestors_travel_flattened_once_each_without_their_own_ancestors()
    {
        var (_, _, report) = _f.ThreeSignerChain();
        var signer = _f.Signer(_f.Currency, "currency-agent");
        var followUp = signer.Sign(ProvenanceFixture.Data("follow-up", """{"n":1}"""), new ProvenanceBinding("t-2", "ctx-2"), [ProvenanceFixture.Envelope(report)]);
        var envelope = ProvenanceFixture.Envelope(followUp);
        Assert.Equal(3, envelope.Ancestors.Count);
        Assert.All(envelope.Ancestors, a => Assert.Empty(a.Ancestors));
        Assert.Single(envelope.Statement.Parents);
        var result = _f.Verifier().Verify(followUp, ProvenanceFixture.In("t-2", "ctx-2"));
        Assert.True(result.IsVerified, result.ToString());
        Assert.Equal([0, 1, 2, 2], result.Links.Select(l => l.Depth));
    }

    [Fact]
    public void A_signed_agent_message_verifies_and_is_bound_to_its_own_task_and_context()
    {
        var message = Message.AgentText("EUR→USD 1.0842", contextId: "ctx-1", taskId: "t-1");
        var signed = _f.Signer(_f.Currency, "currency-agent").Sign(message);
        var verifier = _f.Verifier();
        Assert.True(verifier.Verify(signed).IsVerified);
        Assert.Equal(ProvenanceKind.Message, ProvenanceFixture.EnvelopeOf(signed).Statement.Kind);

        // Moving the message into another task changes its content digest.
        var moved = verifier.Verify(signed with { TaskId = "t-2" });
        Assert.Equal(ProvenanceReasons.ContentMismatch, moved.Reason);
        Assert.Equal(ProvenanceReasons.BindingMismatch, verifier.Verify(signed, ProvenanceFixture.In("t-2", "ctx-1")).Reason);
    }

    [Fact]
    public void Tampered_content_is_invalid()
    {
        var (_, _, report) = _f.ThreeSignerChain();
        var tampered = report with { Parts = [Part.FromData(JsonDocument.Parse("""{"summary":"revenue in USD","value":999999}""").RootElement.Clone())] };
        var result = _f.Verifier().Verify(tampered, ProvenanceFixture.In("t-rep", "ctx-rep"));
        Assert.Equal(ProvenanceStatus.Invalid, result.Status);
        Assert.Equal(ProvenanceReasons.ContentMismatch, result.Reason);
        Assert.Contains("changed after signing", result.Detail);

        // Renaming is tampering too: every field but the envelope is covered.
        Assert.Equal(ProvenanceReasons.ContentMismatch, _f.Verifier().Verify(report with { Name = "other" }).Reason);
    }

    [Fact]
    public void A_tampered_statement_fails_the_signature()
    {
        var (_, _, report) = _f.ThreeSignerChain();
        var tampered = Rewrite(report, e => e["statement"]!["iat"] = e["statement"]!["iat"]!.GetValue<long>() - 3600);
        var result = _f.Verifier().Verify(tampered, ProvenanceFixture.In("t-rep", "ctx-rep"));
        Assert.Equal(ProvenanceStatus.Invalid, result.Status);
        Assert.Equal(ProvenanceReasons.SignatureInvalid, result.Reason);
    }

    [Fact]
    public void A_tampered_carried_ancestor_matches_no_parent_digest()
    {
        var (_, _, report) = _f.ThreeSignerChain();
        var tampered = Rewrite(report, e => e["ancestors"]![0]!["statement"]!["artifactId"] = "quote-forged");
        var result = _f.Verifier().Verify(tampered, ProvenanceFixture.In("t-rep", "ctx-rep"));
        Assert.Equal(ProvenanceStatus.Invalid, result.Status);
        Assert.Equal(ProvenanceReasons.ParentNotFound, result.Reason);
        Assert.Contains("altered?", result.Detail);
        Assert.Equal("currency-agent", result.Links.Single(l => l.Status == ProvenanceStatus.Invalid).ClaimedIssuer);
    }

    [Fact]
    public void A_parent_digest_that_matches_nothing_is_invalid_and_a_store_can_supply_it()
    {
        var quote = _f.Signer(_f.Currency, "currency-agent").Sign(ProvenanceFixture.Data("quote-1", """{"rate":1.1}"""), new ProvenanceBinding("t-cur", "ctx-cur"));
        var report = _f.Signer(_f.Desk, "travel-desk", carry: false).Sign(ProvenanceFixture.Data("report-1", """{"v":1}"""), new ProvenanceBinding("t-rep", "ctx-rep"), [ProvenanceFixture.Envelope(quote)]);
        Assert.Empty(ProvenanceFixture.Envelope(report).Ancestors);

        var alone = _f.Verifier().Verify(report, ProvenanceFixture.In("t-rep", "ctx-rep"));
        Assert.Equal(ProvenanceStatus.Invalid, alone.Status);
        Assert.Equal(ProvenanceReasons.ParentNotFound, alone.Reason);

        var store = new InMemoryProvenanceStore();
        store.Add(ProvenanceFixture.Envelope(quote));
        var withStore = _f.Verifier(resolver: store).Verify(report, ProvenanceFixture.In("t-rep", "ctx-rep"));
        Assert.True(withStore.IsVerified, withStore.ToString());
        Assert.Equal("resolver", withStore.Links[1].Source);

        // A resolver that answers with some other envelope does not satisfy the link.
        var liar = _f.Verifier(resolver: new FixedResolver(ProvenanceFixture.Envelope(report))).Verify(report, ProvenanceFixture.In("t-rep", "ctx-rep"));
        Assert.Equal(ProvenanceReasons.ParentNotFound, liar.Reason);
    }

    [Fact]
    public async Task A_resolver_that_completes_asynchronously_supplies_parents_and_counts_toward_the_size_limit()
    {
        var quote = _f.Signer(_f.Currency, "currency-agent").Sign(ProvenanceFixture.Data("quote-1", """{"rate":1.1}"""), new ProvenanceBinding("t-cur", "ctx-cur"));
        var figure = _f.Signer(_f.Finance, "finance-agent").Sign(ProvenanceFixture.Data("figure-1", """{"v":2}"""), new ProvenanceBinding("t-fin", "ctx-fin"));
        var report = _f.Signer(_f.Desk, "travel-desk", carry: false).Sign(
            ProvenanceFixture.Data("report-1", """{"v":3}"""), new ProvenanceBinding("t-rep", "ctx-rep"), [ProvenanceFixture.Envelope(quote), ProvenanceFixture.Envelope(figure)]);
        var store = new InMemoryProvenanceStore();
        store.Add(ProvenanceFixture.Envelope(quote));
        store.Add(ProvenanceFixture.Envelope(figure));
        var remote = new SlowResolver(store);

        var result = await _f.Verifier(resolver: remote).VerifyAsync(report, ProvenanceFixture.In("t-rep", "ctx-rep"));
        Assert.True(result.IsVerified, result.ToString());
        Assert.Equal(2, remote.Calls);
        Assert.Equal(["content", "resolver", "resolver"], result.Links.Select(l => l.Source));

        // Resolved envelopes add to the chain's bytes: with room for little more than the report, the walk stops.
        var envelopeBytes = ProvenanceFixture.Envelope(report).ToJson().Length;
        var tight = await _f.Verifier(new ProvenanceLimits { MaxChainBytes = Math.Max(1024, envelopeBytes + 100) }, remote).VerifyAsync(report, ProvenanceFixture.In("t-rep", "ctx-rep"));
        Assert.Equal(ProvenanceReasons.ChainTooLarge, tight.Reason);
    }

    [Fact]
    public void An_attempted_cycle_is_refused_and_terminates()
    {
        // A cites B; B' is signed citing A and carried in A's place. Digests commit to whole envelopes, so B' can
        // never be B: the loop cannot close, and the verifier says which link broke.
        var signerA = _f.Signer(_f.Currency, "currency-agent");
        var signerB = _f.Signer(_f.Finance, "finance-agent");
        var b = signerB.Sign(ProvenanceFixture.Data("b", """{"b":1}"""), new ProvenanceBinding("t", "c"));
        var a = signerA.Sign(ProvenanceFixture.Data("a", """{"a":1}"""), new ProvenanceBinding("t", "c"), [ProvenanceFixture.Envelope(b)]);
        var bPrime = signerB.Sign(ProvenanceFixture.Data("b", """{"b":1}"""), new ProvenanceBinding("t", "c"), [ProvenanceFixture.Envelope(a)]);
        var looped = ProvenanceFormat.Attach(a, ProvenanceFixture.Envelope(a).WithAncestors([ProvenanceFixture.Envelope(bPrime).WithoutAncestors(), ProvenanceFixture.Envelope(a).WithoutAncestors()]));

        var result = _f.Verifier().Verify(looped, ProvenanceFixture.In("t", "c"));
        Assert.Equal(ProvenanceStatus.Invalid, result.Status);
        Assert.Equal(ProvenanceReasons.ParentNotFound, result.Reason);
        Assert.Equal(2, result.Links.Count);

        // With the true B carried as well, the chain verifies, but the carried extras are cited by nothing.
        var padded = ProvenanceFormat.Attach(a, ProvenanceFixture.Envelope(a).WithAncestors([ProvenanceFixture.Envelope(b).WithoutAncestors(), ProvenanceFixture.Envelope(bPrime).WithoutAncestors()]));
        var extra = _f.Verifier().Verify(padded, ProvenanceFixture.In("t", "c"));
        Assert.Equal(ProvenanceReasons.AncestorUnlinked, extra.Reason);
    }

    [Fact]
    public void A_signer_key_trusted_for_another_agent_is_invalid()
    {
        // finance-agent's key signs a statement claiming to come from currency-agent.
        var forged = _f.Signer(_f.Finance, "currency-agent").Sign(ProvenanceFixture.Data("q", """{"rate":9}"""), new ProvenanceBinding("t", "c"));
        var result = _f.Verifier().Verify(forged, ProvenanceFixture.In("t", "c"));
        Assert.Equal(ProvenanceStatus.Invalid, result.Status);
        Assert.Equal(ProvenanceReasons.KeyNotOwnedBySigner, result.Reason);
        Assert.Null(result.Root!.Key);
    }

    [Fact]
    public void No_trusted_key_is_unverified_never_verified_also_deep_in_the_chain()
    {
        using var stranger = SigningKey.Create(SigningAlgorithm.Ed25519);
        var upstream = _f.Signer(stranger, "stranger-agent").Sign(ProvenanceFixture.Data("u", """{"u":1}"""), new ProvenanceBinding("t-u", "c-u"));
        var result = _f.Verifier().Verify(upstream);
        Assert.Equal(ProvenanceStatus.Unverified, result.Status);
        Assert.Equal(ProvenanceReasons.SignerUntrusted, result.Reason);
        Assert.False(result.IsVerified);

        var report = _f.Signer(_f.Desk, "travel-desk").Sign(ProvenanceFixture.Data("r", """{"r":1}"""), new ProvenanceBinding("t", "c"), [ProvenanceFixture.Envelope(upstream)]);
        var chain = _f.Verifier().Verify(report, ProvenanceFixture.In("t", "c"));
        Assert.Equal(ProvenanceStatus.Unverified, chain.Status);
        Assert.Equal(ProvenanceStatus.Verified, chain.Links[0].Status);
        Assert.Equal(ProvenanceStatus.Unverified, chain.Links[1].Status);
        Assert.StartsWith("parent at depth 1 (stranger-agent", chain.Detail);

        // A known agent with an unknown kid is Unverified too.
        using var rotated = SigningKey.Create(SigningAlgorithm.Ed25519);
        var unknownKid = _f.Signer(rotated, "currency-agent").Sign(ProvenanceFixture.Data("q", """{"q":1}"""), new ProvenanceBinding("t", "c"));
        Assert.Equal(ProvenanceReasons.SigningKeyUnknown, _f.Verifier().Verify(unknownKid).Reason);

        Assert.Equal(ProvenanceReasons.Missing, _f.Verifier().Verify(ProvenanceFixture.Data("plain", "{}")).Reason);
    }

    [Fact]
    public void An_envelope_replayed_into_another_task_or_context_is_invalid()
    {
        var (_, _, report) = _f.ThreeSignerChain();
        var verifier = _f.Verifier();
        var otherTask = verifier.Verify(report, ProvenanceFixture.In("t-other", "ctx-rep"));
        Assert.Equal(ProvenanceReasons.BindingMismatch, otherTask.Reason);
        Assert.Contains("a replay", otherTask.Detail);
        Assert.Equal(ProvenanceReasons.BindingMismatch, verifier.Verify(report, ProvenanceFixture.In("t-rep", "ctx-other")).Reason);

        var notChecked = verifier.Verify(report);
        Assert.True(notChecked.IsVerified);
        Assert.False(notChecked.BindingChecked);
    }

    [Fact]
    public void Expired_envelopes_are_invalid_and_parents_must_have_been_valid_when_used()
    {
        var quote = _f.Signer(_f.Currency, "currency-agent", lifetime: TimeSpan.FromMinutes(10)).Sign(ProvenanceFixture.Data("q", """{"q":1}"""), new ProvenanceBinding("t", "c"));
        var verifier = _f.Verifier();
        Assert.True(verifier.Verify(quote).IsVerified);
        _f.Clock.Advance(TimeSpan.FromMinutes(11)); // past exp + 60 s skew
        var expired = verifier.Verify(quote);
        Assert.Equal(ProvenanceStatus.Invalid, expired.Status);
        Assert.Equal(ProvenanceReasons.Expired, expired.Reason);

        // A report made now from the expired quote: the quote had expired when the desk used it.
        var report = _f.Signer(_f.Desk, "travel-desk").Sign(ProvenanceFixture.Data("r", """{"r":1}"""), new ProvenanceBinding("t2", "c2"), [ProvenanceFixture.Envelope(quote)]);
        var chain = verifier.Verify(report);
        Assert.Equal(ProvenanceReasons.Expired, chain.Reason);
        Assert.Contains("when 'travel-desk' used it", chain.Detail);
    }

    [Fact]
    public void An_unknown_crit_header_is_invalid()
    {
        var statement = new ProvenanceStatement
        {
            Issuer = "currency-agent",
            Kind = ProvenanceKind.Artifact,
            Digest = ProvenanceFormat.ComputeDigest(ProvenanceFixture.Data("q", """{"q":1}""")),
            TaskId = "t",
            ContextId = "c",
            ContentId = "q",
            IssuedAt = _f.Clock.GetUtcNow().ToUnixTimeSeconds(),
        };
        byte[] payload = statement.ToCanonicalJson();
        string signature = Jws.SignDetached(_f.Currency, payload, new JwsSigningOptions
        {
            Type = ProvenanceFormat.SignatureType,
            WriteAdditionalParameters = w =>
            {
                w.WriteStartArray("crit");
                w.WriteStringValue("urn:example:must-understand");
                w.WriteEndArray();
                w.WriteBoolean("urn:example:must-understand", true);
            },
        });
        var envelope = new JsonObject { ["statement"] = JsonNode.Parse(payload), ["signature"] = signature };
        var artifact = ProvenanceFixture.Data("q", """{"q":1}""") with { Metadata = new Dictionary<string, JsonElement> { [ProvenanceFormat.MetadataKey] = JsonSerializer.SerializeToElement(envelope) } };
        var result = _f.Verifier().Verify(artifact, ProvenanceFixture.In("t", "c"));
        Assert.Equal(ProvenanceStatus.Invalid, result.Status);
        Assert.Equal(ProvenanceReasons.CritUnsupported, result.Reason);
    }

    [Fact]
    public void A_link_naming_another_signer_and_a_wrong_typ_are_invalid()
    {
        var quote = _f.Signer(_f.Currency, "currency-agent").Sign(ProvenanceFixture.Data("q", """{"q":1}"""), new ProvenanceBinding("t", "c"));
        var quoteEnvelope = ProvenanceFixture.Envelope(quote);
        var statement = new ProvenanceStatement
        {
            Issuer = "travel-desk",
            Kind = ProvenanceKind.Artifact,
            Digest = ProvenanceFormat.ComputeDigest(ProvenanceFixture.Data("r", """{"r":1}""")),
            TaskId = "t2",
            ContextId = "c2",
            ContentId = "r",
            IssuedAt = _f.Clock.GetUtcNow().ToUnixTimeSeconds(),
            Parents = [new ProvenanceParent(quoteEnvelope.Digest, "finance-agent")],
        };
        byte[] payload = statement.ToCanonicalJson();
        var wrongIssuer = Envelope(payload, Jws.SignDetached(_f.Desk, payload, new JwsSigningOptions { Type = ProvenanceFormat.SignatureType }), quoteEnvelope);
        var result = _f.Verifier().Verify(ProvenanceFixture.Data("r", """{"r":1}""") with { Metadata = wrongIssuer });
        Assert.Equal(ProvenanceReasons.ParentIssuerMismatch, result.Reason);

        var wrongType = Envelope(payload, Jws.SignDetached(_f.Desk, payload, new JwsSigningOptions { Type = "a2a-passport+jws" }), quoteEnvelope);
        Assert.Equal(ProvenanceReasons.SignatureTypeMismatch, _f.Verifier().Verify(ProvenanceFixture.Data("r", """{"r":1}""") with { Metadata = wrongType }).Reason);
    }

    [Fact]
    public void Audience_is_checked_when_the_verifier_says_who_it_is()
    {
        var quote = _f.Signer(_f.Currency, "currency-agent").Sign(ProvenanceFixture.Data("q", """{"q":1}"""), new ProvenanceBinding("t", "c"), audience: "travel-desk");
        var verifier = _f.Verifier();
        var mine = verifier.Verify(quote, new ProvenanceExpectations { Audiences = ["travel-desk", "https://desk.example/a2a"] });
        Assert.True(mine.IsVerified);
        Assert.True(mine.AudienceChecked);
        Assert.Equal(ProvenanceReasons.AudienceMismatch, verifier.Verify(quote, new ProvenanceExpectations { Audiences = ["finance-agent"] }).Reason);
    }

    [Fact]
    public void Malformed_envelopes_name_the_problem()
    {
        var (_, _, report) = _f.ThreeSignerChain();
        var verifier = _f.Verifier();
        Assert.Contains("unknown member 'extra'", verifier.Verify(Rewrite(report, e => e["statement"]!["extra"] = 1)).Detail);
        Assert.Contains("'v' is 2", verifier.Verify(Rewrite(report, e => e["statement"]!["v"] = 2)).Detail);
        Assert.Contains("must not carry ancestors", verifier.Verify(Rewrite(report, e => e["ancestors"]![0]!["ancestors"] = new JsonArray())).Detail);
        Assert.Contains("unknown member", verifier.Verify(Rewrite(report, e => e["note"] = "x")).Detail);
        Assert.Contains("detached compact JWS", verifier.Verify(Rewrite(report, e => e["signature"] = "abc.def.ghi")).Detail);
        Assert.All(
            [Rewrite(report, e => e["statement"]!["parents"]![0]!["digest"] = "sha-256:short"), Rewrite(report, e => e["statement"]!["kind"] = "task")],
            bad => Assert.Equal(ProvenanceReasons.Malformed, verifier.Verify(bad).Reason));
    }

    [Fact]
    public void A_verified_chain_is_cached_and_a_hit_still_checks_keys_binding_and_content()
    {
        var (_, _, report) = _f.ThreeSignerChain();
        var verifier = _f.Verifier(cache: 10);
        var expected = ProvenanceFixture.In("t-rep", "ctx-rep");
        Assert.False(verifier.Verify(report, expected).FromCache);
        var again = verifier.Verify(report, expected);
        Assert.True(again.IsVerified);
        Assert.True(again.FromCache);

        Assert.Equal(ProvenanceReasons.BindingMismatch, verifier.Verify(report, ProvenanceFixture.In("t-x", "ctx-rep")).Reason);
        Assert.Equal(ProvenanceReasons.ContentMismatch, verifier.Verify(report with { Name = "changed" }, expected).Reason);

        _f.Trust.RemoveAgent("finance-agent");
        var afterRemoval = verifier.Verify(report, expected);
        Assert.Equal(ProvenanceStatus.Unverified, afterRemoval.Status);
        Assert.False(afterRemoval.FromCache);
    }

    private static Artifact Rewrite(Artifact artifact, Action<JsonObject> change)
    {
        var node = JsonNode.Parse(ProvenanceFormat.FindEnvelope(artifact)!.Value.GetRawText())!.AsObject();
        change(node);
        return artifact with { Metadata = new Dictionary<string, JsonElement> { [ProvenanceFormat.MetadataKey] = JsonSerializer.SerializeToElement(node) } };
    }

    private static Dictionary<string, JsonElement> Envelope(byte[] statement, string signature, ProvenanceEnvelope parent)
    {
        var envelope = new JsonObject
        {
            ["statement"] = JsonNode.Parse(statement),
            ["signature"] = signature,
            ["ancestors"] = new JsonArray(JsonNode.Parse(parent.WithoutAncestors().ToJson())),
        };
        return new() { [ProvenanceFormat.MetadataKey] = JsonSerializer.SerializeToElement(envelope) };
    }

    private sealed class SlowResolver(IProvenanceParentResolver inner) : IProvenanceParentResolver
    {
        public int Calls;

        public async ValueTask<ProvenanceEnvelope?> ResolveAsync(ProvenanceParent parent, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Calls);
            await Task.Yield();
            return await inner.ResolveAsync(parent, cancellationToken);
        }
    }

    private sealed class FixedResolver(ProvenanceEnvelope answer) : IProvenanceParentResolver
    {
        public ValueTask<ProvenanceEnvelope?> ResolveAsync(ProvenanceParent parent, CancellationToken cancellationToken) => ValueTask.FromResult<ProvenanceEnvelope?>(answer);
    }
}
