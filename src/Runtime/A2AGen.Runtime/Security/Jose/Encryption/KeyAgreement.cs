using System.Security.Cryptography;
using NSec.Cryptography;

namespace A2AGen.Security;

/// <summary>Raw ECDH shared secrets: X25519 through NSec (libsodium), P-256 through the BCL.</summary>
internal static class KeyAgreement
{
    public static bool IsOnCurve(ReadOnlySpan<byte> uncompressedPoint)
    {
        try
        {
            using var ecdh = ImportP256(uncompressedPoint, null);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public static ECDiffieHellman ImportP256(ReadOnlySpan<byte> uncompressedPoint, byte[]? d)
    {
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = uncompressedPoint.Slice(1, 32).ToArray(), Y = uncompressedPoint.Slice(33, 32).ToArray() },
            D = d,
        };
        var ecdh = ECDiffieHellman.Create();
        try
        {
            ecdh.ImportParameters(parameters); // validates that Q is on the curve (and belongs to D)
            return ecdh;
        }
        catch
        {
            ecdh.Dispose();
            throw;
        }
    }

    /// <summary>Z for the private key and a peer's public key; null when the peer key is invalid or of small order.</summary>
    public static byte[]? Agree(JweDecryptionKey privateKey, JweKeyType peerType, ReadOnlySpan<byte> peerPublic)
    {
        if (peerType != privateKey.KeyType)
        {
            return null;
        }

        if (peerType == JweKeyType.X25519)
        {
            if (!PublicKey.TryImport(KeyAgreementAlgorithm.X25519, peerPublic, KeyBlobFormat.RawPublicKey, out var peer) || peer is null)
            {
                return null;
            }

            // NSec returns null when the result is all zeros: a small-order point (RFC 7748 §6.1).
            using var secret = KeyAgreementAlgorithm.X25519.Agree(privateKey.X25519Key!, peer, new SharedSecretCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
            if (secret is null)
            {
                return null;
            }

            var z = secret.Export(SharedSecretBlobFormat.RawSharedSecret);
            return z.AsSpan().IndexOfAnyExcept((byte)0) < 0 ? null : z;
        }

        try
        {
            using var peerKey = ImportP256(peerPublic, null);
            return privateKey.P256Key!.DeriveRawSecretAgreement(peerKey.PublicKey);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
