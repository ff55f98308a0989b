using System.Collections.Frozen;
using A2AGen.Biscuit;
using A2AGen.Biscuit.Crypto;
using A2AGen.Security;
using Microsoft.Extensions.Options;

namespace A2AGen.Hosting;

/// <summary>
/// The host's trusted Biscuit root keys and revocation deny list, read once when the agents start (docs/biscuit.md):
/// <see cref="A2ABiscuitOptions.RootKeys"/>, <c>trusted/biscuit/&lt;issuer&gt;.pub.pem</c> and
/// <c>A2AGEN_BISCUIT_ROOT_KEYS</c>. A file or value that cannot be read is an <see cref="InvalidOperationException"/>
/// naming it, which startup turns into one line.
/// </summary>
internal sealed class BiscuitTrust
{
    public const string FolderName = "biscuit";
    private const string PemSuffix = ".pub.pem";
    private const int MaxPemBytes = 16 * 1024;
    private static readonly char[] Separators = [',', ';', ' ', '\t', '\r', '\n'];

    public BiscuitTrust(IOptions<A2ABiscuitOptions> options, IOptions<A2AKeyOptions> keyOptions, A2AKeyRing keyRing)
    {
        var settings = options.Value;
        var env = keyOptions.Value.GetEnvironmentVariable;
        Options = settings;
        var roots = new List<(string Issuer, BiscuitPublicKey Key)>();
        foreach (var key in settings.RootKeys)
        {
            roots.Add(("code", key ?? throw new InvalidOperationException("A2ABiscuitOptions.RootKeys contains null.")));
        }

        Folder = Path.GetFullPath(settings.RootKeysDirectory
            ?? Path.Combine(keyOptions.Value.TrustedKeysDirectory ?? Path.Combine(keyRing.KeysDirectory, "trusted"), FolderName));
        if (settings.RootKeysDirectory is not null && !Directory.Exists(Folder))
        {
            throw new InvalidOperationException($"A2A keys: the Biscuit root key folder '{Folder}' does not exist; create it or correct A2ABiscuitOptions.RootKeysDirectory.");
        }

        if (Directory.Exists(Folder))
        {
            foreach (var file in Directory.EnumerateFiles(Folder).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                if (!name.EndsWith(PemSuffix, StringComparison.Ordinal))
                {
                    continue;
                }

                var issuer = name[..^PemSuffix.Length];
                roots.Add((issuer, ReadPem(file)));
            }
        }

        if (env(A2ABiscuitOptions.RootKeysVariable) is { Length: > 0 } variable)
        {
            foreach (var text in variable.Split(Separators, StringSplitOptions.RemoveEmptyEntries))
            {
                if (!BiscuitPublicKey.TryParse(text, out var key))
                {
                    throw new InvalidOperationException(
                        $"A2A keys: {A2ABiscuitOptions.RootKeysVariable} holds '{CallerText.Sanitize(text, 80)}', which is not a Biscuit public key (ed25519/<64 hex digits> or secp256r1/<66 hex digits>).");
                }

                roots.Add((A2ABiscuitOptions.RootKeysVariable, key));
            }
        }

        var revoked = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in settings.RevokedIds.Concat(env(A2ABiscuitOptions.RevokedIdsVariable)?.Split(Separators, StringSplitOptions.RemoveEmptyEntries) ?? []))
        {
            if (id.Length == 0 || id.Length % 2 != 0 || !id.All(char.IsAsciiHexDigit))
            {
                throw new InvalidOperationException($"A2A keys: the Biscuit revocation id '{CallerText.Sanitize(id, 80)}' is not hex (A2ABiscuitOptions.RevokedIds / {A2ABiscuitOptions.RevokedIdsVariable}).");
            }

            revoked.Add(id.ToLowerInvariant());
        }

        Roots = roots;
        ReadOptions = new BiscuitReadOptions { MaxTokenBytes = settings.MaxTokenBytes, RevokedIds = revoked.ToFrozenSet(StringComparer.Ordinal) };
    }

    public A2ABiscuitOptions Options { get; }

    /// <summary>The folder <c>trusted/biscuit/</c> (or the configured one) the keys were read from.</summary>
    public string Folder { get; }

    /// <summary>Every trusted root key and where it came from (the issuer's file name, <c>code</c> or the variable).</summary>
    public IReadOnlyList<(string Issuer, BiscuitPublicKey Key)> Roots { get; }

    /// <summary>Size limit and revoked ids for reading a token.</summary>
    public BiscuitReadOptions ReadOptions { get; }

    private static BiscuitPublicKey ReadPem(string file)
    {
        try
        {
            var info = new FileInfo(file);
            if (info.Length > MaxPemBytes)
            {
                throw new InvalidOperationException($"A2A keys: {file} is larger than {MaxPemBytes} bytes; it must be one SPKI public key PEM.");
            }

            var text = File.ReadAllText(file);
            if (text.Contains("PRIVATE KEY", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"A2A keys: {file} holds a private key; a trusted root is only its public key (SPKI PEM, -----BEGIN PUBLIC KEY-----). Delete the file and keep the private key with the issuer.");
            }

            return BiscuitPublicKey.FromPem(text);
        }
        catch (BiscuitFormatException e)
        {
            throw new InvalidOperationException($"A2A keys: {file} is not a Biscuit root key ({e.Message}); it must be an SPKI PEM (-----BEGIN PUBLIC KEY-----) of an Ed25519 or P-256 key.", e);
        }
        catch (IOException e)
        {
            throw new InvalidOperationException($"A2A keys: {file} cannot be read ({e.Message}).", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InvalidOperationException($"A2A keys: {file} cannot be read ({e.Message}).", e);
        }
    }
}
