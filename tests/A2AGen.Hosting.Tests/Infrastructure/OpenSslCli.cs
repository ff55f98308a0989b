using System.Diagnostics;

namespace A2AGen.Hosting.Tests.Infrastructure;

/// <summary>Runs the <c>openssl</c> command-line tool, an independent maker of keys and certificates.</summary>
public static class OpenSslCli
{
    public static void Run(params string[] arguments)
    {
        var info = new ProcessStartInfo("openssl") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "openssl did not finish within a minute");
        Assert.True(process.ExitCode == 0, $"openssl {string.Join(' ', arguments)} failed: {error.Result}");
    }

    /// <summary>Writes a new Ed25519 (or P-256) private key in PKCS#8 PEM to <paramref name="path"/>, creating its folder.</summary>
    public static string NewKey(string path, bool p256 = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (p256)
        {
            Run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", path);
        }
        else
        {
            Run("genpkey", "-algorithm", "ed25519", "-out", path);
        }

        return path;
    }
}
