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
        Assert.Equal(["store", "note", "spell"], extension.Params!["skills"].EnumerateArray().Select(e => e.GetString()));
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
        Assert.Contains(EncryptedParts.CompactMediaType, wire.Requests[^1], StringComparison.Ordinal);
        Assert.Contains(EncryptedParts.CompactMediaType, wire.Responses[^1], StringComparison.Ordinal);

        // Read back later: the stored task holds ciphertext only; the client decrypts the artifact again.
        var read = await client.GetTaskAsync(task.Id, historyLength: 10);
        Assert.Equal(task.Artifacts[0].Parts[0].Text, read.Artifacts![0].Parts[0].Text);
        wire.AssertNothingReadable(Secret);

        // The caller's own message in the history is encrypted to the agent: the client leaves it as it is.
        Assert.True(EncryptedParts.IsEncrypted(read.History![0].Parts[0]));
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
    };

    [Theory]
    [MemberData(nameof(Tamperings))]
    public async Task A_bad_JWE_is_refused_with_the_JweFailure_reason(string tampering, string reason)
    {
        var agentKey = Ring.GetEncryptionKey(VaultAgent.Id)!;
        using var otherKey = JweDecryptionKey.Generate(JweKeyType.X25519);
        var jwe = Jwe.EncryptCompact(A2AJson.SerializeToUtf8Bytes(Part.FromText(Secret)), tampering == "other-key" ? otherKey.PublicKey : agentKey, BookingAgent.Id, VaultAgent.Id);
        var segments = jwe.Split('.');
        switch (tampering)
        {
            case "ciphertext":
                segments[3] = Flip(segments[3]);
                break;
            case "tag":
                segments[4] = Flip(segments[4]);
                break;
            case "alg" or "enc" or "zip" or "crit":
                var header = JsonNode.Parse(StrictBase64Url.Decode(segments[0]))!.AsObject();
                header[tampering] = tampering switch { "alg" => "dir", "enc" => "A128GCM", "zip" => "DEF", _ => new JsonArray("exp") };
                segments[0] = StrictBase64Url.Encode(Encoding.UTF8.GetBytes(header.ToJsonString()));
                break;
            case "garbage":
                segments = ["not", "a", "jwe"];
                break;
        }

        var reply = await SendPartsAsync([new Part { Text = string.Join('.', segments), MediaType = EncryptedParts.CompactMediaType }], "store", signAs: BookingAgent.Id);
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
        Part Encrypted(string issuer, string audience) => EncryptedParts.Encrypt(Part.FromText(Secret), agentKey, issuer, audience);

        var wrongAudience = await SendPartsAsync([Encrypted(BookingAgent.Id, "other-agent")], "store", signAs: BookingAgent.Id);
        Assert.Equal(EncryptionStage.WrongAudience, wrongAudience.Reason);

        // Encrypt-then-sign: the JWE's iss must be the agent that signs the request.
        var relayed = await SendPartsAsync([Encrypted(NotaryAgent.Id, VaultAgent.Id)], "store", signAs: BookingAgent.Id);
        Assert.Equal(EncryptionStage.SenderMismatch, relayed.Reason);

        // Two senders in one message.
        var mixed = await SendPartsAsync([Encrypted(BookingAgent.Id, VaultAgent.Id), Encrypted(NotaryAgent.Id, VaultAgent.Id)], "store", signAs: null);
        Assert.Equal(EncryptionStage.SenderMismatch, mixed.Reason);
        Assert.Equal("params.message.parts[1]", mixed.Field);

        // A sender nobody can encrypt the answer to: refused before the skill runs.
        var unknown = await SendPartsAsync([Encrypted("stranger-agent", VaultAgent.Id)], "store", signAs: null);
        Assert.Equal(EncryptionStage.SenderKeyUnknown, unknown.Reason);

        // Part encrypted, part plaintext, to a skill that requires encryption: the plaintext part is named.
        var half = await SendPartsAsync([Encrypted(BookingAgent.Id, VaultAgent.Id), Part.FromText("clear")], "store", signAs: BookingAgent.Id);
        Assert.Equal(EncryptionStage.Required, half.Reason);
        Assert.Equal("params.message.parts[1]", half.Field);
    }

    [Fact]
    public async Task The_JSON_serialization_in_a_data_part_is_accepted_too()
    {
        var agentKey = Ring.GetEncryptionKey(VaultAgent.Id)!;
        var part = EncryptedParts.Encrypt(Part.FromText(Secret), agentKey, BookingAgent.Id, VaultAgent.Id, json: true);
        Assert.Equal(EncryptedParts.JsonMediaType, part.MediaType);
        var reply = await SendPartsAsync([part], "store", signAs: BookingAgent.Id);
        Assert.Equal(200, reply.Status);
        var answer = reply.Result.GetProperty("task").GetProperty("artifacts")[0].GetProperty("parts")[0];
        Assert.Equal(EncryptedParts.CompactMediaType, answer.GetProperty("mediaType").GetString());

        // Only the caller's key opens the answer.
        var opened = EncryptedParts.Decrypt(A2AJson.Deserialize<Part>(answer)!, Ring.CreateClientEncryption(BookingAgent.Id).DecryptionKeys);
        Assert.True(opened.Succeeded, opened.Reason);
        Assert.Equal($"stored for {BookingAgent.Id}: {Secret}", opened.Part!.Text);
        Assert.Equal(VaultAgent.Id, opened.Issuer);
        Assert.Equal(BookingAgent.Id, opened.Audience);
    }

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
