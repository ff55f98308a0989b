using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Interop;

/// <summary>
/// docs/client.md's JavaScript example, taken out of the page as it is and run with the official <c>@a2a-js/sdk</c>
/// 1.3.0 against a real agent with the skills it names (<c>echo</c>: text, <c>quote</c>: <c>QuoteRequest</c> → <c>Quote</c>),
/// so the example a newcomer copies cannot drift from what works.
/// </summary>
public sealed class DocsJsSnippetTests
{
    private const string Marker = "<!-- js-sdk-client: tested -->";

    [Fact]
    public async Task The_client_md_js_sdk_example_runs_and_prints_what_its_comments_say()
    {
        var snippet = Snippet();
        await using var host = await TestHost.StartAsync(
            s =>
            {
                s.AddSingleton<SkillProbe>();
                s.AddA2AAgent<ToolboxAgent>(o => o.Json.TypeInfoResolverChain.Insert(0, ToolboxJsonContext.Default));
            },
            app => app.MapA2AAgent<ToolboxAgent>("/agents/toolbox"));

        // In the interop folder, so that Node resolves @a2a-js/sdk from its node_modules, as after `npm install`.
        await NodePeers.EnsureInstalledAsync();
        var file = $".docs-client-{Guid.NewGuid():N}.mjs";
        var path = Path.Combine(NodePeers.InteropDirectory, file);
        await File.WriteAllTextAsync(path, snippet);
        string output;
        try
        {
            output = await NodePeers.RunScriptAsync(file, new Uri(host.BaseAddress, "/agents/toolbox/").ToString());
        }
        finally
        {
            File.Delete(path);
        }

        // Each console.log line prints what the comment beside it in the page says.
        var expected = snippet.Split('\n')
            .Where(line => line.TrimStart().StartsWith("console.log(", StringComparison.Ordinal))
            .Select(line => line[(line.LastIndexOf("// ", StringComparison.Ordinal) + 3)..].Trim())
            .ToArray();
        Assert.Equal(["hello from js", """{"amount":80,"currency":"GBP","rate":0.8}"""], expected);
        Assert.Equal(expected, output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static string Snippet()
    {
        var root = typeof(DocsJsSnippetTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
        var page = File.ReadAllText(Path.Combine(root, "docs", "client.md")).ReplaceLineEndings("\n");
        var start = page.IndexOf(Marker, StringComparison.Ordinal);
        Assert.True(start >= 0, $"docs/client.md has no {Marker}");
        var open = page.IndexOf("```js\n", start, StringComparison.Ordinal) + "```js\n".Length;
        var close = page.IndexOf("\n```", open, StringComparison.Ordinal);
        return page[open..close] + "\n";
    }
}
