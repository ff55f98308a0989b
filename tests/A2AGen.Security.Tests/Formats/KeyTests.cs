using A2AGen.Security.Tests.Support;

namespace A2AGen.Security.Tests.Formats;

/// <summary>Export policies, raw/DER/PEM round trips and malformed input.</summary>
public sealed class KeyTests
{
    public static TheoryData<string> Algorithms() => ["ed25519", "p256"];

    private static SigningAlgorithm Algorithm(string name) =>
        name == "ed25519" ? SigningAlgorithm.Ed25519 : SigningAlgorithm.EcdsaP256Sha256;

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Secret_export_obeys_the_export_policy(string name)
    {
        var algorithm = Algorithm(name);
        using (var locked = SigningKey.Create(algorithm))
        {
            Assert.Throws<InvalidOperationException>(() => locked.Export(KeyFormat.RawPrivateKey));
            Assert.Throws<InvalidOperationException>(() => locked.ExportPem());
            Assert.NotEmpty(locked.Export(KeyFormat.PkixPublicKey));
        }

        using (var once = SigningKey.Create(algorithm, new SigningKeyOptions { ExportPolicy = SigningKeyExportPolicies.AllowPlaintextArchiving }))
        {
            Assert.NotEmpty(once.Export(KeyFormat.PkixPrivateKey));
            Assert.Throws<InvalidOperationException>(() => once.Export(KeyFormat.PkixPrivateKey));
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Every_format_round_trips(string name)
    {
        var algorithm = Algorithm(name);
        using var key = SigningKey.Create(algorithm, new SigningKeyOptions { ExportPolicy = SigningKeyExportPolicies.AllowPlaintextExport });
        foreach (var format in new[] { KeyFormat.RawPrivateKey, KeyFormat.PkixPrivateKey, KeyFormat.PkixPrivateKeyText })
        {
            using var again = SigningKey.Import(algorithm, key.Export(format), format);
            Assert.Equal(key.PublicKey, again.PublicKey);
            Assert.True(algorithm.Verify(key.PublicKey, "m"u8, algorithm.Sign(again, "m"u8)));
        }

        foreach (var format in new[] { KeyFormat.RawPublicKey, KeyFormat.PkixPublicKey, KeyFormat.PkixPublicKeyText })
        {
            Assert.Equal(key.PublicKey, VerificationKey.Import(algorithm, key.PublicKey.Export(format), format));
        }

        using var fromEncrypted = SigningKey.ImportPem(key.ExportPem("pw", iterations: 1000), "pw", algorithm);
        Assert.Equal(key.PublicKey, fromEncrypted.PublicKey);
    }

    [Fact]
    public void Disposed_key_cannot_sign()
    {
        var key = SigningKey.Create(SigningAlgorithm.Ed25519);
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => SigningAlgorithm.Ed25519.Sign(key, "x"u8));
    }

    [Fact]
    public void Wrong_type_and_malformed_input_say_what_is_wrong()
    {
        using var ec = SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256, new SigningKeyOptions { ExportPolicy = SigningKeyExportPolicies.AllowPlaintextExport });
        var mismatch = Assert.Throws<FormatException>(() => SigningKey.Import(SigningAlgorithm.Ed25519, ec.Export(KeyFormat.PkixPrivateKey), KeyFormat.PkixPrivateKey));
        Assert.Contains("P-256", mismatch.Message);

        Assert.Throws<FormatException>(() => SigningKey.Import(SigningAlgorithm.Ed25519, new byte[31], KeyFormat.RawPrivateKey));
        Assert.Throws<FormatException>(() => SigningKey.Import(SigningAlgorithm.Ed25519, [0x30, 0x03, 0x02, 0x01], KeyFormat.PkixPrivateKey));
        Assert.Contains("No private key", Assert.Throws<FormatException>(() => SigningKey.ImportPem("not a pem")).Message);
        Assert.Contains("more than one key", Assert.Throws<FormatException>(() => SigningKey.ImportPem(ec.ExportPem() + ec.ExportPem())).Message);
        Assert.False(SigningKey.TryImport(SigningAlgorithm.Ed25519, new byte[3], KeyFormat.PkixPrivateKey, out _));
    }
}
