using System.Text.Json;
using System.Text.Json.Nodes;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Provenance;
using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Provenance;

/// <summary>
/// <c>[Provenance]</c> in hosting: every artifact and agent message a signing skill produces — run to completion, in the
/// background, streamed, across turns, or as a direct reply — carries an envelope that verifies with nothing but the
/// agent's published JWKS, bound to its task, context and id; parents a skill names are cited and carried; a skill
/// without the attribute signs nothing; jose checks the envelopes independently.
/// </summary>
public sealed class HostedProvenanceTests(HostedProvenanceTests.NotaryFixture fixture) : IClassFixture<HostedProvenanceTests.NotaryFixture>
{
    private const string Path = "/notary";

    private HttpClient Client => fixture.Host.Client;

    private static KeyValuePair<string, string>[] Caller(string name) => [Rpc.Header(TestHost.UserHeader, name + "-" + Guid.NewGuid().ToString("N"))];

    [Fact]
    public async Task An_artifact_of_an_unsigned_anonymous_call_carries_an_envelope_that_verifies_with_the_published_JWKS()
    {
        var task = (await Rpc.CallAsync(Client, Path, "SendMessage", Rpc.UserText("the deed", "attest"))).Result.GetProperty("task");
        var (taskId, contextId) = Ids(task);
        var artifact = ArtifactOf(task.GetProperty("artifacts")[0]);

        var envelope = ProvenanceEnvelope.Parse(ProvenanceFormat.FindEnvelope(artifact)!.Value);
        Assert.Equal(NotaryAgent.Id, envelope.Statement.Issuer);
        Assert.Equal(ProvenanceKind.Artifact, envelope.Statement.Kind);
        Assert.Equal(artifact.ArtifactId, envelope.Statement.ContentId);
        Assert.Equal(taskId, envelope.Statement.TaskId);
        Assert.Equal(contextId, envelope.Statement.ContextId);
        Assert.Empty(envelope.Statement.Parents);

        var verifier = await VerifierAsync();
        var result = verifier.Verify(artifact, new ProvenanceExpectations { TaskId = taskId, ContextId = contextId });
        Assert.True(result.IsVerified, result.ToString());
        Assert.True(result.BindingChecked);
        Assert.Equal(NotaryAgent.Id, result.Root!.Key!.AgentId);
        Assert.Equal(fixture.SigningKeyId, result.Root.Key.KeyId);

        // The same envelope presented as if from another task is a replay; changed content is caught.
        Assert.Equal(ProvenanceReasons.BindingMismatch, verifier.Verify(artifact, new ProvenanceExpectations { TaskId = "another-task", ContextId = contextId }).Reason);
        var tampered = artifact with { Parts = [Part.FromText("forged")] };
        Assert.Equal(ProvenanceStatus.Invalid, verifier.Verify(tampered, new ProvenanceExpectations { TaskId = taskId, ContextId = contextId }).Status);

        // GetTask serves the same signed artifact.
        var stored = (await Rpc.CallAsync(Client, Path, "GetTask", $$"""{"id":"{{taskId}}"}""")).Result;
        Assert.Equal(task.GetProperty("artifacts").GetRawText(), stored.GetProperty("artifacts").GetRawText());
    }

    [Fact]
    public async Task A_skill_without_Provenance_produces_artifacts_without_envelopes()
    {
        var task = (await Rpc.CallAsync(Client, Path, "SendMessage", Rpc.UserText("hello", "chat"))).Result.GetProperty("task");
        var artifact = ArtifactOf(task.GetProperty("artifacts")[0]);
        Assert.Null(ProvenanceFormat.FindEnvelope(artifact));
        Assert.Equal(ProvenanceReasons.Missing, (await VerifierAsync()).Verify(artifact).Reason);
    }

    [Fact]
    public async Task A_background_task_signs_its_artifact_too()
    {
        var send = Rpc.UserText("in the background", "attest")[..^1] + ",\"configuration\":{\"returnImmediately\":true}}";
        var taskId = (await Rpc.CallAsync(Client, Path, "SendMessage", send)).Result.GetProperty("task").GetProperty("id").GetString()!;
        JsonElement task;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            task = (await Rpc.CallAsync(Client, Path, "GetTask", $$"""{"id":"{{taskId}}"}""")).Result;
        }
        while (task.GetProperty("status").GetProperty("state").GetString() != "TASK_STATE_COMPLETED" && DateTime.UtcNow < deadline && await Delay());

