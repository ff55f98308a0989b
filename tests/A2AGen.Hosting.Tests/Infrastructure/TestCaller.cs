using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using A2AGen.Security;

namespace A2AGen.Hosting.Tests.Infrastructure;

/// <summary>
/// A calling agent with a key made for the test (never written anywhere): signs requests with
/// <see cref="RequestSigner"/>, or crafts tokens with chosen claims and headers to exercise each verifier check. Its
/// tokens are issued on <see cref="Clock"/>: the host's <see cref="FakeTimeProvider"/> where the test gives the host
/// one, otherwise the system clock the host reads too.
/// </summary>
public sealed class TestCaller(string id, SigningAlgorithm? algorithm = null, TimeProvider? clock = null) : IDisposable
{
    public string Id { get; } = id;

    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    public SigningKey Key { get; } = SigningKey.Create(algorithm ?? SigningAlgorithm.Ed25519);

    public RequestSigner Signer => new(Key, Id, new RequestSigningOptions { TimeProvider = Clock });

    /// <summary>Trusts this caller's key in <paramref name="trust"/> under its id.</summary>
    public TestCaller TrustedBy(TrustStore trust)
    {
        trust.Add(Id, Key.PublicKey);
        return this;
    }

    public string Sign(Uri url, string body, string method = "POST") => Signer.Sign(method, url, Encoding.UTF8.GetBytes(body));

    /// <summary>The claims <see cref="RequestSigner"/> would write, for <paramref name="edit"/> to change, signed as given.</summary>
    public string Token(Uri url, string body, Action<Dictionary<string, object?>>? edit = null, string? type = RequestSignatureFormat.Type, string? keyId = null, SigningKey? signWith = null)
    {
        var now = Clock.GetUtcNow().ToUnixTimeSeconds();
        var target = RequestTarget.Normalize(url)!;
        var claims = new Dictionary<string, object?>
        {
            ["iss"] = Id,
            ["aud"] = target,
            ["iat"] = now,
            ["exp"] = now + 60,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["htm"] = "POST",
            ["htu"] = target,
            ["bh"] = RequestSigner.ComputeBodyHash(Encoding.UTF8.GetBytes(body)),
        };
        edit?.Invoke(claims);
        foreach (var key in claims.Where(c => c.Value is null).Select(c => c.Key).ToList())
        {
            claims.Remove(key);
        }

        var signer = signWith ?? Key;
        return Jws.Sign(signer, JsonSerializer.SerializeToUtf8Bytes(claims), new JwsSigningOptions { Type = type, KeyId = keyId ?? (signWith is null ? null : Key.PublicKey.Thumbprint) });
    }

    /// <summary>A token with a hand-written protected header (e.g. an algorithm no key can make), signed with random bytes.</summary>
    public static string Forged(string headerJson, string claimsJson) =>
        StrictBase64Url.Encode(Encoding.UTF8.GetBytes(headerJson)) + "." + StrictBase64Url.Encode(Encoding.UTF8.GetBytes(claimsJson)) + "." +
        StrictBase64Url.Encode(RandomNumberGenerator.GetBytes(64));

    public void Dispose() => Key.Dispose();
}
