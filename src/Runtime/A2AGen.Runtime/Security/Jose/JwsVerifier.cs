using System.Buffers;
using System.Text;

namespace A2AGen.Security;

/// <summary>
/// Verifies JWS compact serializations strictly: canonical base64url only, an <c>alg</c> allow-list tied to the key
/// type, unknown <c>crit</c> refused, size limits, and keys only from an <see cref="IJwsKeyResolver"/>. Every
/// failure names its check (<see cref="VerificationFailure"/>). Thread-safe.
/// </summary>
public sealed class JwsVerifier
{
    private readonly IJwsKeyResolver _keys;
    private readonly JwsVerificationOptions _options;
    private readonly bool _allowEdDsa;
    private readonly bool _allowEs256;

    /// <summary>Creates a verifier.</summary>
    /// <param name="keys">Where trusted keys come from.</param>
    /// <param name="options">Rules; defaults allow EdDSA and ES256 and require a <c>kid</c>.</param>
    /// <exception cref="ArgumentException">The allow-list names an algorithm A2AGen never accepts (e.g. <c>none</c>, <c>HS256</c>).</exception>
    public JwsVerifier(IJwsKeyResolver keys, JwsVerificationOptions? options = null)
    {
        _keys = keys ?? throw new ArgumentNullException(nameof(keys));
        _options = options ?? new JwsVerificationOptions();
        foreach (string algorithm in _options.AllowedAlgorithms)
        {
            switch (algorithm)
            {
                case "EdDSA":
                    _allowEdDsa = true;
                    break;
                case "ES256":
                    _allowEs256 = true;
                    break;
                default:
                    throw new ArgumentException($"'{algorithm}' can never be allowed: A2AGen verifies EdDSA and ES256 signatures only.", nameof(options));
            }
        }
    }

    /// <summary>The rules in force.</summary>
    public JwsVerificationOptions Options => _options;

    /// <summary>Verifies a JWS with an attached payload.</summary>
    /// <param name="token">The compact serialization.</param>
    /// <param name="issuer">The expected signer's agent id, when known (limits the candidate keys).</param>
    public JwsVerificationResult Verify(ReadOnlySpan<char> token, string? issuer = null) =>
        VerifyCore(token, detached: false, default, issuer, null);

    /// <summary>Verifies a JWS whose payload travels separately (<c>header..signature</c>).</summary>
    /// <param name="token">The compact serialization with an empty payload segment.</param>
    /// <param name="payload">The payload.</param>
    /// <param name="issuer">The expected signer's agent id, when known.</param>
    public JwsVerificationResult VerifyDetached(ReadOnlySpan<char> token, ReadOnlySpan<byte> payload, string? issuer = null) =>
        VerifyCore(token, detached: true, payload, issuer, null);

    /// <summary>
    /// Verifies a JWT: the payload's <c>iss</c> (or <see cref="JwtValidationParameters.ExpectedIssuer"/>) selects the
    /// candidate keys, then after the signature the claims are validated, the <c>jti</c> hook last.
    /// </summary>
    /// <param name="token">The compact serialization.</param>
    /// <param name="parameters">Claim requirements.</param>
    public JwsVerificationResult VerifyJwt(ReadOnlySpan<char> token, JwtValidationParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return VerifyCore(token, detached: false, default, parameters.ExpectedIssuer, parameters);
    }

