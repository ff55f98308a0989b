using A2AGen.Biscuit;
using A2AGen.Biscuit.Crypto;
using A2AGen.Security;

namespace TravelDesk.AgentHosting;

/// <summary>
/// The demo's "finance-authority": the development Biscuit root key that grants budget rights. Created once under the
/// development keys folder (<c>A2AGEN_DEV_KEYS_DIR</c>, else the user's local application data; never the source tree),
/// then reused, so a standalone finance agent and the orchestrator agree on it. The finance agent trusts it only in
/// Development; elsewhere its root comes from <c>&lt;keys&gt;/trusted/biscuit/finance-authority.pub.pem</c>.
/// </summary>
public static class FinanceAuthority
{
    /// <summary>The issuer's name (its folder and its trusted PEM's name).</summary>
    public const string Issuer = "finance-authority";

    private const string FileName = "biscuit-root.key";

    /// <summary>Loads the key, creating it on first use.</summary>
    public static BiscuitKeyPair Load()
    {
        var folder = Path.Combine(DevelopmentRoot(), Issuer);
        var path = Path.Combine(folder, FileName);
        if (File.Exists(path))
        {
            return BiscuitKeyPair.ParsePrivateKey(File.ReadAllText(path).Trim());
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var key = BiscuitKeyPair.Create();
        var text = "ed25519-private/" + Convert.ToHexStringLower(key.ExportPrivateKey());
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var file = new FileStream(path, options);
            using var writer = new StreamWriter(file);
            writer.Write(text);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process (the orchestrator or a standalone agent) created it first: use theirs.
            key.Dispose();
            return BiscuitKeyPair.ParsePrivateKey(File.ReadAllText(path).Trim());
        }
    }

    // A2AGEN_DEV_KEYS_DIR, else where A2AGen.Hosting keeps development keys (docs/hosting.md, Keys).
    private static string DevelopmentRoot() =>
        Environment.GetEnvironmentVariable(KeyEnvironment.DevelopmentKeysDirectory) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "a2agen", "dev-keys");
}
