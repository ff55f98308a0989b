using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace A2AGen.Security;

/// <summary>
/// A private signing key (shaped like NSec's <c>SigningKey</c>). The secret lives in libsodium secure memory (NSec) or a BCL key object and is
/// zeroed on <see cref="Dispose"/>; it can be exported only as <see cref="ExportPolicy"/> allows.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private readonly PrivateKeyMaterial _material;
    private int _exported;
    private volatile bool _disposed;

    private SigningKey(SigningAlgorithm algorithm, PrivateKeyMaterial material, byte[] publicKey, SigningKeyExportPolicies exportPolicy)
    {
        Algorithm = algorithm;
        _material = material;
        PublicKey = new VerificationKey(algorithm, publicKey);
        ExportPolicy = exportPolicy;
    }

    /// <summary>The algorithm this key signs with.</summary>
    public SigningAlgorithm Algorithm { get; }

    /// <summary>Whether and how often the secret may be exported.</summary>
    public SigningKeyExportPolicies ExportPolicy { get; }

    /// <summary>The matching public key.</summary>
    public VerificationKey PublicKey { get; }

    /// <summary>Generates a new key from the operating system's random number generator.</summary>
    /// <param name="algorithm">The algorithm.</param>
    /// <param name="creationParameters">Export policy.</param>
    public static SigningKey Create(SigningAlgorithm algorithm, in SigningKeyOptions creationParameters = default)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        algorithm.ThrowIfNotSupported();
        var material = algorithm.Generate(out var publicKey);
        return new SigningKey(algorithm, material, publicKey, creationParameters.ExportPolicy);
    }

    /// <summary>Imports a private key.</summary>
    /// <param name="algorithm">The key's algorithm.</param>
    /// <param name="blob">The encoded key (a text format holds PEM as ASCII; it must not be encrypted — see <see cref="ImportPem"/>).</param>
    /// <param name="format">A private key format.</param>
    /// <param name="creationParameters">Export policy.</param>
    /// <exception cref="FormatException">The blob is malformed or of another key type (the message says which).</exception>
    public static SigningKey Import(SigningAlgorithm algorithm, ReadOnlySpan<byte> blob, KeyFormat format, in SigningKeyOptions creationParameters = default)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        algorithm.ThrowIfNotSupported();
        switch (format)
        {
            case KeyFormat.RawPrivateKey:
                {
                    var material = algorithm.ImportRawPrivateKey(blob, out var publicKey);
                    return new SigningKey(algorithm, material, publicKey, creationParameters.ExportPolicy);
                }

            case KeyFormat.PkixPrivateKey:
                {
                    var der = GC.AllocateArray<byte>(blob.Length, pinned: true);
                    try
                    {
                        blob.CopyTo(der);
                        return FromPkcs8(algorithm, der, creationParameters.ExportPolicy);
                    }
                    finally
                    {
                        CryptographicOperations.ZeroMemory(der);
                    }
                }

            case KeyFormat.PkixPrivateKeyText:
                {
                    var text = new char[blob.Length];
                    try
                    {
                        Encoding.ASCII.GetChars(blob, text);
                        return ImportPem(text, default, algorithm, creationParameters);
                    }
                    finally
                    {
                        Array.Clear(text);
                    }
                }

            default:
                throw new ArgumentException($"{format} is not a private key format.", nameof(format));
        }
    }

    /// <summary>Imports a private key, or returns false when the blob is not a valid key of <paramref name="algorithm"/>.</summary>
    /// <param name="algorithm">The key's algorithm.</param>
    /// <param name="blob">The encoded key.</param>
    /// <param name="format">A private key format.</param>
    /// <param name="result">The key.</param>
    /// <param name="creationParameters">Export policy.</param>
    public static bool TryImport(SigningAlgorithm algorithm, ReadOnlySpan<byte> blob, KeyFormat format, [NotNullWhen(true)] out SigningKey? result, in SigningKeyOptions creationParameters = default)
    {
        try
        {
            result = Import(algorithm, blob, format, creationParameters);
            return true;
        }
        catch (FormatException)
        {
            result = null;
            return false;
        }
    }

    /// <summary>
    /// Reads a private key from PEM: PKCS#8 (<c>openssl genpkey</c>), encrypted PKCS#8 (<c>openssl pkcs8 -topk8</c>, PBES2)
    /// or SEC1 <c>EC PRIVATE KEY</c> (<c>openssl ecparam -genkey</c>), detecting Ed25519 or P-256.
    /// </summary>
    /// <param name="pem">PEM text.</param>
    /// <param name="password">The password of an encrypted key; empty for a plain one.</param>
    /// <param name="algorithm">The expected algorithm; null accepts either type.</param>
    /// <param name="creationParameters">Export policy.</param>
    /// <exception cref="FormatException">No key, an unsupported type or encryption, or a malformed key (the message says which).</exception>
    /// <exception cref="CryptographicException">The key is encrypted and the password is missing or wrong.</exception>
    public static SigningKey ImportPem(ReadOnlySpan<char> pem, ReadOnlySpan<char> password = default, SigningAlgorithm? algorithm = null, in SigningKeyOptions creationParameters = default)
    {
        var (label, der) = PemBlocks.ReadKeyBlock(pem, expectPrivate: true);
        byte[]? decrypted = null;
        try
        {
            switch (label)
            {
                case PemBlocks.EcPrivateKeyLabel:
                    {
                        algorithm ??= SigningAlgorithm.EcdsaP256Sha256;
                        VerificationKey.RequireKind(algorithm, KeyKind.EcP256);
                        var material = algorithm.ImportSec1(der, out var publicKey);
                        return new SigningKey(algorithm, material, publicKey, creationParameters.ExportPolicy);
                    }

                case PemBlocks.EncryptedPrivateKeyLabel:
                    if (password.IsEmpty)
                    {
                        throw new CryptographicException("The private key is encrypted and no password was given.");
                    }

                    decrypted = EncryptedPkcs8.Decrypt(der, password);
                    return FromPkcs8(algorithm, decrypted, creationParameters.ExportPolicy, afterDecryption: true);

                default:
                    return FromPkcs8(algorithm, der, creationParameters.ExportPolicy);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
            if (decrypted is not null)
            {
                CryptographicOperations.ZeroMemory(decrypted);
            }
        }
    }

    /// <summary>Exports the key. Private formats need an <see cref="ExportPolicy"/> that allows it; public formats never do.</summary>
    /// <param name="format">The format.</param>
    /// <exception cref="InvalidOperationException">The export policy forbids exporting the secret (again).</exception>
    public byte[] Export(KeyFormat format)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        switch (format)
        {
            case KeyFormat.RawPrivateKey:
                {
                    AllowSecretExport();
                    var raw = new byte[Algorithm.PrivateKeySize];
                    _material.ExportRaw(raw);
                    return raw;
                }

            case KeyFormat.PkixPrivateKey:
                AllowSecretExport();
                return Algorithm.ExportPkcs8(_material);

            case KeyFormat.PkixPrivateKeyText:
                return Encoding.ASCII.GetBytes(ExportPem());

            default:
                return PublicKey.Export(format);
        }
    }

    /// <summary>
    /// The key as PEM: plain PKCS#8 (<c>PRIVATE KEY</c>), or, with a password, PBES2-encrypted PKCS#8
    /// (<c>ENCRYPTED PRIVATE KEY</c>: PBKDF2-HMAC-SHA256, AES-256-CBC) that <c>openssl pkey</c> reads.
    /// </summary>
    /// <param name="password">Empty for an unencrypted key.</param>
    /// <param name="iterations">PBKDF2 iterations; 0 means the default (600,000).</param>
    /// <exception cref="InvalidOperationException">The export policy forbids exporting the secret (again).</exception>
    public string ExportPem(ReadOnlySpan<char> password = default, int iterations = 0)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        AllowSecretExport();
        var der = Algorithm.ExportPkcs8(_material);
        try
        {
            if (password.IsEmpty)
            {
                return PemBlocks.Write(PemBlocks.PrivateKeyLabel, der);
            }

            var encrypted = EncryptedPkcs8.Encrypt(der, password, iterations == 0 ? EncryptedPkcs8.DefaultIterations : iterations);
            return PemBlocks.Write(PemBlocks.EncryptedPrivateKeyLabel, encrypted);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    /// <summary>Zeroes and releases the secret.</summary>
    public void Dispose()
    {
        _disposed = true;
        _material.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Algorithm.Name} key {PublicKey.Thumbprint}";

    internal void SignCore(ReadOnlySpan<byte> data, Span<byte> signature)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _material.Sign(data, signature);
    }

    private static SigningKey FromPkcs8(SigningAlgorithm? algorithm, byte[] der, SigningKeyExportPolicies exportPolicy, bool afterDecryption = false)
    {
        KeyKind kind;
        try
        {
            kind = Pkcs8.ReadPrivateKeyKind(der);
        }
        catch (FormatException) when (afterDecryption)
        {
            // Padding checks pass by chance for about 1 in 256 wrong passwords; the content then is not PKCS#8.
            throw new CryptographicException("The private key could not be decrypted: the password is wrong (or the file is damaged).");
        }

        algorithm ??= VerificationKey.ForKind(kind);
        VerificationKey.RequireKind(algorithm, kind);
        algorithm.ThrowIfNotSupported();
        var material = algorithm.ImportPkcs8(der, out var publicKey);
        return new SigningKey(algorithm, material, publicKey, exportPolicy);
    }

    private void AllowSecretExport()
    {
        if ((ExportPolicy & SigningKeyExportPolicies.AllowPlaintextExport) != 0)
        {
            return;
        }

        if ((ExportPolicy & SigningKeyExportPolicies.AllowPlaintextArchiving) == 0)
        {
            throw new InvalidOperationException("The key's export policy does not allow exporting the private key.");
        }

        if (Interlocked.Exchange(ref _exported, 1) != 0)
        {
            throw new InvalidOperationException("The key was already archived once; its export policy allows a single export.");
        }
    }
}
