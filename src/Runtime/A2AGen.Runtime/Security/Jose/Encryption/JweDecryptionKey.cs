using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NSec.Cryptography;

namespace A2AGen.Security;

/// <summary>A private JWE recipient key (X25519 or P-256) and its public <see cref="JweEncryptionKey"/>.</summary>
public sealed class JweDecryptionKey : IDisposable
{
    private readonly bool allowExport;

    private JweDecryptionKey(JweKeyType keyType, Key? x25519, ECDiffieHellman? p256, bool allowExport)
    {
        KeyType = keyType;
        this.allowExport = allowExport;
        X25519Key = x25519;
        P256Key = p256;
        PublicKey = keyType == JweKeyType.X25519
            ? new JweEncryptionKey(keyType, x25519!.PublicKey.Export(KeyBlobFormat.RawPublicKey))
            : new JweEncryptionKey(keyType, ExportPoint(p256!));
    }

    /// <summary>The curve.</summary>
    public JweKeyType KeyType { get; }

    /// <summary>The public key to publish (JWK with <c>use: "enc"</c>).</summary>
    public JweEncryptionKey PublicKey { get; }

    internal Key? X25519Key { get; }

    internal ECDiffieHellman? P256Key { get; }

    /// <summary>Creates a new random key.</summary>
    /// <param name="keyType">The curve.</param>
    /// <param name="allowExport">Whether <see cref="ExportPrivateJwk"/> may be used (for key files and tests).</param>
    public static JweDecryptionKey Generate(JweKeyType keyType, bool allowExport = false) => keyType switch
    {
        JweKeyType.X25519 => new JweDecryptionKey(keyType, Key.Create(KeyAgreementAlgorithm.X25519, Parameters(allowExport)), null, allowExport),
        JweKeyType.P256 => new JweDecryptionKey(keyType, null, ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256), allowExport),
        _ => throw new ArgumentOutOfRangeException(nameof(keyType)),
    };

    /// <summary>Imports a private JWK (with <c>d</c>), checking that its public members belong to it.</summary>
    /// <param name="utf8Json">The JWK as UTF-8 JSON.</param>
    /// <param name="allowExport">Whether <see cref="ExportPrivateJwk"/> may be used.</param>
    /// <exception cref="FormatException">The JWK is malformed, public only, or inconsistent.</exception>
    public static JweDecryptionKey ImportPrivateJwk(ReadOnlySpan<byte> utf8Json, bool allowExport = false)
    {
        using var document = StrictJson.Parse(utf8Json, "JWK");
        var expected = JweEncryptionKey.Parse(document.RootElement, allowPrivate: true);
        string dText = StrictJson.OptionalString(document.RootElement, "d", "JWK") ?? throw new FormatException("The JWK has no private member 'd'.");
        if (!StrictBase64Url.TryDecode(dText, out var d) || d.Length != 32)
        {
            throw new FormatException("The JWK member 'd' must be 32 bytes of canonical unpadded base64url.");
        }

        try
        {
            JweDecryptionKey key;
            if (expected.KeyType == JweKeyType.X25519)
            {
                key = new JweDecryptionKey(JweKeyType.X25519, Key.Import(KeyAgreementAlgorithm.X25519, d, KeyBlobFormat.RawPrivateKey, Parameters(allowExport)), null, allowExport);
            }
            else
            {
                try
                {
                    key = new JweDecryptionKey(JweKeyType.P256, null, KeyAgreement.ImportP256(expected.RawBytes, d), allowExport);
                }
                catch (CryptographicException e)
                {
                    throw new FormatException("The JWK's public members do not belong to its private key.", e);
                }
            }

            if (key.PublicKey.Thumbprint != expected.Thumbprint)
            {
                key.Dispose();
                throw new FormatException("The JWK's public members do not belong to its private key.");
            }

            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
    }

    /// <summary>The private JWK (with <c>d</c>). Only for keys created with export allowed; the caller protects the text.</summary>
    /// <exception cref="InvalidOperationException">The key does not allow export.</exception>
    public string ExportPrivateJwk()
    {
        if (!allowExport)
        {
            throw new InvalidOperationException("This key does not allow export.");
        }

        byte[] d = KeyType == JweKeyType.X25519
            ? X25519Key!.Export(KeyBlobFormat.RawPrivateKey)
            : P256Key!.ExportParameters(includePrivateParameters: true).D!;

        try
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                PublicKey.WriteMembers(writer);
                writer.WriteString("d", StrictBase64Url.Encode(d));
                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        X25519Key?.Dispose();
        P256Key?.Dispose();
    }

    private static KeyCreationParameters Parameters(bool allowExport) =>
        new() { ExportPolicy = allowExport ? KeyExportPolicies.AllowPlaintextExport : KeyExportPolicies.None };

    private static byte[] ExportPoint(ECDiffieHellman ecdh)
    {
        var q = ecdh.ExportParameters(includePrivateParameters: false).Q;
        var point = new byte[65];
        point[0] = 0x04;
        q.X!.CopyTo(point, 1);
        q.Y!.CopyTo(point, 33);
        return point;
    }
}
