using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace A2AGen.Security;

/// <summary>
/// A public JSON Web Key (RFC 7517) of type <c>OKP</c>/<c>Ed25519</c> (RFC 8037) or <c>EC</c>/<c>P-256</c>, with its
/// <see cref="VerificationKey"/>. Parsing is strict: private members, a mismatched <c>alg</c>, a <c>use</c> other than
/// <c>sig</c> or <c>key_ops</c> without <c>verify</c> are refused, and the key itself is validated.
/// </summary>
public sealed class JsonWebKey
{
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    private JsonWebKey(VerificationKey publicKey, string keyId, string? algorithm, string? use, IReadOnlyList<string>? keyOperations)
    {
        PublicKey = publicKey;
        KeyId = keyId;
        Algorithm = algorithm;
        Use = use;
        KeyOperations = keyOperations;
    }

    /// <summary>The key.</summary>
    public VerificationKey PublicKey { get; }

    /// <summary><c>kid</c>; the RFC 7638 thumbprint when the JWK had none.</summary>
    public string KeyId { get; }

    /// <summary><c>alg</c> as given (it always matches the key type), or null.</summary>
    public string? Algorithm { get; }

    /// <summary><c>use</c> as given (<c>sig</c>), or null.</summary>
    public string? Use { get; }

    /// <summary><c>key_ops</c> as given, or null.</summary>
    public IReadOnlyList<string>? KeyOperations { get; }

    /// <summary><c>kty</c>: <c>OKP</c> or <c>EC</c>.</summary>
    public string KeyType => PublicKey.Algorithm.JwkKeyType;

    /// <summary><c>crv</c>: <c>Ed25519</c> or <c>P-256</c>.</summary>
    public string Curve => PublicKey.Algorithm.JwkCurve;

    /// <summary>The RFC 7638 SHA-256 thumbprint (base64url).</summary>
    public string Thumbprint => PublicKey.Thumbprint;

    /// <summary>The JWK A2AGen publishes for a key: <c>kty, crv, x[, y], kid, alg, use:"sig"</c> (DESIGN §6.3).</summary>
    /// <param name="publicKey">The key.</param>
    /// <param name="keyId">The <c>kid</c>; default the RFC 7638 thumbprint.</param>
    public static JsonWebKey FromPublicKey(VerificationKey publicKey, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return new JsonWebKey(publicKey, keyId ?? publicKey.Thumbprint, publicKey.Algorithm.JwsAlgorithm, "sig", null);
    }

    /// <summary>Parses a public JWK.</summary>
    /// <param name="utf8Json">The JWK as UTF-8 JSON.</param>
    /// <exception cref="FormatException">The JWK is malformed, private, unsupported or inconsistent (the message says which).</exception>
    public static JsonWebKey Parse(ReadOnlySpan<byte> utf8Json)
    {
        using var document = StrictJson.Parse(utf8Json, "JWK");
        return Parse(document.RootElement);
    }

    /// <summary>Parses a public JWK from a JSON element.</summary>
    /// <param name="element">The JWK object.</param>
    /// <exception cref="FormatException">The JWK is malformed, private, unsupported or inconsistent (the message says which).</exception>
    public static JsonWebKey Parse(JsonElement element)
    {
        StrictJson.RequireObjectWithoutDuplicates(element, "JWK");
        foreach (string member in PrivateMembers)
        {
            if (element.TryGetProperty(member, out _))
            {
                throw new FormatException($"The JWK contains the private member '{member}'; a public key set must hold public keys only.");
            }
        }

        var algorithm = ReadKeyType(element);
        var raw = ReadPublicPoint(element, algorithm);
        VerificationKey publicKey;
        try
        {
            publicKey = VerificationKey.Import(algorithm, raw, KeyFormat.RawPublicKey);
        }
        catch (FormatException e)
        {
            throw new FormatException($"The JWK does not hold a valid key: {e.Message}", e);
        }

        return Complete(element, publicKey);
    }