        var (_, contextId) = Ids(task);
        var result = (await VerifierAsync()).Verify(ArtifactOf(task.GetProperty("artifacts")[0]), new ProvenanceExpectations { TaskId = taskId, ContextId = contextId });
        Assert.True(result.IsVerified, result.ToString());
    }

    [Fact]
    public async Task A_streamed_artifact_carries_one_envelope_over_the_assembled_content_on_its_last_chunk()
    {
        var events = await Rpc.StreamAsync(Client, Path, "SendStreamingMessage", Rpc.UserText("one two three four", "witness"));
        var updates = events.Select(e => e.GetProperty("result")).Where(r => r.TryGetProperty("artifactUpdate", out _)).Select(r => r.GetProperty("artifactUpdate")).ToList();
        Assert.Equal(4, updates.Count);
        Assert.All(updates[..^1], u => Assert.False(u.GetProperty("artifact").TryGetProperty("metadata", out _)));
        Assert.All(updates[..^1], u => Assert.False(u.TryGetProperty("lastChunk", out _)));
        Assert.True(updates[^1].GetProperty("lastChunk").GetBoolean());

        // The receiver assembles the chunks (parts in order, the last chunk's metadata) and verifies the whole.
        var chunks = updates.Select(u => ArtifactOf(u.GetProperty("artifact"))).ToList();
        var assembled = chunks[^1] with { Parts = [.. chunks.SelectMany(c => c.Parts)] };
        Assert.Equal(["one", "two", "three", "four"], assembled.Parts.Select(p => p.Text));
        var taskId = updates[0].GetProperty("taskId").GetString()!;
        var contextId = updates[0].GetProperty("contextId").GetString()!;
        var verifier = await VerifierAsync();
        var result = verifier.Verify(assembled, new ProvenanceExpectations { TaskId = taskId, ContextId = contextId });
        Assert.True(result.IsVerified, result.ToString());

        // A chunk dropped in transit breaks the envelope; the stored task holds the same signed artifact.
        var incomplete = assembled with { Parts = [.. assembled.Parts.Skip(1)] };
        Assert.Equal(ProvenanceReasons.ContentMismatch, verifier.Verify(incomplete, new ProvenanceExpectations { TaskId = taskId, ContextId = contextId }).Reason);
        var stored = (await Rpc.CallAsync(Client, Path, "GetTask", $$"""{"id":"{{taskId}}"}""")).Result;
        Assert.Equal(A2AJson.Serialize(assembled), A2AJson.Serialize(ArtifactOf(stored.GetProperty("artifacts")[0])));
    }

    [Fact]
    public async Task An_interrupted_task_signs_its_status_message_and_the_next_turn_signs_its_artifact()
    {
        var alice = Caller("alice");
        var first = (await Rpc.CallAsync(Client, Path, "SendMessage", Rpc.UserText("the lease", "confirm"), alice)).Result.GetProperty("task");
        Assert.Equal("TASK_STATE_INPUT_REQUIRED", first.GetProperty("status").GetProperty("state").GetString());
        var (taskId, contextId) = Ids(first);
        var question = A2AJson.Deserialize<Message>(first.GetProperty("status").GetProperty("message").GetRawText())!;
        var verifier = await VerifierAsync();
        var asked = verifier.Verify(question, new ProvenanceExpectations { TaskId = taskId, ContextId = contextId });
        Assert.True(asked.IsVerified, asked.ToString());
        Assert.Equal(ProvenanceKind.Message, asked.Root!.Statement!.Kind);
        Assert.Equal(question.MessageId, asked.Root.Statement.ContentId);

        // The follow-up streams: the resumed turn goes through the same lifecycle.
        var followUp = Rpc.UserText("yes", "confirm", $",\"taskId\":\"{taskId}\"");
        var events = await Rpc.StreamAsync(Client, Path, "SendStreamingMessage", followUp, headers: alice);
        var update = events.Select(e => e.GetProperty("result")).First(r => r.TryGetProperty("artifactUpdate", out _)).GetProperty("artifactUpdate");
        var artifact = ArtifactOf(update.GetProperty("artifact"));
        var done = verifier.Verify(artifact, new ProvenanceExpectations { TaskId = taskId, ContextId = contextId });
        Assert.True(done.IsVerified, done.ToString());

        // The history keeps the signed question.
        var stored = (await Rpc.CallAsync(Client, Path, "GetTask", $$"""{"id":"{{taskId}}"}""", alice)).Result;
        var storedQuestion = A2AJson.Deserialize<Message>(stored.GetProperty("history")[1].GetRawText())!;
        Assert.True(verifier.Verify(storedQuestion, new ProvenanceExpectations { TaskId = taskId, ContextId = contextId }).IsVerified);
    }

    [Fact]
    public async Task A_direct_reply_is_a_signed_message()
    {
        var reply = (await Rpc.CallAsync(Client, Path, "SendMessage", Rpc.UserText("the minutes", "reply"))).Result.GetProperty("message");
        var message = A2AJson.Deserialize<Message>(reply.GetRawText())!;
        var result = (await VerifierAsync()).Verify(message, new ProvenanceExpectations { ContextId = message.ContextId });
        Assert.True(result.IsVerified, result.ToString());
        Assert.Null(result.Root!.Statement!.TaskId);
    }

    [Fact]
    public async Task Parents_named_by_the_skill_are_cited_by_digest_and_carried_as_ancestors()
    {
        var (quote, upstreamKey) = UpstreamQuote();
        var quoteEnvelope = ProvenanceFormat.FindEnvelope(quote)!.Value;
        var send = WithParent("see the quote", quoteEnvelope);
        var task = (await Rpc.CallAsync(Client, Path, "SendMessage", send)).Result.GetProperty("task");
        var (taskId, contextId) = Ids(task);
        var artifact = ArtifactOf(task.GetProperty("artifacts")[0]);
        Assert.StartsWith("attested (1 parents)", artifact.Parts[0].Text, StringComparison.Ordinal);

        var envelope = ProvenanceEnvelope.Parse(ProvenanceFormat.FindEnvelope(artifact)!.Value);
        var parentDigest = ProvenanceEnvelope.Parse(quoteEnvelope).Digest;
        Assert.Equal([(parentDigest, "currency-agent")], envelope.Statement.Parents.Select(p => (p.Digest, p.Issuer)));
        Assert.Equal([parentDigest], envelope.Ancestors.Select(a => a.Digest));

        // Trusting both agents, the whole chain verifies from the artifact alone; without the upstream key it is Unverified, never Verified.
        var trust = await TrustAsync();
        trust.Add("currency-agent", upstreamKey.PublicKey);
        var chain = new ProvenanceVerifier(trust, new ProvenanceVerifierOptions { CacheCapacity = 0 }).Verify(artifact, new ProvenanceExpectations { TaskId = taskId, ContextId = contextId });
        Assert.True(chain.IsVerified, chain.ToString());
        Assert.Equal([NotaryAgent.Id, "currency-agent"], chain.Links.Select(l => l.Key!.AgentId));
        Assert.Equal(["currency-agent", NotaryAgent.Id], chain.CustodyTrail.Select(e => e.Issuer));
        var partial = (await VerifierAsync()).Verify(artifact, new ProvenanceExpectations { TaskId = taskId, ContextId = contextId });
        Assert.Equal(ProvenanceStatus.Unverified, partial.Status);
        Assert.Equal(ProvenanceReasons.SignerUntrusted, partial.Reason);
    }

    [Fact]
    public async Task Jose_verifies_envelopes_our_hosting_produced_from_the_JWKS_alone()
    {
        var (quote, upstreamKey) = UpstreamQuote();
        var quoteEnvelope = ProvenanceFormat.FindEnvelope(quote)!.Value;
        var withParent = WithParent("é ✓ 😀", quoteEnvelope);
        var attested = (await Rpc.CallAsync(Client, Path, "SendMessage", withParent)).Result.GetProperty("task").GetProperty("artifacts")[0];
        var events = await Rpc.StreamAsync(Client, Path, "SendStreamingMessage", Rpc.UserText("signed in parts", "witness"));
        var chunks = events.Select(e => e.GetProperty("result")).Where(r => r.TryGetProperty("artifactUpdate", out _))
            .Select(r => ArtifactOf(r.GetProperty("artifactUpdate").GetProperty("artifact"))).ToList();
        var streamed = chunks[^1] with { Parts = [.. chunks.SelectMany(c => c.Parts)] };
        var reply = (await Rpc.CallAsync(Client, Path, "SendMessage", Rpc.UserText("the minutes", "reply"))).Result.GetProperty("message");

        using var jwks = await Client.GetAsync(Path + "/.well-known/jwks.json");
        var request = new JsonObject
        {
            ["jwks"] = new JsonObject
            {
                [NotaryAgent.Id] = JsonNode.Parse(await jwks.Content.ReadAsStringAsync()),
                ["currency-agent"] = JsonNode.Parse(JsonWebKeySet.Create([upstreamKey.PublicKey]).ToJson()),
            },
            ["items"] = new JsonArray(JsonNode.Parse(attested.GetRawText()), JsonNode.Parse(A2AJson.Serialize(streamed)), JsonNode.Parse(reply.GetRawText())),
        };
        var output = await NodePeers.RunScriptWithInputAsync("jose-provenance.mjs", request.ToJsonString());
        var results = JsonNode.Parse(output)!.AsArray();
        Assert.Equal(3, results.Count);
        Assert.Equal([NotaryAgent.Id, "currency-agent"], results[0]!["links"]!.AsArray().Select(l => l!["iss"]!.GetValue<string>()));
        foreach (var link in results.SelectMany(r => r!["links"]!.AsArray()))
        {
            Assert.True(link!["ok"]!.GetValue<bool>(), link.ToJsonString());
        }

        Assert.Equal(fixture.SigningKeyId, results[1]!["links"]![0]!["kid"]!.GetValue<string>());
    }

    // An attest request whose second part forwards signed content with its envelope in the part's metadata.
    private static string WithParent(string text, JsonElement envelope)
    {
        var part = new JsonObject
        {
            ["data"] = new JsonObject { ["rate"] = 1.0842 },
            ["metadata"] = new JsonObject { [ProvenanceFormat.MetadataKey] = JsonNode.Parse(envelope.GetRawText()) },
        };
        var message = new JsonObject
        {
            ["messageId"] = Guid.NewGuid().ToString(),
            ["role"] = "ROLE_USER",
            ["metadata"] = new JsonObject { ["urn:a2agen:skill"] = "attest" },
            ["parts"] = new JsonArray(new JsonObject { ["text"] = text }, part),
        };
        return new JsonObject { ["message"] = message }.ToJsonString();
    }

    private static async Task<bool> Delay()
    {
        await Task.Delay(50);
        return true;
    }

    private static (string TaskId, string ContextId) Ids(JsonElement task) =>
        (task.GetProperty("id").GetString()!, task.GetProperty("contextId").GetString()!);

    private static Artifact ArtifactOf(JsonElement json) => A2AJson.Deserialize<Artifact>(json.GetRawText())!;

    // An artifact another agent signed (its key lives only in this test).
    private static (Artifact Quote, SigningKey Key) UpstreamQuote()
    {
        var key = SigningKey.Create(SigningAlgorithm.Ed25519);
        var quote = new Artifact { ArtifactId = "quote-1", Parts = [Part.FromText("1 EUR = 1.0842 USD")] };
        return (new ProvenanceSigner(key, "currency-agent").Sign(quote, new ProvenanceBinding("t-cur", "ctx-cur")), key);
    }

    private async Task<TrustStore> TrustAsync()
    {
        using var response = await Client.GetAsync(Path + "/.well-known/jwks.json");
        response.EnsureSuccessStatusCode();
        var trust = new TrustStore();
        trust.Add(NotaryAgent.Id, JsonWebKeySet.Parse(await response.Content.ReadAsStringAsync()));
        return trust;
    }

    private async Task<ProvenanceVerifier> VerifierAsync() => new(await TrustAsync(), new ProvenanceVerifierOptions { CacheCapacity = 0 });

    public sealed class NotaryFixture : IAsyncLifetime
    {
        public TestHost Host { get; private set; } = null!;

        public string SigningKeyId { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Host = await TestHost.StartAsync(s => s.AddA2AAgent<NotaryAgent>(), app => app.MapA2AAgent<NotaryAgent>(Path));
            SigningKeyId = Host.Services.GetRequiredService<A2AKeyRing>().GetSigningKey(NotaryAgent.Id)!.PublicKey.Thumbprint;
        }

        public Task DisposeAsync() => Host.DisposeAsync().AsTask();
    }
}
