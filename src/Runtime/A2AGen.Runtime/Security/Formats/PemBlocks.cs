using System.Security.Cryptography;

namespace A2AGen.Security;

/// <summary>Finds the one key block in PEM text (RFC 7468), skipping <c>EC PARAMETERS</c> blocks that openssl ecparam writes.</summary>
internal static class PemBlocks
{
    public const string PrivateKeyLabel = "PRIVATE KEY";
    public const string EncryptedPrivateKeyLabel = "ENCRYPTED PRIVATE KEY";
    public const string EcPrivateKeyLabel = "EC PRIVATE KEY";
    public const string PublicKeyLabel = "PUBLIC KEY";

    /// <summary>The label and DER bytes (a pinned array the caller zeroes) of the single key block.</summary>
    /// <exception cref="FormatException">No key block, several, an unsupported label, or bad base64.</exception>
    public static (string Label, byte[] Der) ReadKeyBlock(ReadOnlySpan<char> pem, bool expectPrivate)
    {
        string? label = null;
        byte[]? der = null;
        var rest = pem;
        while (PemEncoding.TryFind(rest, out var fields))
        {
            string found = new(rest[fields.Label]);
            var base64 = rest[fields.Base64Data];
            rest = rest[fields.Location.End..];
            if (found == "EC PARAMETERS")
            {
                continue;
            }

            if (der is not null)
            {
                CryptographicOperations.ZeroMemory(der);
                throw new FormatException("The PEM text holds more than one key; put one key per file.");
            }

            CheckLabel(found, expectPrivate);
            label = found;
            der = GC.AllocateArray<byte>(fields.DecodedDataLength, pinned: true);
            if (!Convert.TryFromBase64Chars(base64, der, out int written) || written != der.Length)
            {
                CryptographicOperations.ZeroMemory(der);
                throw new FormatException($"The PEM block '{found}' is not valid base64.");
            }
        }

        if (der is null || label is null)
        {
            if (pem.Contains("Proc-Type:", StringComparison.Ordinal))
            {
                throw new FormatException(
                    "The key uses legacy OpenSSL PEM encryption (Proc-Type header), which is not supported. Convert it: openssl pkcs8 -topk8 -v2 aes-256-cbc -in old.pem -out signing.key.pem.");
            }

            throw new FormatException(expectPrivate
                ? "No private key found: expected a PEM block '-----BEGIN PRIVATE KEY-----' (PKCS#8), 'ENCRYPTED PRIVATE KEY' or 'EC PRIVATE KEY'."
                : "No public key found: expected a PEM block '-----BEGIN PUBLIC KEY-----' (SubjectPublicKeyInfo).");
        }

        return (label, der);
    }

    /// <summary>PEM text for DER bytes (64-character lines, LF line ends, final LF — what OpenSSL writes).</summary>
    public static string Write(string label, ReadOnlySpan<byte> der)
    {
        var chars = PemEncoding.Write(label, der);
        try
        {
            return string.Concat(new string(chars), "\n");
        }
        finally
        {
            Array.Clear(chars);
        }
    }

    private static void CheckLabel(string label, bool expectPrivate)
    {
        bool isPrivate = label is PrivateKeyLabel or EncryptedPrivateKeyLabel or EcPrivateKeyLabel;
        if (expectPrivate && isPrivate)
        {
            return;
        }

        if (!expectPrivate && label == PublicKeyLabel)
        {
            return;
        }

        if (label is "RSA PRIVATE KEY" or "RSA PUBLIC KEY")
        {
            throw new FormatException("RSA keys are not supported; A2AGen uses Ed25519 (openssl genpkey -algorithm ed25519) or EC P-256 keys.");
        }

        if (!expectPrivate && isPrivate)
        {
            throw new FormatException($"Expected a public key but found '{label}': a private key must not be used where a public key is expected.");
        }

        throw new FormatException(expectPrivate
            ? $"Expected a private key but found a PEM block '{label}'."
            : $"Expected a public key ('PUBLIC KEY') but found a PEM block '{label}'.");
    }
}
