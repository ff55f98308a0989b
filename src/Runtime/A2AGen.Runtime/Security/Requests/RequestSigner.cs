using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace A2AGen.Security;

/// <summary>
/// Signs outgoing A2A requests (DESIGN §6.4): a compact JWS with protected header
/// <c>{"alg","kid","typ":"a2a-request+jwt"}</c> and claims <c>iss</c> (the calling agent), <c>aud</c> and <c>htu</c>
/// (the URL called, without query and fragment), <c>iat</c>, <c>exp</c>, a random <c>jti</c>, <c>htm</c> (the HTTP
/// method) and <c>bh</c> (base64url SHA-256 of the exact body bytes). Thread-safe; the key stays owned by the caller.
/// </summary>
public sealed class RequestSigner
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly JwsSigningOptions _header;

    /// <summary>Creates a signer for <paramref name="issuer"/>.</summary>
    /// <param name="key">The caller's signing key (Ed25519 or P-256); not disposed by the signer.</param>
    /// <param name="issuer">The caller's agent id (<c>iss</c>); the verifier's trust store must hold the key under it.</param>
    /// <param name="options">Lifetime, <c>kid</c>, clock.</param>
    /// <exception cref="ArgumentException">The issuer is not a valid agent id, or the lifetime is outside 1 second to 5 minutes.</exception>
    public RequestSigner(SigningKey key, string issuer, RequestSigningOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
        Issuer = AgentId.Validate(issuer, nameof(issuer));
        Options = options ?? new RequestSigningOptions();
        if (Options.Lifetime < TimeSpan.FromSeconds(1) || Options.Lifetime > RequestSignatureFormat.DefaultMaxLifetime)
        {
            throw new ArgumentException($"A request signature lifetime of {Options.Lifetime} is outside 1 second to 5 minutes (verifiers refuse longer ones).", nameof(options));
        }

        _header = new JwsSigningOptions { KeyId = Options.KeyId, Type = RequestSignatureFormat.Type };
    }

    /// <summary>The signing key.</summary>
    public SigningKey Key { get; }

    /// <summary>The caller's agent id (<c>iss</c>).</summary>
    public string Issuer { get; }

    /// <summary>The signer's settings.</summary>
    public RequestSigningOptions Options { get; }

    /// <summary>Signs a request.</summary>
    /// <param name="method">The HTTP method, e.g. <c>POST</c> (<c>htm</c>).</param>
    /// <param name="url">The absolute URL called (<c>aud</c>, and <c>htu</c> without query and fragment).</param>
    /// <param name="body">The exact body bytes that will be sent (<c>bh</c>).</param>
    /// <returns>The value of the <c>A2A-Signature</c> header.</returns>
    /// <exception cref="ArgumentException">The URL is not an absolute http(s) URL without user information.</exception>
    public string Sign(string method, Uri url, ReadOnlySpan<byte> body) => Sign(method, url, url, body);

    /// <summary>
    /// Signs a request whose audience is not the URL called: an HTTP+JSON route (<c>aud</c> the agent's interface URL,
    /// <c>htu</c> the route's URL) or a gRPC method (<c>aud</c> the gRPC interface URL, <c>htu</c> that URL with the
    /// method's path).
    /// </summary>
    /// <param name="method">The HTTP method, e.g. <c>POST</c> (<c>htm</c>).</param>
    /// <param name="url">The absolute URL called (<c>htu</c>, without query and fragment).</param>
    /// <param name="audience">The agent's interface URL (<c>aud</c>).</param>
    /// <param name="body">The exact body bytes that will be sent (<c>bh</c>).</param>
    /// <returns>The compact JWS.</returns>
    /// <exception cref="ArgumentException">A URL is not an absolute http(s) URL without user information.</exception>
    public string Sign(string method, Uri url, Uri audience, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(audience);
        var target = RequestTarget.Normalize(url)
            ?? throw new ArgumentException($"'{url}' is not an absolute http or https URL without user information.", nameof(url));
        var aud = ReferenceEquals(url, audience) ? target : RequestTarget.Normalize(audience)
            ?? throw new ArgumentException($"'{audience}' is not an absolute http or https URL without user information.", nameof(audience));

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        Span<byte> id = stackalloc byte[16];
        RandomNumberGenerator.Fill(id);
        var now = Options.TimeProvider.GetUtcNow().ToUnixTimeSeconds();

        var claims = new ArrayBufferWriter<byte>(384);
        using (var writer = new Utf8JsonWriter(claims, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("iss"u8, Issuer);
            writer.WriteString("aud"u8, aud);
            writer.WriteNumber("iat"u8, now);
            writer.WriteNumber("exp"u8, now + (long)Options.Lifetime.TotalSeconds);
            writer.WriteString("jti"u8, StrictBase64Url.Encode(id));
            writer.WriteString("htm"u8, method);
            writer.WriteString("htu"u8, target);
            writer.WriteString("bh"u8, StrictBase64Url.Encode(hash));
            writer.WriteEndObject();
        }

        return Jws.Sign(Key, claims.WrittenSpan, _header);
    }

    /// <summary>The <c>bh</c> value of <paramref name="body"/>: base64url SHA-256 of the bytes.</summary>
    /// <param name="body">The body.</param>
    public static string ComputeBodyHash(ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, hash);
        return StrictBase64Url.Encode(hash);
    }
}
