using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text.Json;
using A2AGen.Biscuit;
using A2AGen.Biscuit.Crypto;
using A2AGen.Cli.Infrastructure;
using A2AGen.Cli.Inputs;

namespace A2AGen.Cli.Commands.Biscuit;

/// <summary>
/// Reads a Biscuit key given on the command line: a PEM file (SPKI public key, or an unencrypted PKCS#8 / SEC1 private
/// key), a JWK (inline JSON or a file: OKP Ed25519 or EC P-256, with <c>d</c> for a private key), or Biscuit's text
/// (<c>ed25519/&lt;hex&gt;</c>, <c>secp256r1/&lt;hex&gt;</c>; for a private key also <c>ed25519-private/&lt;hex&gt;</c>, and
/// <c>ed25519/&lt;64 hex&gt;</c> read as the seed). Anything else is a usage error (exit 2).
/// </summary>
internal static class BiscuitKeyInput
{
    private const string Ed25519Oid = "1.3.101.112";

    public static BiscuitKeyPair ReadPrivate(CliConsole console, string argument)
    {
        try
        {
            if (argument.StartsWith("ed25519/", StringComparison.Ordinal) && argument.Length == "ed25519/".Length + 64)
            {
                return BiscuitKeyPair.FromPrivateKey(BiscuitAlgorithm.Ed25519, Convert.FromHexString(argument["ed25519/".Length..]));
            }

            if (argument.StartsWith("secp256r1/", StringComparison.Ordinal) && argument.Length == "secp256r1/".Length + 64)
            {
                return BiscuitKeyPair.FromPrivateKey(BiscuitAlgorithm.Secp256r1, Convert.FromHexString(argument["secp256r1/".Length..]));
            }

            if (argument.Contains("-private/", StringComparison.Ordinal))
            {
                return BiscuitKeyPair.ParsePrivateKey(argument);
            }

            var text = ReadText(console, argument);
            if (text.TrimStart().StartsWith('{'))
            {
                return FromJwk(text, requirePrivate: true).Private!;
            }

            return FromPrivatePem(text);
        }
        catch (Exception e) when (e is BiscuitFormatException or FormatException or CryptographicException or AsnContentException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw CliException.Usage($"--key is not a usable Biscuit private key: {e.Message}");
        }
    }

    public static BiscuitPublicKey ReadPublic(CliConsole console, string argument, string option)
    {
        try
        {
            if (BiscuitPublicKey.TryParse(argument, out var parsed))
            {
                return parsed;
            }

            var text = ReadText(console, argument);
            if (text.TrimStart().StartsWith('{'))
            {
                var (publicKey, privateKey) = FromJwk(text, requirePrivate: false);
                using (privateKey)
                {
                    return publicKey;
                }
            }

            if (text.Contains("PRIVATE KEY", StringComparison.Ordinal))
            {
                using var pair = FromPrivatePem(text);
                return pair.PublicKey;
            }

            return BiscuitPublicKey.FromPem(text);
        }
        catch (Exception e) when (e is BiscuitFormatException or FormatException or CryptographicException or AsnContentException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw CliException.Usage($"{option} is not a usable Biscuit public key: {e.Message}");
        }
    }

    private static string ReadText(CliConsole console, string argument)
    {
        if (argument.TrimStart().StartsWith('{'))
        {
            return argument;
        }

        if (!File.Exists(argument))
        {
            throw CliException.Usage($"'{argument}' is neither a key file, a JWK nor a key in Biscuit's text form (ed25519/<hex>, secp256r1/<hex>)");
        }

        return InputFiles.ReadText(console, argument, Sizes.KeyFile, "key file");
    }

    private static BiscuitKeyPair FromPrivatePem(string pem)
    {
        if (pem.Contains("ENCRYPTED", StringComparison.Ordinal))
        {
            throw new FormatException("encrypted PEM keys are not supported here; export the key unencrypted into a file only you can read");
        }

        if (pem.Contains("-----BEGIN PRIVATE KEY-----", StringComparison.Ordinal))
        {
            var der = PemEncoding.Find(pem) is var fields ? Convert.FromBase64String(pem[fields.Base64Data]) : [];
            var info = System.Security.Cryptography.Pkcs.Pkcs8PrivateKeyInfo.Decode(der, out _, skipCopy: true);
            if (info.AlgorithmId.Value == Ed25519Oid)
            {
                var seed = new AsnReader(info.PrivateKeyBytes, AsnEncodingRules.DER).ReadOctetString();
                return BiscuitKeyPair.FromPrivateKey(BiscuitAlgorithm.Ed25519, seed);
            }
        }

        using var ec = ECDsa.Create();
        ec.ImportFromPem(pem);
        var parameters = ec.ExportParameters(true);
        if (parameters.Curve.Oid?.Value != ECCurve.NamedCurves.nistP256.Oid!.Value)
        {
            throw new FormatException("only Ed25519 and P-256 keys are supported");
        }

        return BiscuitKeyPair.FromPrivateKey(BiscuitAlgorithm.Secp256r1, parameters.D);
    }

    private static (BiscuitPublicKey Public, BiscuitKeyPair? Private) FromJwk(string json, bool requirePrivate)
    {
        using var document = JsonDocument.Parse(json);
        var jwk = document.RootElement;
        var kty = jwk.GetProperty("kty").GetString();
        var crv = jwk.GetProperty("crv").GetString();
        byte[]? d = jwk.TryGetProperty("d", out var dValue) ? Base64Url(dValue.GetString()!) : null;
        if (requirePrivate && d is null)
        {
            throw new FormatException("the JWK has no private part (d)");
        }

        if (kty == "OKP" && crv == "Ed25519")
        {
            var pair = d is null ? null : BiscuitKeyPair.FromPrivateKey(BiscuitAlgorithm.Ed25519, d);
            var publicKey = BiscuitPublicKey.FromBytes(BiscuitAlgorithm.Ed25519, Base64Url(jwk.GetProperty("x").GetString()!));
            if (pair is not null && !pair.PublicKey.Equals(publicKey))
            {
                pair.Dispose();
                throw new FormatException("the JWK's x is not the public key of its d");
            }

            return (publicKey, pair);
        }

        if (kty == "EC" && crv == "P-256")
        {
            var x = Base64Url(jwk.GetProperty("x").GetString()!);
            var y = Base64Url(jwk.GetProperty("y").GetString()!);
            if (x.Length != 32 || y.Length != 32)
            {
                throw new FormatException("a P-256 JWK has 32-byte x and y");
            }

            var compressed = new byte[33];
            compressed[0] = (byte)((y[31] & 1) == 0 ? 0x02 : 0x03);
            x.CopyTo(compressed, 1);
            var publicKey = BiscuitPublicKey.FromBytes(BiscuitAlgorithm.Secp256r1, compressed);
            var pair = d is null ? null : BiscuitKeyPair.FromPrivateKey(BiscuitAlgorithm.Secp256r1, d);
            if (pair is not null && !pair.PublicKey.Equals(publicKey))
            {
                pair.Dispose();
                throw new FormatException("the JWK's x and y are not the public key of its d");
            }

            return (publicKey, pair);
        }

        throw new FormatException("only OKP Ed25519 and EC P-256 JWKs are Biscuit keys");
    }

    private static byte[] Base64Url(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);
}
