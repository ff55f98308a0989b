using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using A2AGen.Tests.Shared;

namespace A2AGen.Biscuit.Tests;

/// <summary>
/// The Biscuit reference implementation (<c>@biscuit-auth/biscuit-wasm</c> 0.6.0 in Node) driven through
/// <c>tests/interop/biscuit-peer.mjs</c>: a batch of operations in, one result per operation out.
/// </summary>
internal static class BiscuitPeer
{
    public static JsonArray Run(params JsonObject[] operations)
    {
        var directory = InteropPackages.EnsureInstalled();
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("--experimental-wasm-modules");
        start.ArgumentList.Add("--no-warnings");
        start.ArgumentList.Add("biscuit-peer.mjs");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(new JsonArray([.. operations]).ToJsonString());
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("biscuit-peer.mjs timed out");
        }

        Assert.True(process.ExitCode == 0, $"biscuit-peer.mjs failed ({process.ExitCode}): {error.Result}");
        var last = output.Result.TrimEnd().Split('\n')[^1];
        return JsonNode.Parse(last)!.AsArray();
    }

    public static JsonElement ToElement(this JsonNode node) => JsonDocument.Parse(node.ToJsonString()).RootElement;
}
