using System.Text.Json;
using A2AGen.Protocol;

namespace A2AGen.Hosting.Payloads;

/// <summary>
/// The wire form of a published payload (docs/architecture.md, "Store-and-fetch"): an A2A v1.0 <c>url</c> part with the
/// original <c>mediaType</c> and <c>filename</c>, and under <see cref="MetadataKey"/> (DESIGN §13) the content's SHA-256,
/// size, the URL's expiry (<c>exp</c>, seconds since the epoch like the token's) and the original part kind. The URL is
/// <c>{payload endpoint}/{id}?token={JWS}</c>; the JWS (<see cref="TokenType"/>) is signed by the sender and names it
/// (<c>iss</c>), the recipient (<c>aud</c>), the id (<c>jti</c>), the expiry and the digest.
/// </summary>
internal static class PayloadFormat
{
    public const string MetadataKey = "urn:a2agen:ext:fetch:v1";
    public const string TokenType = "a2a-payload+jwt";
    public const string TokenParameter = "token";
    public const string DigestClaim = "sha256";
    public const string SizeClaim = "size";
    public const string KindRaw = "raw";
    public const string KindText = "text";

    /// <summary>How far the sender's and the recipient's clocks may disagree about an expiry (token and metadata alike).</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(5);

    // Reasons of refusals (ErrorInfo.reason on the recipient's answer, "reason" in the payload endpoint's answer).
    public const string SourceNotAllowed = "PAYLOAD_SOURCE_NOT_ALLOWED";
    public const string HostNotAllowed = "PAYLOAD_HOST_NOT_ALLOWED";
    public const string UrlInvalid = "PAYLOAD_URL_INVALID";
    public const string UrlExpired = "PAYLOAD_URL_EXPIRED";
    public const string ExpiryMismatch = "PAYLOAD_EXPIRY_MISMATCH";
    public const string UrlUsed = "PAYLOAD_URL_USED";
    public const string WrongRecipient = "PAYLOAD_WRONG_RECIPIENT";
    public const string TooLarge = "PAYLOAD_TOO_LARGE";
    public const string DigestMismatch = "PAYLOAD_DIGEST_MISMATCH";
    public const string FetchRefused = "PAYLOAD_FETCH_REFUSED";
    public const string SourceUnavailable = "PAYLOAD_SOURCE_UNAVAILABLE";
    public const string SignatureRequired = "PAYLOAD_SIGNATURE_REQUIRED";

    /// <summary>
    /// The card's declaration that an agent fetches payload parts (DESIGN §13), for a host with payload sources
    /// (<see cref="A2APayloadOptions.Sources"/>): never required, since a sender that ignores it just sends inline.
    /// </summary>
    public static AgentExtension CardExtension(int maxSize) => new()
    {
        Uri = MetadataKey,
        Description = "Parts too large to send inline may arrive as url parts with metadata[\"" + MetadataKey + "\"] = {sha256, size, exp, kind}: this agent fetches them once, with a GET signed by its own key (A2A-Signature), only from the payload source it has declared for the message's signer, and checks size and SHA-256 before the skill runs. maxSize is the largest payload it fetches, in bytes.",
        Params = new Dictionary<string, JsonElement>(StringComparer.Ordinal) { ["maxSize"] = JsonSerializer.SerializeToElement(maxSize, PayloadMetadataContext.Default.Int32) },
    };

    /// <summary>Whether <paramref name="id"/> has the form the publisher gives (43 base64url characters: 32 random bytes).</summary>
    public static bool IsId(string? id) =>
        id is { Length: 43 } && id.AsSpan().IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") < 0;
}
