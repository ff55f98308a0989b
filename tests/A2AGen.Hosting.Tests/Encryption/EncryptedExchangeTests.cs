using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using A2AGen.Client;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Encryption;

/// <summary>
/// Payload encryption end to end on Kestrel (loopback): a hosted agent (<c>booking-agent</c>) calls <c>vault-agent</c>
/// with <see cref="A2AClient"/>, which encrypts because the card asks; the skill reads plaintext, the answer comes back
/// encrypted to the caller's published key, and nothing readable crosses the wire. Every refusal names its reason.
/// </summary>
public sealed class EncryptedExchangeTests(EncryptedExchangeTests.VaultFixture fixture) : IClassFixture<EncryptedExchangeTests.VaultFixture>
{
    private const string Path = "/agents/vault";
    private const string Secret = "the launch code is 0000";

    private A2AKeyRing Ring => fixture.Host.Services.GetRequiredService<A2AKeyRing>();

    private Uri AgentUrl => new(fixture.Host.BaseAddress, Path);

    private async Task<(A2AClient Client, WireRecorder Wire)> ConnectAsync(string binding = AgentInterface.JsonRpcBinding, bool encrypt = true)
    {
        var wire = new WireRecorder { InnerHandler = new HttpClientHandler() };
        var http = A2ASigningHandler.CreateHttpClient(Ring.CreateRequestSigner(BookingAgent.Id), wire);
        var client = await A2AClient.ConnectAsync(http, AgentUrl, new A2AClientOptions
        {
            CardTrust = Ring.TrustStore,
            ExpectedAgentId = VaultAgent.Id,
            PreferredBindings = [binding],
            Encryption = encrypt ? Ring.CreateClientEncryption(BookingAgent.Id) : null,
        });
        return (client, wire);
    }

