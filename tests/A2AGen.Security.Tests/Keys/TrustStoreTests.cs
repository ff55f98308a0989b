namespace A2AGen.Security.Tests.Keys;

/// <summary>One key, one agent; rotation by adding and removing keys; safe concurrent reads.</summary>
public sealed class TrustStoreTests : IDisposable
{
    private readonly SigningKey _a = SigningKey.Create(SigningAlgorithm.Ed25519);
    private readonly SigningKey _b = SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256);

    public void Dispose()
    {
        _a.Dispose();
        _b.Dispose();
    }

    [Fact]
    public void A_key_or_kid_belongs_to_one_agent()
    {
        var trust = new TrustStore();
        trust.Add("alice", _a.PublicKey);
        Assert.Contains("one key belongs to one agent", Assert.Throws<InvalidOperationException>(() => trust.Add("mallory", _a.PublicKey)).Message);
        Assert.Throws<InvalidOperationException>(() => trust.Add("mallory", _b.PublicKey, keyId: _a.PublicKey.Thumbprint));
        Assert.Throws<InvalidOperationException>(() => trust.Add("alice", _b.PublicKey, keyId: _a.PublicKey.Thumbprint));
        trust.Add("alice", _a.PublicKey); // the same entry again is harmless
        Assert.Single(trust.GetKeys("alice"));
        Assert.Throws<ArgumentException>(() => trust.Add("../alice", _b.PublicKey));
    }

    [Fact]
    public void Resolution_by_kid_and_issuer()
    {
        var trust = new TrustStore();
        trust.Add("alice", _a.PublicKey, "a1");
        trust.Add("bob", _b.PublicKey);
        Assert.Equal("alice", Assert.Single(trust.ResolveKeys(null, "a1")).AgentId);
        Assert.Single(trust.ResolveKeys("alice", "a1"));
        Assert.Empty(trust.ResolveKeys("bob", "a1"));
        Assert.Empty(trust.ResolveKeys(null, "nope"));
        Assert.Single(trust.ResolveKeys("bob", null));
        Assert.Empty(trust.ResolveKeys(null, null));
        Assert.Equal("bob", trust.FindByKeyId(_b.PublicKey.Thumbprint)!.AgentId);
    }

    [Fact]
    public void Rotation_all_keys_verify_until_removed()
    {
        var trust = new TrustStore();
        trust.Add("alice", _a.PublicKey);
        using var next = SigningKey.Create(SigningAlgorithm.Ed25519);
        trust.Add("alice", next.PublicKey);
        var verifier = new JwsVerifier(trust);
        Assert.True(verifier.Verify(Jws.Sign(_a, "x"u8)).IsValid);
        Assert.True(verifier.Verify(Jws.Sign(next, "x"u8)).IsValid);

        Assert.True(trust.Remove("alice", _a.PublicKey.Thumbprint));
        Assert.Equal(VerificationFailure.KeyNotFound, verifier.Verify(Jws.Sign(_a, "x"u8)).Failure);
        Assert.True(verifier.Verify(Jws.Sign(next, "x"u8)).IsValid);

        trust.Replace("alice", JsonWebKeySet.Create([_a.PublicKey]));
        Assert.Equal(VerificationFailure.KeyNotFound, verifier.Verify(Jws.Sign(next, "x"u8)).Failure);
        Assert.True(trust.RemoveAgent("alice"));
        Assert.Empty(trust.AgentIds);
    }

    [Fact]
    public async Task Readers_see_consistent_snapshots_while_writers_change_the_store()
    {
        var trust = new TrustStore();
        trust.Add("alice", _a.PublicKey);
        var keys = Enumerable.Range(0, 50).Select(_ => SigningKey.Create(SigningAlgorithm.Ed25519)).ToList();
        try
        {
            var token = Jws.Sign(_a, "x"u8);
            var verifier = new JwsVerifier(trust);
            var writer = Task.Run(() =>
            {
                foreach (var key in keys)
                {
                    trust.Add("bob", key.PublicKey);
                }

                foreach (var key in keys)
                {
                    trust.Remove("bob", key.PublicKey.Thumbprint);
                }
            });
            Parallel.For(0, 2000, _ => Assert.True(verifier.Verify(token).IsValid));
            await writer;
            Assert.Empty(trust.GetKeys("bob"));
        }
        finally
        {
            keys.ForEach(k => k.Dispose());
        }
    }
}
