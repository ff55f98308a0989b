using A2AGen.Biscuit;
using A2AGen.Biscuit.Crypto;

namespace A2AGen.Hosting;

/// <summary>
/// How the host verifies the Biscuit bearer tokens of <see cref="RequiresBiscuitAttribute"/> skills (docs/biscuit.md),
/// for every agent of the host. Configure with <c>services.Configure&lt;A2ABiscuitOptions&gt;(…)</c>. Trusted root keys
/// are the union of <see cref="RootKeys"/>, the <c>*.pub.pem</c> files of <see cref="RootKeysDirectory"/> and
/// <see cref="RootKeysVariable"/>; a problem with any of them stops the start with one line.
/// </summary>
public sealed class A2ABiscuitOptions
{
    /// <summary>The environment variable with extra trusted root keys: <c>ed25519/&lt;hex&gt;</c> or <c>secp256r1/&lt;hex&gt;</c>, separated by commas, semicolons or white space.</summary>
    public const string RootKeysVariable = "A2AGEN_BISCUIT_ROOT_KEYS";

    /// <summary>The environment variable with extra revoked ids (hex revocation ids, separated like <see cref="RootKeysVariable"/>).</summary>
    public const string RevokedIdsVariable = "A2AGEN_BISCUIT_REVOKED_IDS";

    /// <summary>Root keys trusted in code, besides the folder and the environment.</summary>
    public IList<BiscuitPublicKey> RootKeys { get; } = [];

    /// <summary>
    /// The folder of trusted root keys, one SPKI PEM per issuer (<c>&lt;issuer&gt;.pub.pem</c>, Ed25519 or P-256); default
    /// <c>trusted/biscuit/</c> in the key directory (<see cref="A2AKeyOptions.KeysDirectory"/>). It need not exist.
    /// </summary>
    public string? RootKeysDirectory { get; set; }

    /// <summary>
    /// Revocation ids (hex, as <c>a2agen biscuit inspect</c> prints them) whose tokens are refused as
    /// <c>BISCUIT_INVALID</c>; a block's id revokes the token and every token attenuated from it.
    /// </summary>
    public ISet<string> RevokedIds { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Limits of each authorization (facts, iterations, time); default <see cref="AuthorizerLimits.Default"/>.</summary>
    public AuthorizerLimits Limits { get; set; } = AuthorizerLimits.Default;

    /// <summary>The largest token accepted, in bytes once decoded (default 16 KiB).</summary>
    public int MaxTokenBytes { get; set; } = 16 * 1024;
}