    /// <summary>Imports a private JWK (with <c>d</c>), checking that <c>x</c>/<c>y</c> belong to it.</summary>
    /// <param name="utf8Json">The JWK as UTF-8 JSON.</param>
    /// <param name="algorithm">The expected algorithm; null takes it from the JWK.</param>
    /// <param name="creationParameters">Export policy.</param>
    /// <exception cref="FormatException">The JWK is malformed, public only, or inconsistent.</exception>
    public static SigningKey ImportPrivateKey(ReadOnlySpan<byte> utf8Json, SigningAlgorithm? algorithm = null, in SigningKeyOptions creationParameters = default)
    {
        using var document = StrictJson.Parse(utf8Json, "JWK");
        var element = document.RootElement;
        StrictJson.RequireObjectWithoutDuplicates(element, "JWK");
        var declared = ReadKeyType(element);
        algorithm ??= declared;
        VerificationKey.RequireKind(algorithm, declared.Kind);
        if (!element.TryGetProperty("d", out var d) || d.ValueKind != JsonValueKind.String)
        {
            throw new FormatException("The JWK has no private member 'd'.");
        }

        var expectedPublic = ReadPublicPoint(element, algorithm);
        var secret = GC.AllocateArray<byte>(32, pinned: true);
        try
        {
            // Decode from the document's own bytes: no managed string copy of the secret.
            var raw = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(d);
            if (raw.Length < 2 || d.ValueKind != JsonValueKind.String || !StrictBase64Url.TryDecode(raw[1..^1], secret, out int written) || written != 32)
            {
                throw new FormatException("The JWK member 'd' must be 32 bytes of canonical base64url.");
            }

            var key = SigningKey.Import(algorithm, secret, KeyFormat.RawPrivateKey, creationParameters);
            if (!key.PublicKey.Export(KeyFormat.RawPublicKey).AsSpan().SequenceEqual(expectedPublic))
            {
                key.Dispose();
                throw new FormatException("The JWK's public members do not belong to its private key.");
            }

            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>The RFC 7638 thumbprint of a key: SHA-256 over <c>{"crv","kty","x"[,"y"]}</c> in that order, base64url.</summary>
    /// <param name="publicKey">The key.</param>
    public static string ComputeThumbprint(VerificationKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        var raw = publicKey.RawBytes;
        string json = publicKey.Algorithm.Kind == KeyKind.Ed25519
            ? $"{{\"crv\":\"Ed25519\",\"kty\":\"OKP\",\"x\":\"{StrictBase64Url.Encode(raw)}\"}}"
            : $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{StrictBase64Url.Encode(raw.Slice(1, 32))}\",\"y\":\"{StrictBase64Url.Encode(raw.Slice(33, 32))}\"}}";
        return StrictBase64Url.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
    }

    /// <summary>Writes the JWK (members in lexicographic order; never a private member).</summary>
    /// <param name="writer">The writer.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var raw = PublicKey.RawBytes;
        writer.WriteStartObject();
        if (Algorithm is not null)
        {
            writer.WriteString("alg", Algorithm);
        }

        writer.WriteString("crv", Curve);
        if (KeyOperations is not null)
        {
            writer.WriteStartArray("key_ops");
            foreach (string operation in KeyOperations)
            {
                writer.WriteStringValue(operation);
            }

            writer.WriteEndArray();
        }

        writer.WriteString("kid", KeyId);
        writer.WriteString("kty", KeyType);
        if (Use is not null)
        {
            writer.WriteString("use", Use);
        }

        if (PublicKey.Algorithm.Kind == KeyKind.Ed25519)
        {
            writer.WriteString("x", StrictBase64Url.Encode(raw));
        }
        else
        {
            writer.WriteString("x", StrictBase64Url.Encode(raw.Slice(1, 32)));
            writer.WriteString("y", StrictBase64Url.Encode(raw.Slice(33, 32)));
        }

        writer.WriteEndObject();
    }

    /// <summary>The JWK as compact JSON.</summary>
    public string ToJson()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <inheritdoc />
    public override string ToString() => ToJson();

    private static SigningAlgorithm ReadKeyType(JsonElement element)
    {
        string kty = StrictJson.RequiredString(element, "kty", "JWK");
        string? crv = StrictJson.OptionalString(element, "crv", "JWK");
        return (kty, crv) switch
        {
            ("OKP", "Ed25519") => SigningAlgorithm.Ed25519,
            ("EC", "P-256") => SigningAlgorithm.EcdsaP256Sha256,
            ("OKP", _) => throw new FormatException($"The OKP curve '{CallerText.Sanitize(crv)}' is not supported; use Ed25519."),
            ("EC", _) => throw new FormatException($"The EC curve '{CallerText.Sanitize(crv)}' is not supported; use P-256."),
            ("oct", _) => throw new FormatException("Symmetric (oct) keys are not allowed; A2AGen verifies only with Ed25519 and P-256 public keys."),
            _ => throw new FormatException($"The key type '{CallerText.Sanitize(kty)}' is not supported; use OKP/Ed25519 or EC/P-256."),
        };
    }

    private static byte[] ReadPublicPoint(JsonElement element, SigningAlgorithm algorithm)
    {
        var x = Coordinate(element, "x");
        if (algorithm.Kind == KeyKind.Ed25519)
        {
            if (element.TryGetProperty("y", out _))
            {
                throw new FormatException("An OKP JWK has no member 'y'.");
            }

            return x;
        }

        var y = Coordinate(element, "y");
        var point = new byte[65];
        point[0] = 0x04;
        x.CopyTo(point, 1);
        y.CopyTo(point, 33);
        return point;
    }

    private static byte[] Coordinate(JsonElement element, string name)
    {
        string value = StrictJson.RequiredString(element, name, "JWK");
        if (!StrictBase64Url.TryDecode(value, out var bytes))
        {
            throw new FormatException($"The JWK member '{name}' is not canonical unpadded base64url.");
        }

        if (bytes.Length != 32)
        {
            throw new FormatException($"The JWK member '{name}' must be 32 bytes, not {bytes.Length}.");
        }

        return bytes;
    }

    private static JsonWebKey Complete(JsonElement element, VerificationKey publicKey)
    {
        string? alg = StrictJson.OptionalString(element, "alg", "JWK");
        if (alg is not null && alg != publicKey.Algorithm.JwsAlgorithm)
        {
            throw new FormatException($"The JWK 'alg' is '{CallerText.Sanitize(alg)}', but a {publicKey.Algorithm.JwkKeyType}/{publicKey.Algorithm.JwkCurve} key signs only with '{publicKey.Algorithm.JwsAlgorithm}'.");
        }

        string? use = StrictJson.OptionalString(element, "use", "JWK");
        if (use is not null && use != "sig")
        {
            throw new FormatException($"The JWK 'use' is '{CallerText.Sanitize(use)}'; only signature keys (use \"sig\") are accepted.");
        }

        List<string>? operations = null;
        if (element.TryGetProperty("key_ops", out var ops))
        {
            if (ops.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("The JWK 'key_ops' must be an array of strings.");
            }

            operations = [];
            foreach (var op in ops.EnumerateArray())
            {
                if (op.ValueKind != JsonValueKind.String)
                {
                    throw new FormatException("The JWK 'key_ops' must be an array of strings.");
                }

                string value = op.GetString()!;
                if (operations.Contains(value))
                {
                    throw new FormatException($"The JWK 'key_ops' lists '{CallerText.Sanitize(value)}' twice.");
                }

                operations.Add(value);
            }

            if (!operations.Contains("verify"))
            {
                throw new FormatException("The JWK 'key_ops' does not include 'verify'; the key may not be used to verify signatures.");
            }
        }

        string? kid = StrictJson.OptionalString(element, "kid", "JWK");
        if (kid is { Length: 0 })
        {
            throw new FormatException("The JWK 'kid' is empty.");
        }

        return new JsonWebKey(publicKey, kid ?? publicKey.Thumbprint, alg, use, operations);
    }
}
