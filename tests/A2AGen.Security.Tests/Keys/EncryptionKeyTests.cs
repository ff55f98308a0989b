using A2AGen.Protocol;

namespace A2AGen.Security.Tests.Keys;

/// <summary>
/// Encryption keys (<c>use: "enc"</c>) beside signing keys: kept apart in JWK Sets and the trust store, loaded, created
/// for development and rotated by the key store (a retired key stops being published but still decrypts).
/// </summary>
public sealed class EncryptionKeyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("a2agen-enc-keys-").FullName;
    private readonly string _devKeys = Directory.CreateTempSubdirectory("a2agen-enc-devkeys-").FullName;

    public void Dispose()
    {
        Directory.Delete(_dir, recursive: true);
        Directory.Delete(_devKeys, recursive: true);
    }

    private KeyStoreOptions Options(bool development = false) => new()
    {
        AgentId = "finance-agent",
        KeysDirectory = _dir,
        AllowDevelopmentKey = development,
        EnvironmentName = development ? "Development" : "Production",
        DevelopmentKeysDirectory = _devKeys,
        RequireSigningKey = false,
        GetEnvironmentVariable = _ => null,
    };

    [Fact]
    public void A_JWK_Set_keeps_encryption_keys_apart_from_signing_keys_and_round_trips()
    {
        using var signing = SigningKey.Create(SigningAlgorithm.Ed25519);
        using var x25519 = JweDecryptionKey.Generate(JweKeyType.X25519);
        using var p256 = JweDecryptionKey.Generate(JweKeyType.P256);
        var set = JsonWebKeySet.Create([JsonWebKey.FromPublicKey(signing.PublicKey)], [x25519.PublicKey, p256.PublicKey]);

        var parsed = JsonWebKeySet.Parse(set.ToUtf8Json());
        Assert.Equal(signing.PublicKey, Assert.Single(parsed.Keys).PublicKey);
        Assert.Equal([x25519.PublicKey.Thumbprint, p256.PublicKey.Thumbprint], parsed.EncryptionKeys.Select(k => k.Thumbprint));
        Assert.Equal(set.ToJson(), parsed.ToJson());
        Assert.Contains("\"use\":\"enc\"", set.ToJson(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"d\"", set.ToJson(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"keys":[{"kty":"OKP","crv":"X25519","use":"enc","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo","kid":"not-its-thumbprint"}]}""", "thumbprint")]
    [InlineData("""{"keys":[{"kty":"OKP","crv":"X25519","use":"enc","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo","d":"dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo"}]}""", "private")]
    [InlineData("""{"keys":[{"kty":"OKP","crv":"Ed25519","use":"enc","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}]}""", "not an encryption key")]
    [InlineData("""{"keys":[{"kty":"OKP","crv":"X25519","use":"sig","x":"hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo"}]}""", "Ed25519")]
    public void A_JWK_Set_refuses_an_encryption_key_that_is_not_one(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => JsonWebKeySet.Parse(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_trust_store_holds_encryption_keys_per_agent_one_agent_per_key()
    {
        using var key = JweDecryptionKey.Generate(JweKeyType.X25519);
        using var next = JweDecryptionKey.Generate(JweKeyType.P256);
        var trust = new TrustStore();
        trust.Add("travel-desk", JsonWebKeySet.Create([], [key.PublicKey]));
        Assert.Equal(key.PublicKey.Thumbprint, Assert.Single(trust.GetEncryptionKeys("travel-desk")).Thumbprint);
        Assert.Empty(trust.GetEncryptionKeys("finance-agent"));
        Assert.Throws<InvalidOperationException>(() => trust.AddEncryptionKey("finance-agent", key.PublicKey));

        trust.Replace("travel-desk", JsonWebKeySet.Create([], [next.PublicKey]));
        Assert.Equal(next.PublicKey.Thumbprint, Assert.Single(trust.GetEncryptionKeys("travel-desk")).Thumbprint);
        Assert.Equal(next.PublicKey.Thumbprint, Assert.Single(trust.ToJsonWebKeySet("travel-desk").EncryptionKeys).Thumbprint);
        Assert.True(trust.RemoveAgent("travel-desk"));
        Assert.Empty(trust.GetEncryptionKeys("travel-desk"));
    }

    [Fact]
    public void Rotation_publishes_the_new_key_only_and_the_retired_one_still_decrypts()
    {
        var first = KeyStore.RotateEncryptionKey(Options());
        var path = Path.Combine(_dir, KeyStore.EncryptionKeyFile);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Part toFirst;
        using (var store = KeyStore.Load(Options()))
        {
            Assert.Equal(first.Thumbprint, store.EncryptionKey!.PublicKey.Thumbprint);
            Assert.Equal(first.Thumbprint, Assert.Single(store.GetJsonWebKeySet().EncryptionKeys).Thumbprint);
            Assert.Equal(first.Thumbprint, Assert.Single(store.TrustStore.GetEncryptionKeys("finance-agent")).Thumbprint);
            toFirst = EncryptedParts.Encrypt([Part.FromText("for the first key")], first, "travel-desk", "finance-agent");
        }

        var second = KeyStore.RotateEncryptionKey(Options(), JweKeyType.P256);
        Assert.True(File.Exists(Path.Combine(_dir, KeyStore.RetiredFolder, first.Thumbprint + KeyStore.RetiredEncryptionKeySuffix)));
        using var rotated = KeyStore.Load(Options());
        Assert.Equal(second.Thumbprint, Assert.Single(rotated.GetJsonWebKeySet().EncryptionKeys).Thumbprint);
        Assert.Equal([second.Thumbprint, first.Thumbprint], rotated.DecryptionKeys.Select(k => k.PublicKey.Thumbprint));

        // A JWE sent to the retired key before senders saw the new one: the kid picks the retired key.
        var inner = EncryptedParts.Decrypt(toFirst, rotated.DecryptionKeys);
        Assert.True(inner.Succeeded, inner.Reason);
        Assert.Equal("for the first key", Assert.Single(inner.Parts!).Text);
        Assert.Equal(JweFailure.WrongRecipient, Jwe.Decrypt(toFirst.Data!.Value.GetRawText(), rotated.DecryptionKeys[0]).Failure);
    }

    [Fact]
    public void A_development_store_gets_an_X25519_key_once_and_Production_gets_none_without_a_file()
    {
        string thumbprint;
        using (var store = KeyStore.Load(Options(development: true)))
        {
            Assert.Equal(JweKeyType.X25519, store.EncryptionKey!.KeyType);
            thumbprint = store.EncryptionKey.PublicKey.Thumbprint;
            Assert.StartsWith(_devKeys, store.EncryptionKeyPath, StringComparison.Ordinal);
        }

        using (var again = KeyStore.Load(Options(development: true)))
        {
            Assert.Equal(thumbprint, again.EncryptionKey!.PublicKey.Thumbprint);
        }

        using var production = KeyStore.Load(Options());
        Assert.Null(production.EncryptionKey);
        Assert.Empty(production.GetJsonWebKeySet().EncryptionKeys);
    }

    [Fact]
    public void A_damaged_key_file_and_a_peer_file_with_an_encryption_key_are_read_as_they_should_be()
    {
        File.WriteAllText(Path.Combine(_dir, KeyStore.EncryptionKeyFile), "{\"kty\":\"OKP\",\"crv\":\"X25519\"}");
        var error = Assert.Throws<KeyStoreException>(() => KeyStore.Load(Options()));
        Assert.Contains(KeyStore.EncryptionKeyFile, error.Message, StringComparison.Ordinal);
        File.Delete(Path.Combine(_dir, KeyStore.EncryptionKeyFile));

        using var peerSigning = SigningKey.Create(SigningAlgorithm.Ed25519);
        using var peerEncryption = JweDecryptionKey.Generate(JweKeyType.X25519);
        var trusted = Directory.CreateDirectory(Path.Combine(_dir, KeyStore.TrustedFolder)).FullName;
        File.WriteAllBytes(Path.Combine(trusted, "travel-desk.jwks.json"),
            JsonWebKeySet.Create([JsonWebKey.FromPublicKey(peerSigning.PublicKey)], [peerEncryption.PublicKey]).ToUtf8Json());
        using var store = KeyStore.Load(Options());
        Assert.Equal(peerEncryption.PublicKey.Thumbprint, Assert.Single(store.TrustStore.GetEncryptionKeys("travel-desk")).Thumbprint);
        Assert.Single(store.TrustStore.GetKeys("travel-desk"));
    }
}