    [Fact]
    public async Task The_card_declares_the_skills_and_the_JWKS_publishes_an_enc_key_apart_from_the_signing_key()
    {
        var card = VaultAgent.Card;
        var extension = Assert.Single(card.Capabilities.Extensions!, e => e.Uri == A2AProtocol.EncryptionExtensionUri);
        Assert.Equal(["store", "note", "spell", "pair"], extension.Params!["skills"].EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(EncryptionRequirement.Required, VaultAgent.Descriptor.FindSkill("store")!.Encryption);
        Assert.Equal(EncryptionRequirement.Optional, VaultAgent.Descriptor.FindSkill("open")!.Encryption);

        var jwks = JsonNode.Parse(await fixture.Host.Client.GetStringAsync(Path + "/.well-known/jwks.json"))!["keys"]!.AsArray();
        var enc = Assert.Single(jwks, k => (string?)k!["use"] == "enc")!;
        Assert.Equal("ECDH-ES+A256KW", (string?)enc["alg"]);
        Assert.Equal("X25519", (string?)enc["crv"]);
        Assert.Null(enc["d"]);
        Assert.Equal(Ring.GetEncryptionKey(VaultAgent.Id)!.Thumbprint, (string?)enc["kid"]);
        Assert.Contains(jwks, k => (string?)k!["use"] == "sig");
        Assert.Equal(jwks.Count, JsonWebKeySet.Parse(jwks.Parent!.ToJsonString()).Keys.Count + 1);
    }

    [Theory]
    [InlineData(AgentInterface.JsonRpcBinding)]
    [InlineData(AgentInterface.HttpJsonBinding)]
    public async Task A_task_answer_is_encrypted_both_ways_and_the_skill_reads_plaintext(string binding)
    {
        var (client, wire) = await ConnectAsync(binding);
        Assert.True(client.EncryptsMessages);

        var task = (await client.SendMessageAsync(Message.UserText(Secret).ForSkill("store"))).Task!;

        Assert.Equal(TaskState.Completed, task.Status.State);
        Assert.Equal($"stored for {BookingAgent.Id}: {Secret}", task.Artifacts![0].Parts[0].Text);
        wire.AssertNothingReadable(Secret);
        Assert.True(HasEncryptedPart(JsonNode.Parse(wire.Requests[^1])), wire.Requests[^1]);
        Assert.True(HasEncryptedPart(JsonNode.Parse(wire.Responses[^1])), wire.Responses[^1]);

        // Read back later: the stored task holds ciphertext only; the client decrypts the artifact again.
        var read = await client.GetTaskAsync(task.Id, historyLength: 10);
        Assert.Equal(task.Artifacts[0].Parts[0].Text, read.Artifacts![0].Parts[0].Text);
        wire.AssertNothingReadable(Secret);

        // The caller's own message in the history is encrypted to the agent: the client leaves it as it is.
        Assert.True(EncryptedParts.IsEncrypted(Assert.Single(read.History![0].Parts)));
    }

    [Fact]
    public async Task A_direct_reply_and_a_stream_come_back_encrypted()
    {
        var (client, wire) = await ConnectAsync();
        var reply = (await client.SendMessageAsync(Message.UserText(Secret).ForSkill("note"))).Message!;
        Assert.Equal("noted: " + Secret, reply.Parts[0].Text);

        var words = new List<string>();
        await foreach (var item in client.SendStreamingMessageAsync(new SendMessageRequest { Message = Message.UserText(Secret).ForSkill("spell") }))
        {
            if (item.ArtifactUpdate is { } update)
            {
                words.Add(update.Artifact.Parts[0].Text!);
            }
        }

        Assert.Equal(Secret.Split(' '), words);
        wire.AssertNothingReadable(Secret);
        wire.AssertNothingReadable("launch");
    }

    [Fact]
    public async Task Plaintext_to_a_skill_that_requires_encryption_is_refused_and_an_optional_one_takes_both()
    {
        var (plain, _) = await ConnectAsync(encrypt: false);
        var error = await Assert.ThrowsAsync<A2AClientException>(() => plain.SendMessageAsync(Message.UserText(Secret).ForSkill("store")));
        Assert.Equal(EncryptionStage.Required, error.Reason);

        Assert.Equal("open: hi", (await plain.SendMessageAsync(Message.UserText("hi").ForSkill("open"))).Task!.Artifacts![0].Parts[0].Text);
        var (encrypted, wire) = await ConnectAsync();
        Assert.Equal("open: " + Secret, (await encrypted.SendMessageAsync(Message.UserText(Secret).ForSkill("open"))).Task!.Artifacts![0].Parts[0].Text);
        wire.AssertNothingReadable(Secret);
    }

    [Fact]
    public async Task A_raw_plaintext_request_gets_403_ENCRYPTION_REQUIRED_naming_the_part()
    {
        var reply = await Rpc.CallAsync(fixture.Host.Client, Path, "SendMessage", Rpc.UserText(Secret, "store"));
        Assert.Equal(403, reply.Status);
        Assert.Equal(EncryptionStage.Required, reply.Reason);
        Assert.Equal("params.message.parts[0]", reply.Field);
    }

    public static TheoryData<string, string> Tamperings => new()
    {
        { "ciphertext", "ENCRYPTION_DECRYPTION_FAILED" },
        { "tag", "ENCRYPTION_DECRYPTION_FAILED" },
        { "alg", "ENCRYPTION_ALGORITHM_NOT_ALLOWED" },
        { "enc", "ENCRYPTION_ENCRYPTION_NOT_ALLOWED" },
        { "zip", "ENCRYPTION_COMPRESSION_NOT_ALLOWED" },
        { "crit", "ENCRYPTION_CRIT_UNSUPPORTED" },
        { "other-key", "ENCRYPTION_WRONG_RECIPIENT" },
        { "garbage", "ENCRYPTION_MALFORMED" },
        { "compact", "ENCRYPTION_MALFORMED" },
        { "one-part-not-an-array", "ENCRYPTION_MALFORMED" },
        { "not-canonical", "ENCRYPTION_MALFORMED" },
        { "empty-array", "ENCRYPTION_MALFORMED" },
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task A_bad_JWE_is_refused_with_the_JweFailure_reason(string tampering, string reason)
    {
        var agentKey = Ring.GetEncryptionKey(VaultAgent.Id)!;
        using var otherKey = JweDecryptionKey.Generate(JweKeyType.X25519);
        var plaintext = tampering switch
        {
            "one-part-not-an-array" => JsonCanonicalizer.Canonicalize(A2AJson.SerializeToUtf8Bytes(Part.FromText(Secret))),
            "not-canonical" => Encoding.UTF8.GetBytes($"[ {{\"text\": \"{Secret}\"}} ]"),
            "empty-array" => "[]"u8.ToArray(),
            _ => EncryptedParts.CanonicalPlaintext([Part.FromText(Secret)]),
        };
        var recipient = tampering == "other-key" ? otherKey.PublicKey : agentKey;
        Part part;
        if (tampering == "compact")
        {
            part = new Part { Text = Jwe.EncryptCompact(plaintext, recipient, BookingAgent.Id, VaultAgent.Id), MediaType = "application/jose" };
        }
        else
        {
            var jwe = JsonNode.Parse(Jwe.EncryptJson(plaintext, recipient, BookingAgent.Id, VaultAgent.Id))!.AsObject();
            switch (tampering)
            {
                case "ciphertext" or "tag":
                    jwe[tampering] = Flip((string)jwe[tampering]!);
                    break;
                case "alg" or "enc" or "zip" or "crit":
                    var header = JsonNode.Parse(StrictBase64Url.Decode((string)jwe["protected"]!))!.AsObject();
                    header[tampering] = tampering switch { "alg" => "dir", "enc" => "A128GCM", "zip" => "DEF", _ => new JsonArray("exp") };
                    jwe["protected"] = StrictBase64Url.Encode(Encoding.UTF8.GetBytes(header.ToJsonString()));
                    break;
                case "garbage":
                    jwe = new JsonObject { ["not"] = "a jwe" };
                    break;
            }

            part = new Part { Data = JsonDocument.Parse(jwe.ToJsonString()).RootElement.Clone(), MediaType = EncryptedParts.MediaType };
        }

        var reply = await SendPartsAsync([part], "store", signAs: BookingAgent.Id);
        Assert.Equal(403, reply.Status);
        Assert.Equal(reason, reply.Reason);
        Assert.Equal("params.message.parts[0]", reply.Field);
        Assert.DoesNotContain(Secret, reply.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", reply.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_JWE_for_another_agent_a_sender_other_than_the_signer_or_a_sender_without_a_published_key_is_refused()
    {
        var agentKey = Ring.GetEncryptionKey(VaultAgent.Id)!;
        Part Encrypted(string issuer, string audience) => EncryptedParts.Encrypt([Part.FromText(Secret)], agentKey, issuer, audience);

        var wrongAudience = await SendPartsAsync([Encrypted(BookingAgent.Id, "other-agent")], "store", signAs: BookingAgent.Id);
        Assert.Equal(EncryptionStage.WrongAudience, wrongAudience.Reason);

        // Encrypt-then-sign: the JWE's iss must be the agent that signs the request.
        var relayed = await SendPartsAsync([Encrypted(NotaryAgent.Id, VaultAgent.Id)], "store", signAs: BookingAgent.Id);
        Assert.Equal(EncryptionStage.SenderMismatch, relayed.Reason);

        // A sender nobody can encrypt the answer to: refused before the skill runs.
        var unknown = await SendPartsAsync([Encrypted("stranger-agent", VaultAgent.Id)], "store", signAs: null);
        Assert.Equal(EncryptionStage.SenderKeyUnknown, unknown.Reason);
    }

    [Fact]
    public async Task A_message_mixing_an_encrypted_part_with_others_or_holding_two_is_refused_naming_the_extra_part()
    {
        var agentKey = Ring.GetEncryptionKey(VaultAgent.Id)!;
        Part Encrypted() => EncryptedParts.Encrypt([Part.FromText(Secret)], agentKey, BookingAgent.Id, VaultAgent.Id);

        // To a skill that takes plaintext too: the shape is refused whatever the skill's requirement.
        var cases = new (Part[] Parts, string Skill, string Field, string Says)[]
        {
            ([Encrypted(), Part.FromText("clear")], "open", "params.message.parts[1]", "plaintext part"),
            ([Part.FromText("clear"), Encrypted()], "store", "params.message.parts[0]", "plaintext part"),
            ([Encrypted(), Encrypted()], "store", "params.message.parts[1]", "another encrypted part"),
        };
        foreach (var (parts, skill, field, says) in cases)
        {
            var reply = await SendPartsAsync(parts, skill, signAs: BookingAgent.Id);
            Assert.Equal(403, reply.Status);
            Assert.Equal(EncryptionStage.NotSinglePart, reply.Reason);
            Assert.Equal(field, reply.Field);
            Assert.Contains(says, reply.Raw, StringComparison.Ordinal);
            Assert.Contains("exactly one part", reply.Raw, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_multi_part_message_and_its_multi_part_answer_are_each_one_JWE_of_the_canonical_parts_array()
    {
        var (client, wire) = await ConnectAsync();
        var question = Message.UserText(Secret).ForSkill("pair") with { Parts = [Part.FromText(Secret), new Part { Text = "second", MediaType = "text/plain" }] };

        var task = (await client.SendMessageAsync(question)).Task!;

        Assert.Equal([$"part 0: {Secret}", "part 1: second"], task.Artifacts![0].Parts.Select(p => p.Text));
        wire.AssertNothingReadable(Secret);
        wire.AssertNothingReadable("second");

        // On the wire: one part each way, a data part holding the flattened JSON JWE.
        var sent = JsonNode.Parse(wire.Requests[^1])!["params"]!["message"]!["parts"]!.AsArray();
        var answered = JsonNode.Parse(wire.Responses[^1])!["result"]!["task"]!["artifacts"]![0]!["parts"]!.AsArray();
        foreach (var parts in new[] { sent, answered })
        {
            var part = Assert.Single(parts)!;
            Assert.Equal(EncryptedParts.MediaType, (string?)part["mediaType"]);
            Assert.NotNull(part["data"]!["protected"]);
            Assert.NotNull(part["data"]!["ciphertext"]);
        }

        // The answer's plaintext is the RFC 8785 form of the artifact's parts array, iss the agent and aud the caller.
        var opened = Jwe.Decrypt(answered[0]!["data"]!.ToJsonString(), Ring.CreateClientEncryption(BookingAgent.Id).DecryptionKeys[0]);
        Assert.True(opened.Succeeded, opened.Reason);
        Assert.True(JsonCanonicalizer.IsCanonical(opened.Plaintext));
        Assert.Equal(EncryptedParts.CanonicalPlaintext(task.Artifacts[0].Parts), opened.Plaintext);
        Assert.Equal(VaultAgent.Id, opened.Issuer);
        Assert.Equal(BookingAgent.Id, opened.Audience);
    }

    [Fact]
    public async Task A_multi_part_artifact_streamed_is_one_encrypted_event()
    {
        var (client, wire) = await ConnectAsync();
        var question = Message.UserText(Secret).ForSkill("pair") with { Parts = [Part.FromText(Secret), new Part { Text = "second", MediaType = "text/plain" }] };

        var updates = new List<Artifact>();
        await foreach (var item in client.SendStreamingMessageAsync(new SendMessageRequest { Message = question }))
        {
            if (item.ArtifactUpdate is { } update)
            {
                updates.Add(update.Artifact);
            }
        }

        // One event whose one encrypted part opens into the artifact's two parts.
        var artifact = Assert.Single(updates);
        Assert.Equal([$"part 0: {Secret}", "part 1: second"], artifact.Parts.Select(p => p.Text));
        wire.AssertNothingReadable(Secret);
        wire.AssertNothingReadable("second");
    }

    [Fact]
    public async Task A_message_encrypted_by_hand_is_accepted_and_only_the_callers_key_opens_the_answer()
    {
        var agentKey = Ring.GetEncryptionKey(VaultAgent.Id)!;
        var part = EncryptedParts.Encrypt([Part.FromText(Secret)], agentKey, BookingAgent.Id, VaultAgent.Id);
        Assert.Equal(EncryptedParts.MediaType, part.MediaType);
        Assert.Equal(JsonValueKind.Object, part.Data!.Value.ValueKind);
        var reply = await SendPartsAsync([part], "store", signAs: BookingAgent.Id);
        Assert.Equal(200, reply.Status);
        var answer = Assert.Single(reply.Result.GetProperty("task").GetProperty("artifacts")[0].GetProperty("parts").EnumerateArray());
        Assert.Equal(EncryptedParts.MediaType, answer.GetProperty("mediaType").GetString());

        var opened = EncryptedParts.Decrypt(A2AJson.Deserialize<Part>(answer)!, Ring.CreateClientEncryption(BookingAgent.Id).DecryptionKeys);
        Assert.True(opened.Succeeded, opened.Reason);
        Assert.Equal($"stored for {BookingAgent.Id}: {Secret}", Assert.Single(opened.Parts!).Text);
        Assert.Equal(VaultAgent.Id, opened.Issuer);
        Assert.Equal(BookingAgent.Id, opened.Audience);
        using var stranger = JweDecryptionKey.Generate(JweKeyType.X25519);
        Assert.Equal(JweFailure.WrongRecipient, EncryptedParts.Decrypt(A2AJson.Deserialize<Part>(answer)!, [stranger]).Failure);
    }

    // Parsed rather than searched: a writer may escape the "+" of application/jose+json.
    private static bool HasEncryptedPart(JsonNode? node) => node switch
    {
        JsonObject o when (string?)o["mediaType"] == EncryptedParts.MediaType && o["data"] is JsonObject => true,
        JsonObject o => o.Any(member => HasEncryptedPart(member.Value)),
        JsonArray a => a.Any(HasEncryptedPart),
        _ => false,
    };

    private static string Flip(string segment)
    {
        var bytes = StrictBase64Url.Decode(segment);
        bytes[0] ^= 1;
        return StrictBase64Url.Encode(bytes);
    }

    private async Task<Reply> SendPartsAsync(Part[] parts, string skill, string? signAs)
    {
        var message = new Message { MessageId = Guid.NewGuid().ToString(), Role = Role.User, Parts = parts }.ForSkill(skill);
        var body = Rpc.Request("SendMessage", A2AJson.Serialize(new SendMessageRequest { Message = message }));
        var headers = new List<KeyValuePair<string, string>>();
        if (signAs is not null)
        {
            headers.Add(Rpc.Header(A2AProtocol.SignatureHeader, Ring.CreateRequestSigner(signAs).Sign("POST", AgentUrl, Encoding.UTF8.GetBytes(body))));
        }

        return await Rpc.SendAsync(fixture.Host.Client, Path, body, headers: headers);
    }

    /// <summary>Keeps every request and response body that crosses the wire.</summary>
    private sealed class WireRecorder : DelegatingHandler
    {
        public List<string> Requests { get; } = [];

        public List<string> Responses { get; } = [];

        public void AssertNothingReadable(string secret)
        {
            Assert.All(Requests, body => Assert.DoesNotContain(secret, body, StringComparison.Ordinal));
            Assert.All(Responses, body => Assert.DoesNotContain(secret, body, StringComparison.Ordinal));
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is not null)
            {
                Requests.Add(await request.Content.ReadAsStringAsync(cancellationToken));
            }

            var response = await base.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            Responses.Add(Encoding.UTF8.GetString(body));
            var content = new ByteArrayContent(body);
            foreach (var header in response.Content.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = content;
            return response;
        }
    }

    public sealed class VaultFixture : IAsyncLifetime
    {
        public TestHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await TestHost.StartAsync(
            s =>
            {
                s.AddA2AAgent<VaultAgent>();
                s.AddA2AAgent<BookingAgent>();
                s.AddA2AAgent<NotaryAgent>();
            },
            app =>
            {
                app.MapA2AAgent<VaultAgent>(Path);
                app.MapA2AAgent<BookingAgent>("/agents/booking");
                app.MapA2AAgent<NotaryAgent>("/agents/notary");
            });

        public Task DisposeAsync() => Host.DisposeAsync().AsTask();
    }
}
