using A2AGen.Security;

namespace A2AGen.Hosting;

/// <summary>
/// Where the host finds its agents' keys and the keys it trusts (DESIGN §7), for every agent of the host. Configure
/// with <c>services.Configure&lt;A2AKeyOptions&gt;(…)</c>; unset values come from the environment
/// (<see cref="KeyEnvironment"/>). Layout of the key directory:
/// <code>
/// a2a-keys/                         A2AGEN_KEYS_DIR, else ./a2a-keys
///   &lt;agent-id&gt;/signing.key.pem      one folder per agent (also retired/*.pub.pem, signing.pub.pem)
///   signing.key.pem                 or, for a host with a single agent, the key at the top
///   trusted/&lt;agent-id&gt;.jwks.json     peers the whole host trusts
/// </code>
/// </summary>
public sealed class A2AKeyOptions
{
    /// <summary>The key directory; default <c>A2AGEN_KEYS_DIR</c>, else <c>./a2a-keys</c> (it need not exist when every agent has a key elsewhere).</summary>
    public string? KeysDirectory { get; set; }

    /// <summary>The password of encrypted <c>signing.key.pem</c> files; default <c>A2AGEN_KEY_PASSWORD</c>.</summary>
    public string? KeyPassword { get; set; }

    /// <summary>
    /// Whether an agent without a configured key gets a development key, generated once per agent outside the source
    /// tree and trusted by this host. Default: only when the host environment is Development. Setting it in Production
    /// is a startup error.
    /// </summary>
    public bool? AllowDevelopmentKeys { get; set; }

    /// <summary>Where development keys are kept; default <c>A2AGEN_DEV_KEYS_DIR</c>, else the user's local application data.</summary>
    public string? DevelopmentKeysDirectory { get; set; }

    /// <summary>The folder of trusted peers' key sets (<c>&lt;agent-id&gt;.jwks.json</c>); default <c>trusted/</c> in <see cref="KeysDirectory"/>.</summary>
    public string? TrustedKeysDirectory { get; set; }

    /// <summary>Reads an environment variable (tests replace it); default <see cref="Environment.GetEnvironmentVariable(string)"/>.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; set; } = Environment.GetEnvironmentVariable;
}
