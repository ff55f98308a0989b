using A2AGen.Cli.Tests.Infrastructure;
using A2AGen.Security;

namespace A2AGen.Cli.Tests;

/// <summary><c>a2agen keys gen</c>: files in the key-directory layout that openssl and the runtime read, owner-only, never overwritten by accident.</summary>
public sealed class KeysGenTests
{
    [Theory]
    [InlineData("ed25519", "ED25519 Private-Key", "EdDSA")]
    [InlineData("es256", "Private-Key: (256 bit)", "ES256")]
    public async Task Writes_a_pkcs8_key_and_its_spki_public_key_that_openssl_reads(string algorithm, string opensslText, string jwsAlgorithm)
    {
        using var temp = new TempDirectory();
        string directory = temp["keys"];
        var run = await Tool.RunAsync("keys", "gen", "--alg", algorithm, "--out", directory);

        Assert.Equal(0, run.ExitCode);
        string keyPath = Path.Combine(directory, "signing.key.pem");
        string publicPath = Path.Combine(directory, "signing.pub.pem");
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(keyPath));
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", File.ReadAllText(publicPath));

        // openssl reads the private key, and derives exactly the public key the tool wrote.
        Assert.Contains(opensslText, await Processes.OpenSslAsync("pkey", "-in", keyPath, "-noout", "-text"));
        string derived = await Processes.OpenSslAsync("pkey", "-in", keyPath, "-pubout");
        Assert.Equal(File.ReadAllText(publicPath).Trim(), derived.Trim());