    private JwsVerificationResult VerifyCore(ReadOnlySpan<char> token, bool detached, ReadOnlySpan<byte> detachedPayload, string? issuer, JwtValidationParameters? jwt)
    {
        if (token.Length > _options.MaxTokenLength)
        {
            return JwsVerificationResult.Fail(VerificationFailure.TokenTooLarge, $"the token is longer than {_options.MaxTokenLength} characters");
        }

        int firstDot = token.IndexOf('.');
        int secondDot = firstDot < 0 ? -1 : token[(firstDot + 1)..].IndexOf('.') + firstDot + 1;
        if (firstDot < 0 || secondDot <= firstDot || token[(secondDot + 1)..].Contains('.'))
        {
            return JwsVerificationResult.Fail(VerificationFailure.MalformedToken, "a JWS compact serialization has exactly three dot-separated segments");
        }

        var headerText = token[..firstDot];
        var payloadText = token[(firstDot + 1)..secondDot];
        var signatureText = token[(secondDot + 1)..];
        if (headerText.IsEmpty || signatureText.IsEmpty)
        {
            return JwsVerificationResult.Fail(VerificationFailure.MalformedToken, headerText.IsEmpty ? "the header segment is empty" : "the signature segment is empty");
        }

        if (headerText.Length > _options.MaxHeaderLength)
        {
            return JwsVerificationResult.Fail(VerificationFailure.HeaderTooLarge, $"the protected header is longer than {_options.MaxHeaderLength} characters");
        }

        if (detached && !payloadText.IsEmpty)
        {
            return JwsVerificationResult.Fail(VerificationFailure.PayloadNotDetached, "a detached-payload JWS must have an empty payload segment");
        }

        if (!detached && payloadText.IsEmpty)
        {
            return JwsVerificationResult.Fail(VerificationFailure.PayloadMissing, "the payload segment is empty (a detached JWS needs its payload)");
        }

        int payloadLength = detached ? detachedPayload.Length : StrictBase64Url.GetDecodedLength(payloadText.Length);
        if (payloadLength > _options.MaxPayloadLength)
        {
            return JwsVerificationResult.Fail(VerificationFailure.PayloadTooLarge, $"the payload is larger than {_options.MaxPayloadLength} bytes");
        }

        if (!StrictBase64Url.IsCanonical(headerText) || !StrictBase64Url.IsCanonical(payloadText) || !StrictBase64Url.IsCanonical(signatureText))
        {
            return JwsVerificationResult.Fail(VerificationFailure.MalformedBase64Url, "a segment is not canonical unpadded base64url");
        }

        var headerJson = new byte[StrictBase64Url.GetDecodedLength(headerText.Length)];
        StrictBase64Url.TryDecode(headerText, headerJson, out _);
        if (!JwsHeader.TryParse(headerJson, out var header, out string? headerProblem))
        {
            return JwsVerificationResult.Fail(VerificationFailure.MalformedHeader, headerProblem);
        }

        var algorithm = header.Algorithm switch
        {
            "EdDSA" when _allowEdDsa => (SigningAlgorithm)SigningAlgorithm.Ed25519,
            "ES256" when _allowEs256 => SigningAlgorithm.EcdsaP256Sha256,
            _ => null,
        };
        if (algorithm is null)
        {
            return JwsVerificationResult.Fail(VerificationFailure.AlgorithmNotAllowed, $"alg '{CallerText.Sanitize(header.Algorithm)}' is not allowed (allowed: {string.Join(", ", _options.AllowedAlgorithms)})", header);
        }

        if (CheckCritical(header) is { } critProblem)
        {
            return JwsVerificationResult.Fail(VerificationFailure.CritUnsupported, critProblem, header);
        }

        if (_options.ExpectedType is { } expectedType && !TypeMatches(header.Type, expectedType))
        {
            return JwsVerificationResult.Fail(VerificationFailure.TypeMismatch, $"typ is '{CallerText.Sanitize(header.Type)}', expected '{expectedType}'", header);
        }

        if (header.KeyId is null && _options.RequireKeyId)
        {
            return JwsVerificationResult.Fail(VerificationFailure.KeyIdMissing, "the protected header has no 'kid'", header);
        }

        byte[]? payload = null;
        if (!detached)
        {
            payload = new byte[payloadLength];
            StrictBase64Url.TryDecode(payloadText, payload, out _);
        }

        JwtClaims? claims = null;
        if (jwt is not null)
        {
            if (!JwtClaims.TryParse(payload, out claims, out string? claimsProblem))
            {
                return JwsVerificationResult.Fail(VerificationFailure.MalformedClaims, claimsProblem, header);
            }

            issuer ??= claims.Issuer;
        }

        Span<byte> signature = stackalloc byte[64];
        if (StrictBase64Url.GetDecodedLength(signatureText.Length) != algorithm.SignatureSize)
        {
            return JwsVerificationResult.Fail(VerificationFailure.SignatureInvalid, $"an {header.Algorithm} signature is {algorithm.SignatureSize} bytes", header);
        }

        StrictBase64Url.TryDecode(signatureText, signature, out _);
        var candidates = _keys.ResolveKeys(issuer, header.KeyId);
        if (candidates.Count == 0)
        {
            return JwsVerificationResult.Fail(
                VerificationFailure.KeyNotFound,
                header.KeyId is null ? $"no kid, and no trusted keys for issuer '{CallerText.Sanitize(issuer)}'" : issuer is null ? $"no trusted key has kid '{CallerText.Sanitize(header.KeyId)}'" : $"no key of '{CallerText.Sanitize(issuer)}' has kid '{CallerText.Sanitize(header.KeyId)}'",
                header);
        }

        var key = VerifySignature(token, firstDot, secondDot, detached, detachedPayload, signature, algorithm, candidates, out bool typeMatched);
        if (key is null)
        {
            return typeMatched
                ? JwsVerificationResult.Fail(VerificationFailure.SignatureInvalid, "the signature does not verify with the trusted key", header)
                : JwsVerificationResult.Fail(VerificationFailure.AlgorithmKeyMismatch, $"the key '{CallerText.Sanitize(header.KeyId)}' does not sign with {header.Algorithm}", header);
        }

        if (jwt is not null)
        {
            var failure = JwtClaimsValidator.Validate(claims!, jwt, out string? detail);
            if (failure != VerificationFailure.None)
            {
                return JwsVerificationResult.Fail(failure, detail!, header);
            }
        }

        return JwsVerificationResult.Success(header, detached ? detachedPayload.ToArray() : payload!, key, claims);
    }

