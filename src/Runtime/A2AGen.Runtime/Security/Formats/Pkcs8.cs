using System.Formats.Asn1;
using System.Security.Cryptography;

namespace A2AGen.Security;

/// <summary>
/// PKCS#8 <c>PrivateKeyInfo</c>/<c>OneAsymmetricKey</c> (RFC 5958) and X.509 <c>SubjectPublicKeyInfo</c> for the two
/// key types, with Ed25519 per RFC 8410. P-256 DER is parsed here only far enough to name the curve; the BCL reads it.
/// </summary>
internal static class Pkcs8
{
    public const string Ed25519Oid = "1.3.101.112";
    public const string EcPublicKeyOid = "1.2.840.10045.2.1";
    public const string P256Oid = "1.2.840.10045.3.1.7";

    // SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING (32) } }: what openssl genpkey writes.
    private static ReadOnlySpan<byte> Ed25519PrivateKeyPrefix =>
        [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];

    // SEQUENCE { SEQUENCE { OID 1.3.101.112 }, BIT STRING (256 bits) }.
    private static ReadOnlySpan<byte> Ed25519PublicKeyPrefix =>
        [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];

    /// <summary>The key type of a DER <c>PrivateKeyInfo</c>.</summary>
    /// <exception cref="FormatException">Not PKCS#8, or a key type A2AGen does not support.</exception>
    public static KeyKind ReadPrivateKeyKind(ReadOnlyMemory<byte> der)
    {
        try
        {
            var sequence = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            if (!sequence.TryReadInt32(out int version) || version is not (0 or 1))
            {
                throw new FormatException("The PKCS#8 private key has an unsupported version.");
            }

            return ReadAlgorithmIdentifier(sequence);
        }
        catch (AsnContentException e)
        {
            throw new FormatException("The private key is not valid PKCS#8 DER.", e);
        }
    }

    /// <summary>The key type of a DER <c>SubjectPublicKeyInfo</c>.</summary>
    /// <exception cref="FormatException">Not SPKI, or a key type A2AGen does not support.</exception>
    public static KeyKind ReadPublicKeyKind(ReadOnlyMemory<byte> der)
    {
        try
        {
            var sequence = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            return ReadAlgorithmIdentifier(sequence);
        }
        catch (AsnContentException e)
        {
            throw new FormatException("The public key is not valid SubjectPublicKeyInfo DER.", e);
        }
    }

    /// <summary>Reads the 32-byte seed of an Ed25519 PKCS#8 key (v1 or v2); a v2 public key must match the derived one later.</summary>
    /// <exception cref="FormatException">Malformed, or not Ed25519.</exception>
    public static void ReadEd25519PrivateKey(ReadOnlyMemory<byte> der, Span<byte> seed, out byte[]? embeddedPublicKey)
    {
        embeddedPublicKey = null;
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER);
            var sequence = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            if (!sequence.TryReadInt32(out int version) || version is not (0 or 1))
            {
                throw new FormatException("The PKCS#8 private key has an unsupported version.");
            }

            if (ReadAlgorithmIdentifier(sequence) != KeyKind.Ed25519)
            {
                throw new FormatException("The PKCS#8 private key is not an Ed25519 key.");
            }

            // privateKey OCTET STRING wraps CurvePrivateKey ::= OCTET STRING (RFC 8410 §7).
            var wrapped = sequence.ReadOctetString();
            try
            {
                var inner = new AsnReader(wrapped, AsnEncodingRules.DER);
                if (!inner.TryReadPrimitiveOctetString(out var curvePrivateKey) || curvePrivateKey.Length != 32)
                {
                    throw new FormatException("The Ed25519 private key is not a 32-byte seed.");
                }

                inner.ThrowIfNotEmpty();
                curvePrivateKey.Span.CopyTo(seed);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(wrapped);
            }