        // The runtime agrees, and the printed kid is the RFC 7638 thumbprint.
        using var key = SigningKey.ImportPem(File.ReadAllText(keyPath));
        Assert.Equal(jwsAlgorithm, key.Algorithm.JwsAlgorithm);
        Assert.Contains($"kid          {key.PublicKey.Thumbprint}", run.Output);
    }

    [Fact]
    public async Task Key_file_is_owner_only_and_a_new_directory_is_private()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes only
        }

        using var temp = new TempDirectory();
        string directory = temp["fresh/keys"];
        Assert.Equal(0, (await Tool.RunAsync("keys", "gen", "--out", directory)).ExitCode);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, "signing.key.pem")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(directory));
        Assert.Empty(Directory.GetFiles(directory, "*.tmp*"));
        Assert.Equal(["signing.key.pem", "signing.pub.pem"], Directory.GetFiles(directory).Select(f => Path.GetFileName(f)!).Order().ToArray());
    }

    [Fact]
    public async Task Encrypts_with_the_password_from_the_environment_and_openssl_decrypts_it()
    {
        using var temp = new TempDirectory();
        var run = await Tool.RunAsync(["keys", "gen", "--out", temp.Path, "--encrypt"], new Dictionary<string, string> { ["A2AGEN_KEY_PASSWORD"] = "correct horse" });

        Assert.Equal(0, run.ExitCode);
        string keyPath = temp["signing.key.pem"];
        Assert.StartsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----", File.ReadAllText(keyPath));
        Assert.DoesNotContain("correct horse", run.Output + run.Error);
        Assert.Contains("ED25519 Private-Key", await Processes.OpenSslAsync("pkey", "-in", keyPath, "-passin", "pass:correct horse", "-noout", "-text"));
        var wrong = await Processes.RunAsync("openssl", ["pkey", "-in", keyPath, "-passin", "pass:wrong", "-noout"]);
        Assert.NotEqual(0, wrong.ExitCode);
    }

    [Fact]
    public async Task Asks_for_the_password_twice_when_typed()
    {
        using var temp = new TempDirectory();
        var run = await Tool.RunAsync(["keys", "gen", "--out", temp.Path, "--encrypt"], new Dictionary<string, string>(), typedSecrets: ["s3cret!", "s3cret!"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("New key password:", run.Error);
        Assert.Contains("Repeat the password:", run.Error);
        Assert.DoesNotContain("s3cret!", run.Output + run.Error);
        using var key = SigningKey.ImportPem(File.ReadAllText(temp["signing.key.pem"]), "s3cret!");
    }

    [Theory]
    [InlineData(new[] { "one", "two" }, "KEY_PASSWORD_MISMATCH", "the two passwords differ")]
    [InlineData(new[] { "" }, "KEY_PASSWORD_REQUIRED", "the password is empty")]
    [InlineData(new string[0], "KEY_PASSWORD_REQUIRED", "set A2AGEN_KEY_PASSWORD")]
    public async Task Refuses_a_bad_or_missing_password_and_writes_nothing(string[] typed, string code, string message)
    {
        using var temp = new TempDirectory();
        var run = await Tool.RunAsync(["keys", "gen", "--out", temp["keys"], "--encrypt", "--json"], new Dictionary<string, string>(), typedSecrets: typed);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, Tool.SingleErrorLine(run));
        Assert.Equal(code, run.Json.GetProperty("error").GetProperty("code").GetString());
        Assert.False(File.Exists(temp["keys/signing.key.pem"]));
    }

    [Fact]
    public async Task Refuses_to_overwrite_without_force_and_replaces_with_it()
    {
        using var temp = new TempDirectory();
        Assert.Equal(0, (await Tool.RunAsync("keys", "gen", "--out", temp.Path)).ExitCode);
        string before = File.ReadAllText(temp["signing.key.pem"]);

        var refused = await Tool.RunAsync("keys", "gen", "--out", temp.Path);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("already exists", Tool.SingleErrorLine(refused));
        Assert.Contains("--force", refused.Error);
        Assert.Equal(before, File.ReadAllText(temp["signing.key.pem"]));

        // Only the public file left behind still counts as a key in the way.
        File.Delete(temp["signing.key.pem"]);
        Assert.Equal(1, (await Tool.RunAsync("keys", "gen", "--out", temp.Path)).ExitCode);

        var forced = await Tool.RunAsync("keys", "gen", "--out", temp.Path, "--force");
        Assert.Equal(0, forced.ExitCode);
        Assert.NotEqual(before, File.ReadAllText(temp["signing.key.pem"]));
    }

    [Fact]
    public async Task Defaults_to_the_key_directory_from_the_environment()
    {
        using var temp = new TempDirectory();
        var run = await Tool.RunAsync(["keys", "gen", "--json"], new Dictionary<string, string> { ["A2AGEN_KEYS_DIR"] = temp["from-env"] });

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(Path.Combine(temp["from-env"], "signing.key.pem"), run.Json.GetProperty("privateKeyFile").GetString());
        Assert.True(File.Exists(temp["from-env/signing.pub.pem"]));
    }

    [Fact]
    public async Task Json_result_carries_kid_and_public_jwk_only()
    {
        using var temp = new TempDirectory();
        var run = await Tool.RunAsync("keys", "gen", "--out", temp.Path, "--alg", "ES256", "--json");

        Assert.Equal(0, run.ExitCode);
        var json = run.Json;
        var jwk = JsonWebKey.Parse(System.Text.Encoding.UTF8.GetBytes(json.GetProperty("jwk").GetRawText()));
        Assert.Equal(jwk.Thumbprint, json.GetProperty("kid").GetString());
        Assert.Equal("ES256", json.GetProperty("algorithm").GetString());
        Assert.False(json.GetProperty("encrypted").GetBoolean());
        Assert.False(json.GetProperty("jwk").TryGetProperty("d", out _));
        using var key = SigningKey.ImportPem(File.ReadAllText(temp["signing.key.pem"]));
        Assert.Equal(key.PublicKey, jwk.PublicKey);
    }

    [Fact]
    public async Task Refuses_a_file_where_the_directory_should_be_and_an_unknown_algorithm()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp["not-a-dir"], "x");
        var file = await Tool.RunAsync("keys", "gen", "--out", temp["not-a-dir"]);
        Assert.Equal(1, file.ExitCode);
        Assert.Contains("is a file", Tool.SingleErrorLine(file));

        var algorithm = await Tool.RunAsync("keys", "gen", "--out", temp.Path, "--alg", "rsa");
        Assert.Equal(2, algorithm.ExitCode);
        Assert.Contains("rsa", Tool.SingleErrorLine(algorithm));
    }

    [Theory]
    [InlineData("x25519", JweKeyType.X25519)]
    [InlineData("p256", JweKeyType.P256)]
    public async Task Encryption_keys_are_written_owner_only_and_rotated_into_retired(string curve, JweKeyType keyType)
    {
        using var temp = new TempDirectory();
        string directory = temp["keys"];
        var first = await Tool.RunAsync("keys", "gen", "--encryption", curve, "--out", directory);
        Assert.Equal(0, first.ExitCode);
        string keyPath = Path.Combine(directory, KeyStore.EncryptionKeyFile);
        using var key = JweDecryptionKey.ImportPrivateJwk(File.ReadAllBytes(keyPath));
        Assert.Equal(keyType, key.KeyType);
        Assert.Contains($"kid          {key.PublicKey.Thumbprint}", first.Output);
        Assert.False(File.Exists(Path.Combine(directory, KeyStore.SigningKeyFile)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        }

        // Again: the old key is kept in retired/ (it still decrypts), the new one is published.
        var second = await Tool.RunAsync("keys", "gen", "--encryption", curve, "--out", directory);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("the previous one is in retired/", second.Output);
        Assert.True(File.Exists(Path.Combine(directory, KeyStore.RetiredFolder, key.PublicKey.Thumbprint + KeyStore.RetiredEncryptionKeySuffix)));
        using var store = KeyStore.Load(new KeyStoreOptions { AgentId = "vault-agent", KeysDirectory = directory, RequireSigningKey = false, GetEnvironmentVariable = _ => null });
        Assert.Equal(2, store.DecryptionKeys.Count);
        Assert.NotEqual(key.PublicKey.Thumbprint, store.EncryptionKey!.PublicKey.Thumbprint);

        var refused = await Tool.RunAsync("keys", "gen", "--encryption", curve, "--encrypt", "--out", directory);
        Assert.NotEqual(0, refused.ExitCode);
    }
}