    private static TrustedKey? VerifySignature(
        ReadOnlySpan<char> token,
        int firstDot,
        int secondDot,
        bool detached,
        ReadOnlySpan<byte> detachedPayload,
        ReadOnlySpan<byte> signature,
        SigningAlgorithm algorithm,
        IReadOnlyList<TrustedKey> candidates,
        out bool typeMatched)
    {
        // Signing input: ASCII(BASE64URL(header) '.' BASE64URL(payload)).
        int inputLength = detached ? firstDot + 1 + StrictBase64Url.GetEncodedLength(detachedPayload.Length) : secondDot;
        var rented = ArrayPool<byte>.Shared.Rent(inputLength);
        try
        {
            var input = rented.AsSpan(0, inputLength);
            if (detached)
            {
                Ascii.FromUtf16(token[..(firstDot + 1)], input, out _);
                StrictBase64Url.Encode(detachedPayload, input[(firstDot + 1)..]);
            }
            else
            {
                Ascii.FromUtf16(token[..secondDot], input, out _);
            }

            typeMatched = false;
            for (int i = 0; i < candidates.Count; i++)
            {
                var candidate = candidates[i];
                if (candidate.PublicKey.Algorithm.Kind != algorithm.Kind)
                {
                    continue;
                }

                // The key's own algorithm instance verifies.
                typeMatched = true;
                if (candidate.PublicKey.Algorithm.Verify(candidate.PublicKey, input, signature))
                {
                    return candidate;
                }
            }

            return null;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private string? CheckCritical(JwsHeader header)
    {
        if (header.Base64Payload is not null)
        {
            return "'b64' (RFC 7797 unencoded payloads) is not supported";
        }

        if (header.Critical is null)
        {
            return null;
        }

        foreach (string name in header.Critical)
        {
            if (!_options.SupportedCriticalParameters.Contains(name, StringComparer.Ordinal))
            {
                return $"crit names '{CallerText.Sanitize(name)}', which this verifier does not process";
            }
        }

        return null;
    }

    // RFC 7515 §4.1.9: media types compare case-insensitively, and "application/" may be omitted.
    private static bool TypeMatches(string? actual, string expected)
    {
        if (actual is null)
        {
            return false;
        }

        static ReadOnlySpan<char> Strip(string value) =>
            value.StartsWith("application/", StringComparison.OrdinalIgnoreCase) ? value.AsSpan("application/".Length) : value;

        return Strip(actual).Equals(Strip(expected), StringComparison.OrdinalIgnoreCase);
    }
}
