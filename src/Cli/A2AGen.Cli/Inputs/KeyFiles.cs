using System.Security.Cryptography;
using System.Text;
using A2AGen.Cli.Infrastructure;
using A2AGen.Security;

namespace A2AGen.Cli.Inputs;

/// <summary>
/// Reads key files: PEM private keys (PKCS#8, encrypted PKCS#8, SEC1 EC — what <c>openssl</c> and <c>keys gen</c>
/// write), PEM public keys (SPKI), and public JWKs or JWK Sets. Every failure names the file and the fix.
/// </summary>
internal static class KeyFiles
{
    private const string EncryptedLabel = "-----BEGIN ENCRYPTED PRIVATE KEY-----";

    /// <summary>What a key file holds.</summary>
    public enum Kind
    {
        PrivateKey,
        EncryptedPrivateKey,
        PublicKey,
        JsonWebKey,
        JsonWebKeySet,
        Unknown,
    }

    /// <summary>Recognizes a key file by its content.</summary>
    public static Kind Recognize(ReadOnlySpan<byte> content)
    {
        string text = Encoding.UTF8.GetString(content).TrimStart();
        if (text.StartsWith('{'))
        {
            return text.Contains("\"keys\"", StringComparison.Ordinal) ? Kind.JsonWebKeySet : Kind.JsonWebKey;
        }

        if (text.Contains(EncryptedLabel, StringComparison.Ordinal))
        {
            return Kind.EncryptedPrivateKey;
        }

        if (text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
        {
            return Kind.PrivateKey;
        }

        return text.Contains("-----BEGIN PUBLIC KEY-----", StringComparison.Ordinal) ? Kind.PublicKey : Kind.Unknown;
    }

    /// <summary>Loads a private key for signing; asks for the password of an encrypted one.</summary>
    public static SigningKey LoadPrivateKey(CliConsole console, string path)
    {
        byte[] bytes = InputFiles.Read(console, path, Sizes.KeyFile, "key file");
        char[] chars = new char[bytes.Length];
        try
        {
            var kind = Recognize(bytes);
            if (kind is Kind.PublicKey or Kind.JsonWebKey or Kind.JsonWebKeySet)
            {
                throw new CliException("NOT_A_PRIVATE_KEY",
                    $"'{path}' holds a public key; signing needs the private key (signing.key.pem, made by 'a2agen keys gen' or 'openssl genpkey -algorithm ed25519').");
            }

            if (kind == Kind.Unknown)
            {
                throw new CliException("NOT_A_PRIVATE_KEY", $"'{path}' is not a PEM private key; expected '-----BEGIN PRIVATE KEY-----' (PKCS#8) or an EC/encrypted key.");
            }

            int count = Encoding.UTF8.GetChars(bytes, chars);
            string? password = kind == Kind.EncryptedPrivateKey ? KeyPasswords.ForDecryption(console, path) : null;
            return Import(chars.AsSpan(0, count), password, path);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
            Array.Clear(chars);
        }
    }

    /// <summary>
    /// Loads public keys from any key file: a PEM public key, a PEM private key (its public half; asks for the password
    /// when encrypted), a JWK or a JWK Set. Keys keep the JWK's <c>kid</c>; PEM keys get their RFC 7638 thumbprint.
    /// </summary>
    public static IReadOnlyList<JsonWebKey> LoadPublicKeys(CliConsole console, string path, string what)
    {
        byte[] bytes = InputFiles.Read(console, path, Sizes.KeyFile, what);
        return ParsePublicKeys(console, bytes, path);
    }

    /// <summary>Parses public keys from bytes read elsewhere (a file or a URL).</summary>
    public static IReadOnlyList<JsonWebKey> ParsePublicKeys(CliConsole console, byte[] bytes, string source)
    {
        try
        {
            switch (Recognize(bytes))
            {
                case Kind.JsonWebKeySet:
                    return JsonWebKeySet.Parse(bytes).Keys;
                case Kind.JsonWebKey:
                    return [JsonWebKey.Parse(bytes)];
                case Kind.PublicKey:
                    return [JsonWebKey.FromPublicKey(VerificationKey.ImportPem(Encoding.UTF8.GetString(bytes)))];
                case Kind.PrivateKey:
                case Kind.EncryptedPrivateKey:
                    using (var key = LoadPrivateKeyFromBytes(console, bytes, source))
                    {
                        return [JsonWebKey.FromPublicKey(key.PublicKey)];
                    }

                default:
                    throw new CliException("NOT_A_KEY", $"'{source}' is neither a JWK Set, a JWK nor a PEM key.");
            }
        }
        catch (FormatException e)
        {
            throw new CliException("INVALID_KEY", $"'{source}' is not a usable public key or key set: {e.Message}");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new CliException("INVALID_JSON", $"'{source}' is not valid JSON: {e.Message}");
        }
    }

    private static SigningKey LoadPrivateKeyFromBytes(CliConsole console, byte[] bytes, string source)
    {
        char[] chars = new char[bytes.Length];
        try
        {
            int count = Encoding.UTF8.GetChars(bytes, chars);
            string? password = Recognize(bytes) == Kind.EncryptedPrivateKey ? KeyPasswords.ForDecryption(console, source) : null;
            return Import(chars.AsSpan(0, count), password, source);
        }
        finally
        {
            Array.Clear(chars);
        }
    }

    private static SigningKey Import(ReadOnlySpan<char> pem, string? password, string path)
    {
        try
        {
            return SigningKey.ImportPem(pem, password);
        }
        catch (CryptographicException)
        {
            throw new CliException("KEY_PASSWORD_WRONG",
                $"'{path}' could not be decrypted: the password ({KeyEnvironment.KeyPassword} or the one typed) is wrong, or the file is damaged.");
        }
        catch (FormatException e)
        {
            throw new CliException("INVALID_KEY", $"'{path}' is not a usable private key: {e.Message}");
        }
        catch (PlatformNotSupportedException e)
        {
            throw new CliException("UNSUPPORTED", $"'{path}' cannot be used on this machine: {e.Message}");
        }
    }
}