            if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 0)))
            {
                sequence.ReadEncodedValue();
            }

            if (sequence.HasData && sequence.PeekTag().HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1)))
            {
                if (version != 1)
                {
                    throw new FormatException("A PKCS#8 v1 private key cannot carry a public key.");
                }

                embeddedPublicKey = sequence.ReadBitString(out int unusedBits, new Asn1Tag(TagClass.ContextSpecific, 1));
                if (unusedBits != 0 || embeddedPublicKey.Length != 32)
                {
                    throw new FormatException("The public key inside the PKCS#8 private key is not 32 bytes.");
                }
            }

            sequence.ThrowIfNotEmpty();
        }
        catch (AsnContentException e)
        {
            throw new FormatException("The private key is not valid PKCS#8 DER.", e);
        }
    }

    /// <summary>Writes an Ed25519 PKCS#8 v1 key into a pinned array the caller zeroes.</summary>
    public static byte[] WriteEd25519PrivateKey(ReadOnlySpan<byte> seed)
    {
        var prefix = Ed25519PrivateKeyPrefix;
        var der = GC.AllocateArray<byte>(prefix.Length + 32, pinned: true);
        prefix.CopyTo(der);
        seed.CopyTo(der.AsSpan(prefix.Length));
        return der;
    }

    /// <summary>Reads the raw key from a DER <c>SubjectPublicKeyInfo</c>: 32 bytes (Ed25519) or 65 bytes <c>04‖x‖y</c> (P-256).</summary>
    public static byte[] ReadPublicKey(ReadOnlyMemory<byte> der, out KeyKind kind)
    {
        try
        {
            var outer = new AsnReader(der, AsnEncodingRules.DER);
            var sequence = outer.ReadSequence();
            outer.ThrowIfNotEmpty();
            kind = ReadAlgorithmIdentifier(sequence);
            var key = sequence.ReadBitString(out int unusedBits);
            sequence.ThrowIfNotEmpty();
            if (unusedBits != 0)
            {
                throw new FormatException("The public key bit string has unused bits.");
            }

            if (kind == KeyKind.EcP256 && key.Length == 33 && key[0] is 0x02 or 0x03)
            {
                throw new FormatException("Compressed P-256 public keys are not supported; export the key uncompressed.");
            }

            return key;
        }
        catch (AsnContentException e)
        {
            throw new FormatException("The public key is not valid SubjectPublicKeyInfo DER.", e);
        }
    }

    /// <summary>Writes a DER <c>SubjectPublicKeyInfo</c> for a raw key.</summary>
    public static byte[] WritePublicKey(KeyKind kind, ReadOnlySpan<byte> rawPublicKey)
    {
        if (kind == KeyKind.Ed25519)
        {
            var prefix = Ed25519PublicKeyPrefix;
            var der = new byte[prefix.Length + rawPublicKey.Length];
            prefix.CopyTo(der);
            rawPublicKey.CopyTo(der.AsSpan(prefix.Length));
            return der;
        }

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteObjectIdentifier(EcPublicKeyOid);
                writer.WriteObjectIdentifier(P256Oid);
            }

            writer.WriteBitString(rawPublicKey);
        }

        return writer.Encode();
    }

    private static KeyKind ReadAlgorithmIdentifier(AsnReader sequence)
    {
        var algorithm = sequence.ReadSequence();
        string oid = algorithm.ReadObjectIdentifier();
        switch (oid)
        {
            case Ed25519Oid:
                if (algorithm.HasData)
                {
                    throw new FormatException("The Ed25519 algorithm identifier must not have parameters (RFC 8410).");
                }

                return KeyKind.Ed25519;

            case EcPublicKeyOid:
                if (!algorithm.HasData || algorithm.PeekTag() != Asn1Tag.ObjectIdentifier)
                {
                    throw new FormatException("The EC key does not name its curve; only named P-256 (prime256v1) keys are supported.");
                }

                string curve = algorithm.ReadObjectIdentifier();
                algorithm.ThrowIfNotEmpty();
                if (curve != P256Oid)
                {
                    throw new FormatException($"The EC key is on curve {curve}; only P-256 (prime256v1, {P256Oid}) is supported.");
                }

                return KeyKind.EcP256;

            default:
                throw new FormatException($"Keys of algorithm {Describe(oid)} are not supported; A2AGen uses Ed25519 and EC P-256 keys.");
        }
    }

    private static string Describe(string oid) => oid switch
    {
        "1.2.840.113549.1.1.1" => "RSA (1.2.840.113549.1.1.1)",
        "1.3.101.113" => "Ed448 (1.3.101.113)",
        "1.3.101.110" => "X25519 (1.3.101.110)",
        _ => oid,
    };
}
