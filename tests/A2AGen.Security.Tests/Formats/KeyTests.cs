using A2AGen.Security.Tests.Support;

namespace A2AGen.Security.Tests.Formats;

/// <summary>Export policies, raw/DER/PEM round trips and malformed input.</summary>
public sealed class KeyTests
{
    public static TheoryData<string> Algorithms() => ["ed25519", "p256"];

    private static SignatureAlgorithm Algorithm(string name) =>
        name == "ed25519" ? SignatureAlgorithm.Ed25519 : SignatureAlgorithm.EcdsaP256Sha256;

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Secret_export_obeys_the_export_policy(string name)
    {
        var algorithm = Algorithm(name);
        using (var locked = Key.Create(algorithm))
        {
            Assert.Throws<InvalidOperationException>(() => locked.Export(KeyBlobFormat.RawPrivateKey));
            Assert.Throws<InvalidOperationException>(() => locked.ExportPem());
            Assert.NotEmpty(locked.Export(KeyBlobFormat.PkixPublicKey));
        }

        using (var once = Key.Create(algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextArchiving }))
        {
            Assert.NotEmpty(once.Export(KeyBlobFormat.PkixPrivateKey));
            Assert.Throws<InvalidOperationException>(() => once.Export(KeyBlobFormat.PkixPrivateKey));
        }
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Every_format_round_trips(string name)
    {
        var algorithm = Algorithm(name);
        using var key = Key.Create(algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        foreach (var format in new[] { KeyBlobFormat.RawPrivateKey, KeyBlobFormat.PkixPrivateKey, KeyBlobFormat.PkixPrivateKeyText })
        {
            using var again = Key.Import(algorithm, key.Export(format), format);
            Assert.Equal(key.PublicKey, again.PublicKey);
            Assert.True(algorithm.Verify(key.PublicKey, "m"u8, algorithm.Sign(again, "m"u8)));
        }

        foreach (var format in new[] { KeyBlobFormat.RawPublicKey, KeyBlobFormat.PkixPublicKey, KeyBlobFormat.PkixPublicKeyText })
        {
            Assert.Equal(key.PublicKey, PublicKey.Import(algorithm, key.PublicKey.Export(format), format));
        }

        using var fromEncrypted = Key.ImportPem(key.ExportPem("pw", iterations: 1000), "pw", algorithm);
        Assert.Equal(key.PublicKey, fromEncrypted.PublicKey);
    }

    [Fact]
    public void Disposed_key_cannot_sign()
    {
        var key = Key.Create(SignatureAlgorithm.Ed25519);
        key.Dispose();
        Assert.Throws<ObjectDisposedException>(() => SignatureAlgorithm.Ed25519.Sign(key, "x"u8));
    }

    [Fact]
    public void Wrong_type_and_malformed_input_say_what_is_wrong()
    {
        using var ec = Key.Create(SignatureAlgorithm.EcdsaP256Sha256, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        var mismatch = Assert.Throws<FormatException>(() => Key.Import(SignatureAlgorithm.Ed25519, ec.Export(KeyBlobFormat.PkixPrivateKey), KeyBlobFormat.PkixPrivateKey));
        Assert.Contains("P-256", mismatch.Message);

        Assert.Throws<FormatException>(() => Key.Import(SignatureAlgorithm.Ed25519, new byte[31], KeyBlobFormat.RawPrivateKey));
        Assert.Throws<FormatException>(() => Key.Import(SignatureAlgorithm.Ed25519, [0x30, 0x03, 0x02, 0x01], KeyBlobFormat.PkixPrivateKey));
        Assert.Contains("No private key", Assert.Throws<FormatException>(() => Key.ImportPem("not a pem")).Message);
        Assert.Contains("more than one key", Assert.Throws<FormatException>(() => Key.ImportPem(ec.ExportPem() + ec.ExportPem())).Message);
        Assert.False(Key.TryImport(SignatureAlgorithm.Ed25519, new byte[3], KeyBlobFormat.PkixPrivateKey, out _));
    }
}
