using System.Text.Json;
using System.Text.Json.Nodes;

namespace A2AGen.Conformance.Tests.Bindings;

/// <summary>TCK binding equivalence (BIND-EQUIV-*, BIND-FIELD-001): every binding the agent serves, side by side.</summary>
[Collection(ConformanceCollection.Name)]
public sealed class BindingEquivalenceTests(ConformanceHost host)
{
    [Fact, Trait("tck", "BIND-EQUIV-002")]
    public async Task BIND_EQUIV_002_every_binding_returns_the_same_task_for_the_same_request()
    {
        var shapes = new List<string>();
        foreach (var binding in Binding.All)
        {
            var client = host.Client(binding);
            var sent = (await client.SendAsync(Tck.Send("tck-artifact-data"))).Task;
            var got = (await client.GetTaskAsync(Tck.Id(sent))).Result;
            shapes.Add(Normalize(sent) + "\n" + Normalize(got));
        }

        Assert.Single(shapes.Distinct());
    }

    [Fact, Trait("tck", "BIND-EQUIV-003")]
    public async Task BIND_EQUIV_003_every_binding_reports_the_same_error_for_the_same_fault()
    {
        var reasons = new List<string>();
        foreach (var binding in Binding.All)
        {
            var client = host.Client(binding);
            var done = Tck.Id((await client.SendAsync(Tck.Send("tck-complete-task"))).Task);
            reasons.Add(string.Join(",",
                (await client.GetTaskAsync("tck-nonexistent")).Reason,
                (await client.CancelTaskAsync(done)).Reason,
                (await client.SendAsync(Tck.Send("tck-complete-task", taskId: done))).Reason,
                (await client.SubscribeAsync(done)).Error?.Reason));
        }

        Assert.Equal("TASK_NOT_FOUND,TASK_NOT_CANCELABLE,UNSUPPORTED_OPERATION,UNSUPPORTED_OPERATION", Assert.Single(reasons.Distinct()));
    }

    [Fact, Trait("tck", "BIND-FIELD-001"), Trait("tck", "BIND-EQUIV-001")]
    public async Task BIND_FIELD_001_the_card_declares_every_binding_served()
    {
        using var response = await host.Http.GetAsync("/.well-known/agent-card.json");
        var card = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        var declared = card.GetProperty("supportedInterfaces").EnumerateArray().Select(i => i.GetProperty("protocolBinding").GetString()).ToHashSet();
        Assert.Equal(Binding.All.Order(), declared.Order());
        // JSON-RPC and HTTP+JSON share the host's address; gRPC, served by default, has an HTTP/2 port of its own at this
        // host (where the suite's gRPC client calls it).
        Assert.All(card.GetProperty("supportedInterfaces").EnumerateArray(), i =>
        {
            var url = new Uri(i.GetProperty("url").GetString()!);
            Assert.Equal(host.BaseAddress.Host, url.Host);
            if (i.GetProperty("protocolBinding").GetString() == Binding.Grpc)
            {
                Assert.NotEqual(host.BaseAddress.Port, url.Port);
                Assert.Equal(host.GrpcAddress, url);
            }
            else
            {
                Assert.Equal(host.BaseAddress.Port, url.Port);
            }
        });
    }

    // Ids and timestamps differ per task; everything else must be the same whatever the binding.
    private static string Normalize(JsonElement task)
    {
        var node = JsonNode.Parse(task.GetRawText())!.AsObject();
        node.Remove("id");
        node.Remove("contextId");
        node.Remove("history");
        node["status"]!.AsObject().Remove("timestamp");
        foreach (var artifact in node["artifacts"]!.AsArray())
        {
            artifact!.AsObject().Remove("artifactId");
        }

        return node.ToJsonString();
    }
}
