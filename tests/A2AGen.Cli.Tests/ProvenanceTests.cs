using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using A2AGen.Cli.Tests.Infrastructure;
using A2AGen.Provenance;
using A2AGen.Security;

namespace A2AGen.Cli.Tests;

/// <summary>
/// <c>a2agen provenance sign / verify / show</c>: three agents sign a quote, a figure and a report made from both;
/// verify exits 0 Verified, 3 Unverified, 4 Invalid with the runtime's reason; show draws the chain of custody.
/// Times are the system clock's (the tool reads it), never fixed dates.
/// </summary>
public sealed class ProvenanceTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public ProvenanceTests()
    {
        Directory.CreateDirectory(_temp["trust"]);
        Directory.CreateDirectory(_temp["upstream-only"]);
        foreach (var (agent, algorithm) in new[] { ("currency-agent", SigningAlgorithm.Ed25519), ("finance-agent", (SigningAlgorithm)SigningAlgorithm.EcdsaP256Sha256), ("travel-desk", SigningAlgorithm.Ed25519) })
        {
            using var key = SigningKey.Create(algorithm, new SigningKeyOptions { ExportPolicy = SigningKeyExportPolicies.AllowPlaintextExport });
            File.WriteAllText(_temp[$"{agent}.key.pem"], key.ExportPem());
            File.WriteAllText(_temp[$"trust/{agent}.jwks.json"], JsonWebKeySet.Create([key.PublicKey]).ToJson());
            if (agent != "travel-desk")
            {
                File.WriteAllText(_temp[$"upstream-only/{agent}.jwks.json"], JsonWebKeySet.Create([key.PublicKey]).ToJson());
            }
        }
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Three_agents_sign_a_chain_that_verifies_and_shows_as_a_tree()
    {
        string report = await ChainAsync();

        var verify = await Tool.RunAsync("provenance", "verify", report, "--trust", _temp["trust"], "--task-id", "t-rep", "--context-id", "ctx-rep");
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.StartsWith("Verified: artifact 'report-1', 3 envelopes, every signature by a trusted key; bound to task t-rep, context ctx-rep: checked.", verify.Output);
        Assert.Contains("artifact 'quote-1' by currency-agent, task t-cur", verify.Output);
        Assert.Contains("Verified (ES256 key", verify.Output);

        var json = await Tool.RunAsync("provenance", "verify", report, "--trust", _temp["trust"], "--json");
        Assert.Equal(0, json.ExitCode);
        Assert.Equal("Verified", json.Json.GetProperty("status").GetString());
        var item = json.Json.GetProperty("items")[0];
        Assert.False(item.GetProperty("bindingChecked").GetBoolean());
        Assert.Equal(["travel-desk", "currency-agent", "finance-agent"], item.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("iss").GetString()));
        Assert.Equal(["currency-agent", "finance-agent", "travel-desk"], item.GetProperty("custody").EnumerateArray().Select(e => e.GetProperty("issuer").GetString()));
        Assert.Contains("agent 'finance-agent'", item.GetProperty("links")[2].GetProperty("keySource").GetString());

        var show = await Tool.RunAsync("provenance", "show", report, "--trust", _temp["trust"]);
        Assert.True(show.ExitCode == 0, show.ToString());
        string[] lines = show.Output.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("  artifact 'report-1' by travel-desk", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  +- artifact 'quote-1' by currency-agent", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  `- artifact 'figure-1' by finance-agent", StringComparison.Ordinal));
        Assert.Contains("Chain of custody, oldest first:", show.Output);
        Assert.Matches(@"3\. \S+  travel-desk produced artifact 'report-1' in task t-rep \(made from sha-256:", show.Output);
    }

    [Fact]
    public async Task Unverified_exits_3_and_every_failed_check_exits_4_with_its_reason()
    {
        string report = await ChainAsync();

        var unverified = await Tool.RunAsync("provenance", "verify", report, "--trust", _temp["upstream-only"]);
        Assert.Equal(3, unverified.ExitCode);
        Assert.StartsWith("Unverified (PROVENANCE_SIGNER_UNTRUSTED)", unverified.Output);
        Assert.Contains("give the signers' keys with --jwks or --trust", unverified.Error);

        var replay = await Tool.RunAsync("provenance", "verify", report, "--trust", _temp["trust"], "--task-id", "t-other");
        Assert.Equal(4, replay.ExitCode);
        Assert.StartsWith("Invalid (PROVENANCE_BINDING_MISMATCH)", replay.Output);

        var node = JsonNode.Parse(File.ReadAllText(report))!;
        node["parts"]![0]!["data"]!["value"] = 1;
        var tampered = await Tool.RunAsync("provenance", "verify", Write("tampered.json", node), "--trust", _temp["trust"]);
        Assert.Equal(4, tampered.ExitCode);
        Assert.StartsWith("Invalid (PROVENANCE_CONTENT_MISMATCH)", tampered.Output);

        node = JsonNode.Parse(File.ReadAllText(report))!;
        node["metadata"]![ProvenanceFormat.MetadataKey]!["ancestors"]![1]!["statement"]!["iat"] = 1;
        var forgedAncestor = await Tool.RunAsync("provenance", "verify", Write("forged.json", node), "--trust", _temp["trust"], "--json");
        Assert.Equal(4, forgedAncestor.ExitCode);
        Assert.Equal("PROVENANCE_PARENT_NOT_FOUND", forgedAncestor.Json.GetProperty("items")[0].GetProperty("reason").GetString());

        var shown = await Tool.RunAsync("provenance", "show", Write("forged2.json", node), "--trust", _temp["trust"]);
        Assert.Equal(4, shown.ExitCode);
        Assert.Contains("Invalid (PROVENANCE_PARENT_NOT_FOUND)", shown.Output);

        var plain = await Tool.RunAsync("provenance", "verify", Write("plain.json", JsonNode.Parse("""{"artifactId":"a","parts":[{"text":"x"}]}""")!), "--trust", _temp["trust"]);
        Assert.Equal(3, plain.ExitCode);
        Assert.StartsWith("Unverified (PROVENANCE_MISSING)", plain.Output);
    }

    [Fact]
    public async Task A_task_binds_its_artifacts_and_standard_input_works()
    {
        string report = await ChainAsync();
        var task = new JsonObject
        {
            ["id"] = "t-rep",
            ["contextId"] = "ctx-rep",
            ["status"] = new JsonObject { ["state"] = "TASK_STATE_COMPLETED" },
            ["artifacts"] = new JsonArray(JsonNode.Parse(File.ReadAllText(report))),
        };
        var answer = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["result"] = new JsonObject { ["task"] = task.DeepClone() } };
        var run = await Tool.RunAsync(["provenance", "verify", "-", "--trust", _temp["trust"]], new Dictionary<string, string>(), Encoding.UTF8.GetBytes(answer.ToJsonString()));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("bound to task t-rep, context ctx-rep: checked", run.Output);

        task["id"] = "t-elsewhere";
        var moved = await Tool.RunAsync("provenance", "verify", Write("moved-task.json", task), "--trust", _temp["trust"]);
        Assert.Equal(4, moved.ExitCode);
        Assert.Contains("PROVENANCE_BINDING_MISMATCH", moved.Output);
    }

    [Fact]
    public async Task A_10_MB_chain_is_refused_with_a_reason()
    {
        string report = await ChainAsync();
        var node = JsonNode.Parse(File.ReadAllText(report))!;
        var ancestors = node["metadata"]![ProvenanceFormat.MetadataKey]!["ancestors"]!.AsArray();
        string one = ancestors[0]!.ToJsonString();
        var padded = new StringBuilder(node.ToJsonString());
        int at = padded.ToString().IndexOf("\"ancestors\":[", StringComparison.Ordinal) + "\"ancestors\":[".Length;
        var filler = new StringBuilder();
        while (filler.Length < 10 * 1024 * 1024)
        {
            filler.Append(one).Append(',');
        }

        padded.Insert(at, filler.ToString());
        File.WriteAllText(_temp["huge.json"], padded.ToString());
        var run = await Tool.RunAsync("provenance", "verify", _temp["huge.json"], "--trust", _temp["trust"]);
        Assert.Equal(4, run.ExitCode);
        Assert.StartsWith("Invalid (PROVENANCE_CHAIN_TOO_LARGE)", run.Output);
    }

    [Fact]
    public async Task Signing_refuses_what_it_cannot_bind_and_bad_parents()
    {
        string quote = Write("quote.json", Artifact("quote-1", """{"rate":1.08}"""));
        var noTask = await Tool.RunAsync("provenance", "sign", quote, "--agent-id", "currency-agent", "--key", _temp["currency-agent.key.pem"]);
        Assert.Equal(2, noTask.ExitCode);
        Assert.Contains("give --task-id and --context-id", noTask.Error);

        var unsignedParent = await Tool.RunAsync("provenance", "sign", quote, "--agent-id", "travel-desk", "--key", _temp["travel-desk.key.pem"], "--task-id", "t", "--context-id", "c", "--parent", quote);
        Assert.Equal(1, unsignedParent.ExitCode);
        Assert.Contains("carries no provenance envelope", unsignedParent.Error);

        var message = Write("message.json", JsonNode.Parse("""{"messageId":"m-1","role":"ROLE_AGENT","contextId":"ctx-1","taskId":"t-1","parts":[{"text":"done"}]}""")!);
        var signedMessage = await Tool.RunAsync("provenance", "sign", message, "--agent-id", "travel-desk", "--key", _temp["travel-desk.key.pem"], "--lifetime", "3600", "--out", _temp["message.signed.json"]);
        Assert.True(signedMessage.ExitCode == 0, signedMessage.ToString());
        var verified = await Tool.RunAsync("provenance", "verify", _temp["message.signed.json"], "--trust", _temp["trust"], "--json");
        Assert.Equal(0, verified.ExitCode);
        Assert.NotEqual(JsonValueKind.Null, verified.Json.GetProperty("items")[0].GetProperty("links")[0].GetProperty("expiresAt").ValueKind);
    }

    private async Task<string> ChainAsync()
    {
        string quote = await SignAsync("currency-agent", Artifact("quote-1", """{"from":"EUR","to":"USD","rate":1.0842}"""), "t-cur", "ctx-cur", "quote.signed.json");
        string figure = await SignAsync("finance-agent", Artifact("figure-1", """{"metric":"revenue","value":125000.5}"""), "t-fin", "ctx-fin", "figure.signed.json");
        return await SignAsync("travel-desk", Artifact("report-1", """{"summary":"revenue in USD","value":135529.24}"""), "t-rep", "ctx-rep", "report.signed.json", quote, figure);
    }

    private async Task<string> SignAsync(string agent, JsonNode artifact, string taskId, string contextId, string output, params string[] parents)
    {
        var args = new List<string> { "provenance", "sign", Write(output + ".in", artifact), "--agent-id", agent, "--key", _temp[$"{agent}.key.pem"], "--task-id", taskId, "--context-id", contextId, "--out", _temp[output] };
        foreach (string parent in parents)
        {
            args.Add("--parent");
            args.Add(parent);
        }

        var run = await Tool.RunAsync([.. args]);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"Signed artifact as '{agent}'", run.Output);
        return _temp[output];
    }

    private static JsonNode Artifact(string id, string data) =>
        JsonNode.Parse($$"""{"artifactId":"{{id}}","name":"{{id}}","parts":[{"data":{{data}}}]}""")!;

    private string Write(string name, JsonNode document)
    {
        File.WriteAllText(_temp[name], document.ToJsonString());
        return _temp[name];
    }
}
