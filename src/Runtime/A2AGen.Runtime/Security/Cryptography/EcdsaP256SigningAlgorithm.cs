using System.Security.Cryptography;

namespace A2AGen.Security;

/// <summary>
/// ECDSA on P-256 with SHA-256 (JWS <c>ES256</c>) through the BCL <see cref="ECDsa"/>. Signatures are IEEE P1363
/// <c>r‖s</c> (64 bytes). High-S signatures are accepted, as RFC 7518 requires. Imported public keys keep ready
/// <see cref="ECDsa"/> instances, so verification never re-imports the key.
/// </summary>
public sealed class EcdsaP256SigningAlgorithm : SigningAlgorithm
{
    internal EcdsaP256SigningAlgorithm()
        : base("ECDSA-P256-SHA256", "ES256", "EC", "P-256", 32, 65, 64)
    {
    }

    /// <inheritdoc />
    public override bool IsSupported => true;

    internal override KeyKind Kind => KeyKind.EcP256;

    internal override void ThrowIfNotSupported()
    {
    }

    internal override PrivateKeyMaterial Generate(out byte[] publicKey)
    {
        var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Wrap(ecdsa, out publicKey);
    }

    internal override PrivateKeyMaterial ImportRawPrivateKey(ReadOnlySpan<byte> raw, out byte[] publicKey)
    {
        if (raw.Length != 32)
        {
            throw new FormatException($"A P-256 private key is a 32-byte scalar, not {raw.Length} bytes.");
        }

        var d = GC.AllocateArray<byte>(32, pinned: true);
        raw.CopyTo(d);
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportParameters(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
        }
        catch (CryptographicException e)
        {
            ecdsa.Dispose();
            throw new FormatException("The P-256 private key is not a valid scalar.", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(d);
        }

        return Wrap(ecdsa, out publicKey);
    }

    internal override PrivateKeyMaterial ImportPkcs8(ReadOnlyMemory<byte> der, out byte[] publicKey)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportPkcs8PrivateKey(der.Span, out int read);
            if (read != der.Length)
            {
                throw new FormatException("The PKCS#8 private key has trailing data.");
            }
        }
        catch (CryptographicException e)
        {
            ecdsa.Dispose();
            throw new FormatException("The P-256 PKCS#8 private key is invalid.", e);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }

        return Wrap(ecdsa, out publicKey);
    }

    internal override PrivateKeyMaterial ImportSec1(ReadOnlyMemory<byte> der, out byte[] publicKey)
    {
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportECPrivateKey(der.Span, out int read);
            if (read != der.Length)
            {
                throw new FormatException("The EC private key has trailing data.");
            }
        }
        catch (CryptographicException e)
        {
            ecdsa.Dispose();
            throw new FormatException("The EC private key (SEC1) is invalid.", e);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }

        return Wrap(ecdsa, out publicKey);
    }

    internal override byte[] ExportPkcs8(PrivateKeyMaterial material) => ((Material)material).ExportPkcs8();

    internal override void CheckPublicKey(ReadOnlySpan<byte> raw)
    {
        if (raw.Length != 65 || raw[0] != 0x04)
        {
            throw new FormatException(raw.Length == 33 && raw[0] is 0x02 or 0x03
                ? "Compressed P-256 public keys are not supported; use the uncompressed form 04‖x‖y."
                : "A P-256 public key is the 65-byte uncompressed point 04‖x‖y.");
        }

        // Importing checks that the point is on the curve (and not the point at infinity).
        EcdsaVerifierPool.Create(raw).Dispose();
    }

    private protected override bool VerifyCore(VerificationKey publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var pool = publicKey.GetOrCreateNativeKey(static key => new EcdsaVerifierPool(key.RawBytes));
        var ecdsa = pool.Rent();
        try
        {
            return ecdsa.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        finally
        {
            pool.Return(ecdsa);
        }
    }

    private static Material Wrap(ECDsa ecdsa, out byte[] publicKey)
    {
        try
        {
            var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
            if (ecdsa.KeySize != 256 || !IsP256(parameters.Curve))
            {
                throw new FormatException("The EC key is not on P-256 (prime256v1); only P-256 keys are supported.");
            }

            publicKey = new byte[65];
            publicKey[0] = 0x04;
            parameters.Q.X!.CopyTo(publicKey, 1);
            parameters.Q.Y!.CopyTo(publicKey, 33);
            return new Material(ecdsa);
        }
        catch
        {
            ecdsa.Dispose();
            throw;
        }
    }

    private static bool IsP256(ECCurve curve) =>
        curve.IsNamed && (curve.Oid.Value == Pkcs8.P256Oid || curve.Oid.FriendlyName is "nistP256" or "ECDSA_P256" or "prime256v1");

    private sealed class Material(ECDsa ecdsa) : PrivateKeyMaterial
    {
        // ECDsa instances are not documented as thread-safe; signing is rare enough to serialize.
        private readonly Lock _gate = new();

        public override void Sign(ReadOnlySpan<byte> data, Span<byte> signature)
        {
            lock (_gate)
            {
                if (!ecdsa.TrySignData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation, out int written)
                    || written != 64)
                {
                    throw new CryptographicException("ES256 signing failed.");
                }
            }
        }

        public override void ExportRaw(Span<byte> destination)
        {
            ECParameters parameters;
            lock (_gate)
            {
                parameters = ecdsa.ExportParameters(includePrivateParameters: true);
            }

            try
            {
                parameters.D.AsSpan().CopyTo(destination);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(parameters.D);
            }
        }

        public byte[] ExportPkcs8()
        {
            byte[] exported;
            lock (_gate)
            {
                exported = ecdsa.ExportPkcs8PrivateKey();
            }

            var pinned = GC.AllocateArray<byte>(exported.Length, pinned: true);
            exported.CopyTo(pinned, 0);
            CryptographicOperations.ZeroMemory(exported);
            return pinned;
        }

        public override void Dispose() => ecdsa.Dispose();
    }
}
