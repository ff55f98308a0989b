using System.Text;
using A2AGen.Security.Tests.Support;

namespace A2AGen.Security.Tests.Keys;

/// <summary>The key directory, environment variables, development mode and rotation, with real openssl-made files.</summary>
public sealed class KeyStoreTests : IDisposable
{
    private readonly OpenSslCli _openssl = new();
    private readonly Dictionary<string, string?> _env = new();
    private readonly string _devKeys;

    public KeyStoreTests()
    {
        _devKeys = Directory.CreateTempSubdirectory("a2agen-devkeys-").FullName;
    }

    private string Dir => _openssl.Directory;

    public void Dispose()
    {
        _openssl.Dispose();
        Directory.Delete(_devKeys, recursive: true);
    }

    private KeyStoreOptions Options(string agentId = "currency-agent") => new()
    {
        AgentId = agentId,
        KeysDirectory = Dir,
        GetEnvironmentVariable = name => _env.GetValueOrDefault(name),
        DevelopmentKeysDirectory = _devKeys,
    };

    private void Peer(string agentId, VerificationKey key) =>
        File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(Path.Combine(Dir, "trusted")).FullName, agentId + ".jwks.json"), JsonWebKeySet.Create([key]).ToUtf8Json());

    [Fact]
    public void Loads_an_openssl_key_directory_with_peers()
    {
        _openssl.Run("genpkey", "-algorithm", "ed25519", "-out", "signing.key.pem");
        _openssl.Run("pkey", "-in", "signing.key.pem", "-pubout", "-out", "signing.pub.pem");
        using var peer = SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256);
        Peer("travel-desk", peer.PublicKey);

        using var store = KeyStore.Load(Options());
        Assert.Equal(SigningKeySource.KeyDirectory, store.SigningKeySource);
        Assert.Equal(Path.Combine(Dir, "signing.key.pem"), store.SigningKeyPath);
        Assert.Equal(VerificationKey.ImportPem(_openssl.Read("signing.pub.pem")), store.SigningKey!.PublicKey);
        Assert.Equal(["currency-agent", "travel-desk"], store.TrustStore.AgentIds.Order());

        // Self-trust: what this agent signs, it verifies; and the peer's tokens verify as the peer.
        var verifier = new JwsVerifier(store.TrustStore);
        Assert.Equal("currency-agent", verifier.Verify(Jws.Sign(store.SigningKey, "x"u8)).Key!.AgentId);
        Assert.Equal("travel-desk", verifier.Verify(Jws.Sign(peer, "x"u8)).Key!.AgentId);

        // The published JWKS holds public keys only.
        string jwks = store.GetJsonWebKeySet().ToJson();
        Assert.DoesNotContain("\"d\"", jwks);
        Assert.Contains(store.SigningKey.PublicKey.Thumbprint, jwks);
    }

    [Fact]
    public void Encrypted_key_needs_A2AGEN_KEY_PASSWORD_and_errors_say_what_to_do()
    {
        _openssl.Run("genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "pass:hunter2-secret", "-out", "signing.key.pem");

        var missing = Assert.Throws<KeyStoreException>(() => KeyStore.Load(Options()));
        Assert.Contains("set A2AGEN_KEY_PASSWORD", missing.Message);
        Assert.DoesNotContain('\n', missing.Message);

        _env["A2AGEN_KEY_PASSWORD"] = "wrong-password";
        var wrong = Assert.Throws<KeyStoreException>(() => KeyStore.Load(Options()));
        Assert.Contains("A2AGEN_KEY_PASSWORD is wrong", wrong.Message);
        Assert.DoesNotContain("wrong-password", wrong.Message);

        _env["A2AGEN_KEY_PASSWORD"] = "hunter2-secret";
        using var store = KeyStore.Load(Options());
        Assert.Equal(SigningAlgorithm.Ed25519, store.SigningKey!.Algorithm);
    }

    [Fact]
    public void Signing_key_from_the_environment_takes_precedence()
    {
        _openssl.Run("ecparam", "-genkey", "-name", "prime256v1", "-out", "env.pem");
        _openssl.Run("genpkey", "-algorithm", "ed25519", "-out", "signing.key.pem");
        _env["A2AGEN_SIGNING_KEY"] = _openssl.Read("env.pem");
        using var store = KeyStore.Load(Options());
        Assert.Equal(SigningKeySource.EnvironmentVariable, store.SigningKeySource);
        Assert.Equal(SigningAlgorithm.EcdsaP256Sha256, store.SigningKey!.Algorithm);

        _env["A2AGEN_SIGNING_KEY"] = "-----BEGIN PRIVATE KEY-----\nnot base64!\n-----END PRIVATE KEY-----";
        Assert.Contains("A2AGEN_SIGNING_KEY environment variable is not a usable private key", Assert.Throws<KeyStoreException>(() => KeyStore.Load(Options())).Message);
    }

    [Fact]
    public void Missing_key_and_missing_directory_are_explained()
    {
        var missing = Assert.Throws<KeyStoreException>(() => KeyStore.Load(Options()));
        Assert.Contains("No signing key for agent 'currency-agent'", missing.Message);
        Assert.Contains("openssl genpkey -algorithm ed25519", missing.Message);

        using (var verifyOnly = KeyStore.Load(Options() with { RequireSigningKey = false }))
        {
            Assert.Null(verifyOnly.SigningKey);
            Assert.Equal(SigningKeySource.None, verifyOnly.SigningKeySource);
        }

        var noDirectory = Assert.Throws<KeyStoreException>(() => KeyStore.Load(Options() with { KeysDirectory = Path.Combine(Dir, "nope") }));
        Assert.Contains("does not exist", noDirectory.Message);
        Assert.Throws<KeyStoreException>(() => KeyStore.Load(Options("../escape")));
    }

    [Fact]
    public void Bad_files_are_named_in_the_error()
    {
        _openssl.Run("genpkey", "-algorithm", "ed25519", "-out", "signing.key.pem");
        _openssl.Run("genpkey", "-algorithm", "ed25519", "-out", "other.pem");
        _openssl.Run("pkey", "-in", "other.pem", "-pubout", "-out", "signing.pub.pem");
        Assert.Contains("does not belong to", Assert.Throws<KeyStoreException>(() => KeyStore.Load(Options())).Message);
        File.Delete(Path.Combine(Dir, "signing.pub.pem"));

        Directory.CreateDirectory(Path.Combine(Dir, "trusted"));
        File.WriteAllText(Path.Combine(Dir, "trusted", "Bad..Name.jwks.json"), "{\"keys\":[]}");
        Assert.Contains("not named after a valid agent id", Assert.Throws<KeyStoreException>(() => KeyStore.Load(Options())).Message);
        File.Delete(Path.Combine(Dir, "trusted", "Bad..Name.jwks.json"));

        using var key = SigningKey.Create(SigningAlgorithm.Ed25519, new SigningKeyOptions { ExportPolicy = SigningKeyExportPolicies.AllowPlaintextExport });
        string x = StrictBase64Url.Encode(key.PublicKey.Export(KeyFormat.RawPublicKey));
        string d = StrictBase64Url.Encode(key.Export(KeyFormat.RawPrivateKey));
        File.WriteAllText(Path.Combine(Dir, "trusted", "peer.jwks.json"), $$"""{"keys":[{"kty":"OKP","crv":"Ed25519","x":"{{x}}","d":"{{d}}"}]}""");
        var error = Assert.Throws<KeyStoreException>(() => KeyStore.Load(Options()));
        Assert.Contains("peer.jwks.json", error.Message);
        Assert.Contains("private member 'd'", error.Message);
        Assert.DoesNotContain(d, error.Message);

        // A peer file that claims this agent's own key for another agent.
        File.Delete(Path.Combine(Dir, "trusted", "peer.jwks.json"));
        Peer("impostor", VerificationKey.ImportPem(_openssl.Run("pkey", "-in", "signing.key.pem", "-pubout")));
        Assert.Contains("one key belongs to one agent", Assert.Throws<KeyStoreException>(() => KeyStore.Load(Options())).Message);
    }

    [Fact]
    public void Unreadable_key_file_is_reported_with_its_path()
    {
        // Reading /proc/self/mem from offset 0 fails with EIO, even for root (file modes would not stop root).
        File.CreateSymbolicLink(Path.Combine(Dir, "signing.key.pem"), "/proc/self/mem");
        var error = Assert.Throws<KeyStoreException>(() => KeyStore.Load(Options()));
        Assert.StartsWith($"Cannot read '{Path.Combine(Dir, "signing.key.pem")}'", error.Message);
        Assert.Contains("may read it", error.Message);
    }

    [Fact]
    public void Development_key_is_created_outside_the_source_tree_reused_and_self_trusted()
    {
        var options = Options("dev-agent") with { AllowDevelopmentKey = true, EnvironmentName = "Development" };
        VerificationKey first;
        using (var store = KeyStore.Load(options))
        {
            Assert.Equal(SigningKeySource.Development, store.SigningKeySource);
            Assert.StartsWith(_devKeys, store.SigningKeyPath);
            Assert.EndsWith(Path.Combine("dev-agent", "signing.key.pem"), store.SigningKeyPath);
            Assert.False(store.SigningKeyPath!.StartsWith(TestData.RepoRoot, StringComparison.Ordinal));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(store.SigningKeyPath));
            }
            first = store.SigningKey!.PublicKey;
            Assert.True(new JwsVerifier(store.TrustStore).Verify(Jws.Sign(store.SigningKey, "x"u8), "dev-agent").IsValid);
        }

        using (var again = KeyStore.Load(options))
        {
            Assert.Equal(first, again.SigningKey!.PublicKey);
        }

        // The default location is the user's application data (or temp), never inside the repository.
        Assert.False(KeyStore.DefaultDevelopmentDirectory().StartsWith(TestData.RepoRoot, StringComparison.Ordinal));
        Assert.Contains("a2agen", KeyStore.DefaultDevelopmentDirectory());
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("production")]
    [InlineData(null)]
    public void Development_key_is_refused_in_Production(string? environment)
    {
        var error = Assert.Throws<KeyStoreException>(() => KeyStore.Load(Options() with { AllowDevelopmentKey = true, EnvironmentName = environment }));
        Assert.Contains("refused in Production", error.Message);
        Assert.Contains("A2AGEN_SIGNING_KEY", error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(_devKeys));
    }

    [Fact]
    public void Environment_name_comes_from_DOTNET_ENVIRONMENT()
    {
        _env["DOTNET_ENVIRONMENT"] = "Development";
        using var store = KeyStore.Load(Options() with { AllowDevelopmentKey = true });
        Assert.Equal(SigningKeySource.Development, store.SigningKeySource);
    }

    [Fact]
    public void Rotation_on_disk_newest_signs_and_retired_keys_verify_until_deleted()
    {
        _env["A2AGEN_KEY_PASSWORD"] = "pw";
        var first = KeyStore.RotateSigningKey(Options() with { KeyAlgorithm = SigningAlgorithm.EcdsaP256Sha256 });
        Assert.Contains("ENCRYPTED PRIVATE KEY", File.ReadAllText(Path.Combine(Dir, "signing.key.pem")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Dir, "signing.key.pem")));
        }

        string oldToken;
        using (var store = KeyStore.Load(Options()))
        {
            Assert.Equal(first, store.SigningKey!.PublicKey);
            oldToken = Jws.Sign(store.SigningKey, "signed before rotation"u8);
        }

        var second = KeyStore.RotateSigningKey(Options());
        Assert.True(File.Exists(Path.Combine(Dir, "retired", first.Thumbprint + ".pub.pem")));
        using (var store = KeyStore.Load(Options()))
        {
            Assert.Equal(second, store.SigningKey!.PublicKey);
            Assert.Equal([second, first], store.PublishedKeys);
            Assert.True(new JwsVerifier(store.TrustStore).Verify(oldToken).IsValid);
            Assert.Equal(2, store.GetJsonWebKeySet().Keys.Count);
        }

        // openssl reads the rotated key with the password.
        Assert.Equal(second.ExportPem(), _openssl.Run("pkey", "-in", "signing.key.pem", "-passin", "pass:pw", "-pubout"));

        File.Delete(Path.Combine(Dir, "retired", first.Thumbprint + ".pub.pem"));
        using (var store = KeyStore.Load(Options()))
        {
            Assert.Equal(VerificationFailure.KeyNotFound, new JwsVerifier(store.TrustStore).Verify(oldToken).Failure);
        }
    }

    [Fact]
    public void In_memory_rotation_and_retirement()
    {
        _openssl.Run("genpkey", "-algorithm", "ed25519", "-out", "signing.key.pem");
        using var store = KeyStore.Load(Options());
        var old = store.SigningKey!;
        var next = SigningKey.Create(SigningAlgorithm.Ed25519);
        store.AddSigningKey(next);
        Assert.Same(next, store.SigningKey);
        Assert.Equal([next.PublicKey, old.PublicKey], store.PublishedKeys);
        var verifier = new JwsVerifier(store.TrustStore);
        string oldToken = Jws.Sign(old, "x"u8);
        Assert.True(verifier.Verify(oldToken).IsValid);

        Assert.Throws<InvalidOperationException>(() => store.RetireKey(next.PublicKey.Thumbprint));
        Assert.True(store.RetireKey(old.PublicKey.Thumbprint));
        Assert.Equal(VerificationFailure.KeyNotFound, verifier.Verify(oldToken).Failure);
        Assert.Equal([next.PublicKey], store.PublishedKeys);
    }

    [Fact]
    public void Trusted_keys_from_the_environment_and_reloading_the_directory()
    {
        _openssl.Run("genpkey", "-algorithm", "ed25519", "-out", "signing.key.pem");
        using var envPeer = SigningKey.Create(SigningAlgorithm.Ed25519);
        using var filePeer = SigningKey.Create(SigningAlgorithm.Ed25519);
        using var filePeerNext = SigningKey.Create(SigningAlgorithm.Ed25519);
        _env["A2AGEN_TRUSTED_KEYS"] = $$"""{"env-peer":{{JsonWebKeySet.Create([envPeer.PublicKey]).ToJson()}}}""";
        Peer("file-peer", filePeer.PublicKey);

        using var store = KeyStore.Load(Options());
        Assert.Equal(["currency-agent", "env-peer", "file-peer"], store.TrustStore.AgentIds.Order());

        Peer("file-peer", filePeerNext.PublicKey);
        store.ReloadTrustedKeys();
        Assert.Equal(filePeerNext.PublicKey, Assert.Single(store.TrustStore.GetKeys("file-peer")).PublicKey);

        File.Delete(Path.Combine(Dir, "trusted", "file-peer.jwks.json"));
        store.ReloadTrustedKeys();
        Assert.Equal(["currency-agent", "env-peer"], store.TrustStore.AgentIds.Order());

        _env["A2AGEN_TRUSTED_KEYS"] = "{\"../x\":{\"keys\":[]}}";
        Assert.Contains("A2AGEN_TRUSTED_KEYS is invalid", Assert.Throws<KeyStoreException>(() => KeyStore.Load(Options())).Message);
    }
}
