namespace A2AGen.Security;

/// <summary>
/// A digital signature algorithm, shaped like NSec's <c>SigningAlgorithm</c>: <see cref="Ed25519"/> (JWS
/// <c>EdDSA</c>) and <see cref="EcdsaP256Sha256"/> (JWS <c>ES256</c>). Keys are bound to the algorithm that created
/// them; public keys of the same type verify under any instance of it.
/// </summary>
public abstract class SigningAlgorithm
{
    private protected SigningAlgorithm(string name, string jwsAlgorithm, string jwkKeyType, string jwkCurve, int privateKeySize, int publicKeySize, int signatureSize)
    {
        Name = name;
        JwsAlgorithm = jwsAlgorithm;
        JwkKeyType = jwkKeyType;
        JwkCurve = jwkCurve;
        PrivateKeySize = privateKeySize;
        PublicKeySize = publicKeySize;
        SignatureSize = signatureSize;
    }

    /// <summary>Ed25519 (RFC 8032, JWS <c>EdDSA</c>) through NSec.</summary>
    public static Ed25519SigningAlgorithm Ed25519 => Ed25519SigningAlgorithm.Default;

    /// <summary>ECDSA on P-256 with SHA-256 and IEEE P1363 <c>r‖s</c> signatures (JWS <c>ES256</c>), through the BCL.</summary>
    public static EcdsaP256SigningAlgorithm EcdsaP256Sha256 { get; } = new();

    /// <summary>A short name (<c>Ed25519</c>, <c>ECDSA-P256-SHA256</c>).</summary>
    public string Name { get; }

    /// <summary>The JWS <c>alg</c> value (<c>EdDSA</c> or <c>ES256</c>).</summary>
    public string JwsAlgorithm { get; }

    /// <summary>The JWK <c>kty</c> value (<c>OKP</c> or <c>EC</c>).</summary>
    public string JwkKeyType { get; }

    /// <summary>The JWK <c>crv</c> value (<c>Ed25519</c> or <c>P-256</c>).</summary>
    public string JwkCurve { get; }

    /// <summary>Size of a raw private key in bytes.</summary>
    public int PrivateKeySize { get; }

    /// <summary>Size of a raw public key in bytes (65 for an uncompressed P-256 point).</summary>
    public int PublicKeySize { get; }

    /// <summary>Size of a signature in bytes.</summary>
    public int SignatureSize { get; }

    /// <summary>Whether this algorithm works on this machine; when false, every operation throws <see cref="PlatformNotSupportedException"/>.</summary>
    public abstract bool IsSupported { get; }

    internal abstract KeyKind Kind { get; }

    /// <summary>The algorithm for a JWS <c>alg</c> value, or null for anything else (including <c>none</c> and HMAC).</summary>
    /// <param name="jwsAlgorithm">The <c>alg</c> header value.</param>
    public static SigningAlgorithm? FromJwsAlgorithm(string? jwsAlgorithm) => jwsAlgorithm switch
    {
        "EdDSA" => Ed25519,
        "ES256" => EcdsaP256Sha256,
        _ => null,
    };

    /// <summary>Signs <paramref name="data"/>.</summary>
    /// <param name="key">A key of this algorithm.</param>
    /// <param name="data">The data to sign.</param>
    public byte[] Sign(SigningKey key, ReadOnlySpan<byte> data)
    {
        var signature = new byte[SignatureSize];
        Sign(key, data, signature);
        return signature;
    }

    /// <summary>Signs <paramref name="data"/> into <paramref name="signature"/>, which must be <see cref="SignatureSize"/> bytes.</summary>
    /// <param name="key">A key of this algorithm.</param>
    /// <param name="data">The data to sign.</param>
    /// <param name="signature">Receives the signature.</param>
    public void Sign(SigningKey key, ReadOnlySpan<byte> data, Span<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!ReferenceEquals(key.Algorithm, this))
        {
            throw new ArgumentException($"The key is a {key.Algorithm.Name} key of another instance; sign with key.Algorithm.", nameof(key));
        }

        if (signature.Length != SignatureSize)
        {
            throw new ArgumentException($"The signature buffer must be {SignatureSize} bytes.", nameof(signature));
        }

        key.SignCore(data, signature);
    }

    /// <summary>
    /// Whether <paramref name="signature"/> is a valid signature of <paramref name="data"/> by <paramref name="publicKey"/>.
    /// Malformed signatures (wrong length, non-canonical) give false.
    /// </summary>
    /// <param name="publicKey">A public key of this algorithm's type.</param>
    /// <param name="data">The signed data.</param>
    /// <param name="signature">The signature.</param>
    public bool Verify(VerificationKey publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        if (publicKey.Algorithm.Kind != Kind)
        {
            throw new ArgumentException($"The public key is a {publicKey.Algorithm.Name} key, not {Name}.", nameof(publicKey));
        }

        ThrowIfNotSupported();
        return signature.Length == SignatureSize && VerifyCore(publicKey, data, signature);
    }

    /// <inheritdoc />
    public override string ToString() => Name;

    internal abstract void ThrowIfNotSupported();

    internal abstract PrivateKeyMaterial Generate(out byte[] publicKey);

    internal abstract PrivateKeyMaterial ImportRawPrivateKey(ReadOnlySpan<byte> raw, out byte[] publicKey);

    internal abstract PrivateKeyMaterial ImportPkcs8(ReadOnlyMemory<byte> der, out byte[] publicKey);

    internal virtual PrivateKeyMaterial ImportSec1(ReadOnlyMemory<byte> der, out byte[] publicKey) =>
        throw new FormatException($"An 'EC PRIVATE KEY' is not a {Name} key.");

    /// <summary>DER PKCS#8 in a pinned array the caller zeroes.</summary>
    internal abstract byte[] ExportPkcs8(PrivateKeyMaterial material);

    /// <summary>Throws <see cref="FormatException"/> unless <paramref name="raw"/> is an acceptable public key.</summary>
    internal abstract void CheckPublicKey(ReadOnlySpan<byte> raw);

    private protected abstract bool VerifyCore(VerificationKey publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature);
}
