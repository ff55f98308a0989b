using System.Text;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Security;

/// <summary>
/// Signs Agent Cards (A2A v1.0 §8.4, DESIGN §6.2): the payload is the RFC 8785 form of the card without
/// <c>signatures</c>, each signature a JWS with protected header <c>{"alg","kid","typ":"JOSE"[,"jku"]}</c> stored as
/// <c>{protected, signature}</c>.
/// </summary>
public static class AgentCardSigner
{
    private static readonly byte[] SignaturesMember = "signatures"u8.ToArray();

    /// <summary>
    /// The bytes a card signature covers: RFC 8785 JSON of the card without <c>signatures</c>. For the generator's
    /// <c>CardJson</c> (already canonical, unsigned) this is the same bytes.
    /// </summary>
    /// <param name="cardJson">The card as UTF-8 JSON.</param>
    /// <exception cref="FormatException">The JSON cannot be canonicalized.</exception>
    public static byte[] GetSigningPayload(ReadOnlySpan<byte> cardJson)
    {
        var payload = JsonCanonicalizer.CanonicalizeWithout(cardJson, SignaturesMember);
        if (payload.Length == 0 || payload[0] != (byte)'{')
        {
            throw new FormatException("An Agent Card must be a JSON object.");
        }

        return payload;
    }

    /// <summary>The bytes a signature of <paramref name="card"/> covers (serialized with <see cref="A2AJson"/>, then canonicalized).</summary>
    /// <param name="card">The card; its <see cref="AgentCard.Signatures"/> are ignored.</param>
    public static byte[] GetSigningPayload(AgentCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return GetSigningPayload(A2AJson.SerializeToUtf8Bytes(card with { Signatures = null }));
    }

    /// <summary>Signs card JSON (e.g. the generated <c>CardJson</c>) with one key.</summary>
    /// <param name="cardJson">The card as UTF-8 JSON (a <c>signatures</c> member is ignored).</param>
    /// <param name="key">The signing key.</param>
    /// <param name="options">Header options.</param>
    public static AgentCardSignature Sign(ReadOnlySpan<byte> cardJson, SigningKey key, AgentCardSigningOptions? options = null) =>
        SignPayload(GetSigningPayload(cardJson), key, options?.KeyId, options?.JwkSetUrl);

    /// <summary>Signs a card (e.g. one changed at run time) with one key.</summary>
    /// <param name="card">The card.</param>
    /// <param name="key">The signing key.</param>
    /// <param name="options">Header options.</param>
    public static AgentCardSignature Sign(AgentCard card, SigningKey key, AgentCardSigningOptions? options = null) =>
        SignPayload(GetSigningPayload(card), key, options?.KeyId, options?.JwkSetUrl);

    /// <summary>The card with <see cref="AgentCard.Signatures"/> replaced by one signature per key.</summary>
    /// <param name="card">The card.</param>
    /// <param name="keys">The signing keys (several during a key rotation).</param>
    /// <param name="options">Header options.</param>
    public static AgentCard WithSignatures(AgentCard card, IReadOnlyList<SigningKey> keys, AgentCardSigningOptions? options = null)
    {
        var payload = GetSigningPayload(card);
        return card with { Signatures = SignAll(payload, keys, options) };
    }

    /// <summary>
    /// The card to serve: RFC 8785 JSON of the card with a <c>signatures</c> array, one entry per key. The
    /// result is itself canonical, and verifiers recompute the payload from it.
    /// </summary>
    /// <param name="cardJson">The unsigned (or previously signed) card as UTF-8 JSON.</param>
    /// <param name="keys">The signing keys.</param>
    /// <param name="options">Header options.</param>
    public static byte[] CreateSignedCardJson(ReadOnlySpan<byte> cardJson, IReadOnlyList<SigningKey> keys, AgentCardSigningOptions? options = null)
    {
        var payload = GetSigningPayload(cardJson);
        return Assemble(payload, SignAll(payload, keys, options));
    }

    /// <summary>The card to serve, with signatures made elsewhere.</summary>
    /// <param name="cardJson">The card as UTF-8 JSON.</param>
    /// <param name="signatures">The signatures.</param>
    public static byte[] CreateSignedCardJson(ReadOnlySpan<byte> cardJson, IReadOnlyList<AgentCardSignature> signatures)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        return Assemble(GetSigningPayload(cardJson), signatures);
    }

    private static AgentCardSignature[] SignAll(byte[] payload, IReadOnlyList<SigningKey> keys, AgentCardSigningOptions? options)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            throw new ArgumentException("At least one signing key is needed.", nameof(keys));
        }

        string? keyId = keys.Count == 1 ? options?.KeyId : null;
        return keys.Select(key => SignPayload(payload, key, keyId, options?.JwkSetUrl)).ToArray();
    }

    private static AgentCardSignature SignPayload(byte[] payload, SigningKey key, string? keyId, string? jwkSetUrl)
    {
        ArgumentNullException.ThrowIfNull(key);
        var header = Jws.CreateProtectedHeader(key, new JwsSigningOptions { KeyId = keyId, Type = "JOSE", JwkSetUrl = jwkSetUrl });
        string encodedHeader = StrictBase64Url.Encode(header);
        return new AgentCardSignature { Protected = encodedHeader, Signature = Jws.SignEncoded(key, encodedHeader, payload) };
    }

    private static byte[] Assemble(byte[] payload, IReadOnlyList<AgentCardSignature> signatures)
    {
        // The card's members, then "signatures"; canonicalizing again puts the member in its sorted place.
        var json = new StringBuilder(payload.Length + (200 * signatures.Count));
        json.Append(Encoding.UTF8.GetString(payload, 0, payload.Length - 1));
        json.Append(payload.Length > 2 ? ",\"signatures\":[" : "\"signatures\":[");
        for (int i = 0; i < signatures.Count; i++)
        {
            var signature = signatures[i];
            if (!StrictBase64Url.IsCanonical(signature.Protected) || !StrictBase64Url.IsCanonical(signature.Signature)
                || signature.Protected.Length == 0 || signature.Signature.Length == 0)
            {
                throw new ArgumentException($"Signature {i} is not a pair of canonical base64url strings.", nameof(signatures));
            }

            json.Append(i == 0 ? "{\"protected\":\"" : ",{\"protected\":\"").Append(signature.Protected)
                .Append("\",\"signature\":\"").Append(signature.Signature).Append("\"}");
        }

        json.Append("]}");
        return JsonCanonicalizer.Canonicalize(Encoding.UTF8.GetBytes(json.ToString()));
    }
}
