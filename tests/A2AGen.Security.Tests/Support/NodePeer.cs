using System.Diagnostics;
using A2AGen.Tests.Shared;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace A2AGen.Security.Tests.Support;

/// <summary>Runs the Node scripts in <c>tests/interop</c> (installing their packages with <c>npm ci</c> once if needed).</summary>
internal static class NodePeer
{

    /// <summary>Runs <paramref name="script"/> with <paramref name="input"/> as JSON on stdin and parses its stdout.</summary>
    public static JsonNode Run(string script, JsonNode input)
    {
        string directory = InteropPackages.EnsureInstalled();
        var (code, output, error) = Execute("node", [script], directory, input.ToJsonString(), TimeSpan.FromSeconds(60));
        Assert.True(code == 0, $"node {script} failed ({code}): {error}");
        try
        {
            return JsonNode.Parse(output)!;
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"node {script} wrote something other than JSON: {output[..Math.Min(output.Length, 500)]} (stderr: {error})", e);
        }
    }

    private static (int Code, string Output, string Error) Execute(string file, string[] arguments, string directory, string? stdin, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            process.StandardInput.Write(stdin);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', arguments)} timed out");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    public static JsonNode ToNode(this JsonWebKey key) => JsonNode.Parse(key.ToJson())!;

    public static JsonWebKey ToJwk(this JsonNode node) => JsonWebKey.Parse(Encoding.UTF8.GetBytes(node.ToJsonString()));

    public static JsonSerializerOptions Options { get; } = new();
}
