using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace A2AGen.Security;

/// <summary>
/// A public key of a <see cref="SigningAlgorithm"/>, validated on import: Ed25519 keys must be canonical points of
/// large order, P-256 keys points on the curve. Immutable and safe to share; equal when type and bytes are equal.
/// </summary>
public sealed class VerificationKey : IEquatable<VerificationKey>
{
    private readonly byte[] _bytes;
    private object? _native;
    private string? _thumbprint;

    internal VerificationKey(SigningAlgorithm algorithm, byte[] bytes)
    {
        Algorithm = algorithm;
        _bytes = bytes;
    }

    /// <summary>The algorithm the key belongs to.</summary>
    public SigningAlgorithm Algorithm { get; }

    /// <summary>The size of the raw key in bytes.</summary>
    public int Size => _bytes.Length;

    /// <summary>The RFC 7638 JWK SHA-256 thumbprint, base64url: A2AGen's default <c>kid</c>.</summary>
    public string Thumbprint => _thumbprint ??= JsonWebKey.ComputeThumbprint(this);

    internal ReadOnlySpan<byte> RawBytes => _bytes;

    /// <summary>Imports a public key.</summary>
    /// <param name="algorithm">The key's algorithm.</param>
    /// <param name="blob">The encoded key.</param>
    /// <param name="format">A public key format.</param>
    /// <exception cref="FormatException">The blob is malformed, of another key type, or not an acceptable key (says which).</exception>
    public static VerificationKey Import(SigningAlgorithm algorithm, ReadOnlySpan<byte> blob, KeyFormat format)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        algorithm.ThrowIfNotSupported();
        byte[] raw;
        switch (format)
        {
            case KeyFormat.RawPublicKey:
                raw = blob.ToArray();
                break;

            case KeyFormat.PkixPublicKey:
                raw = Pkcs8.ReadPublicKey(blob.ToArray(), out var kind);
                RequireKind(algorithm, kind);
                break;

            case KeyFormat.PkixPublicKeyText:
                return ImportPem(Encoding.ASCII.GetString(blob), algorithm);

            default:
                throw new ArgumentException($"{format} is not a public key format.", nameof(format));
        }

        algorithm.CheckPublicKey(raw);
        return new VerificationKey(algorithm, raw);
    }

    /// <summary>Imports a public key, or returns false when the blob is not an acceptable key of <paramref name="algorithm"/>.</summary>
    /// <param name="algorithm">The key's algorithm.</param>
    /// <param name="blob">The encoded key.</param>
    /// <param name="format">A public key format.</param>
    /// <param name="result">The key.</param>
    public static bool TryImport(SigningAlgorithm algorithm, ReadOnlySpan<byte> blob, KeyFormat format, [NotNullWhen(true)] out VerificationKey? result)
    {
        try
        {
            result = Import(algorithm, blob, format);
            return true;
        }
        catch (FormatException)
        {
            result = null;
            return false;
        }
    }

    /// <summary>Reads a <c>PUBLIC KEY</c> PEM block (<c>openssl pkey -pubout</c>), detecting the key type.</summary>
    /// <param name="pem">PEM text.</param>
    /// <param name="algorithm">The expected algorithm; null accepts Ed25519 and P-256.</param>
    /// <exception cref="FormatException">No public key, an unsupported type, or not an acceptable key (says which).</exception>
    public static VerificationKey ImportPem(ReadOnlySpan<char> pem, SigningAlgorithm? algorithm = null)
    {
        var (_, der) = PemBlocks.ReadKeyBlock(pem, expectPrivate: false);
        var raw = Pkcs8.ReadPublicKey(der, out var kind);
        algorithm ??= ForKind(kind);
        RequireKind(algorithm, kind);
        algorithm.ThrowIfNotSupported();
        algorithm.CheckPublicKey(raw);
        return new VerificationKey(algorithm, raw);
    }

    /// <summary>Exports the key.</summary>
    /// <param name="format">A public key format.</param>
    public byte[] Export(KeyFormat format) => format switch
    {
        KeyFormat.RawPublicKey => (byte[])_bytes.Clone(),
        KeyFormat.PkixPublicKey => Pkcs8.WritePublicKey(Algorithm.Kind, _bytes),
        KeyFormat.PkixPublicKeyText => Encoding.ASCII.GetBytes(ExportPem()),
        _ => throw new ArgumentException($"{format} is not a public key format.", nameof(format)),
    };

    /// <summary>The key as a <c>PUBLIC KEY</c> PEM block (what <c>openssl pkey -pubout</c> writes).</summary>
    public string ExportPem() => PemBlocks.Write(PemBlocks.PublicKeyLabel, Pkcs8.WritePublicKey(Algorithm.Kind, _bytes));

    /// <inheritdoc />
    public bool Equals(VerificationKey? other) =>
        other is not null && other.Algorithm.Kind == Algorithm.Kind && other._bytes.AsSpan().SequenceEqual(_bytes);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as VerificationKey);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Algorithm.Kind);
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => $"{Algorithm.Name} public key {Thumbprint}";

    internal static SigningAlgorithm ForKind(KeyKind kind) =>
        kind == KeyKind.Ed25519 ? SigningAlgorithm.Ed25519 : SigningAlgorithm.EcdsaP256Sha256;

    internal static void RequireKind(SigningAlgorithm algorithm, KeyKind kind)
    {
        if (algorithm.Kind != kind)
        {
            throw new FormatException($"The key is {(kind == KeyKind.Ed25519 ? "an Ed25519" : "a P-256")} key, but {algorithm.Name} was expected.");
        }
    }

    /// <summary>The prepared form of this key (NSec <c>VerificationKey</c>, <see cref="System.Security.Cryptography.ECDsa"/> pool), created once.</summary>
    internal T GetOrCreateNativeKey<T>(Func<VerificationKey, T> factory)
        where T : class
    {
        if (Volatile.Read(ref _native) is T existing)
        {
            return existing;
        }

        var created = factory(this);
        var winner = Interlocked.CompareExchange(ref _native, created, null);
        if (winner is null)
        {
            return created;
        }

        (created as IDisposable)?.Dispose();
        return winner as T ?? created;
    }
}
