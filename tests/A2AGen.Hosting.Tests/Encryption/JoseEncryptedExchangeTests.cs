using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Security;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Encryption;

/// <summary>
/// The hosted exchange with an independent JOSE implementation on the caller's side: jose (Node) encrypts a message's
/// parts array (its RFC 8785 form, written out here by hand) to the key the agent publishes in its JWKS — flattened and
/// general JSON serialization, one data part — the agent answers with one encrypted part to the caller's published
/// key, and jose decrypts that answer to the canonical parts array. A compact JWE from jose is refused.
/// </summary>
public sealed class JoseEncryptedExchangeTests(EncryptedExchangeTests.VaultFixture fixture) : IClassFixture<EncryptedExchangeTests.VaultFixture>
{
    private const string Path = "/agents/vault";

    [Fact]
    public async Task Jose_encrypts_the_parts_array_to_the_published_key_and_decrypts_the_answer()
    {
        var ring = fixture.Host.Services.GetRequiredService<A2AKeyRing>();
        var jwks = JsonNode.Parse(await fixture.Host.Client.GetStringAsync(Path + "/.well-known/jwks.json"))!["keys"]!.AsArray();
        var agentJwk = jwks.Single(k => (string?)k!["use"] == "enc")!;
        string[] forms = ["flattened", "general", "compact"];
        var requests = new JsonArray();
        foreach (var form in forms)
        {
            requests.Add(new JsonObject
            {
                ["op"] = "encrypt",
                ["jwk"] = agentJwk.DeepClone(),
                ["form"] = form,
                ["plaintext"] = $$"""[{"text":"from jose, {{form}}"},{"mediaType":"text/plain","text":"second"}]""",
                ["header"] = new JsonObject { ["kid"] = (string?)agentJwk["kid"], ["iss"] = BookingAgent.Id, ["aud"] = VaultAgent.Id },
            });
        }

        var encrypted = JsonNode.Parse(await NodePeers.RunScriptWithInputAsync("jose-jwe.mjs", requests.ToJsonString()))!.AsArray();
        var callerPrivateJwk = JsonNode.Parse(ring.CreateClientEncryption(BookingAgent.Id).DecryptionKeys[0].ExportPrivateJwk());
        var answers = new JsonArray();
        for (var i = 0; i < encrypted.Count; i++)
        {
            Assert.True(encrypted[i]!["ok"]!.GetValue<bool>(), encrypted[i]!.ToJsonString());
            var jwe = encrypted[i]!["jwe"]!.GetValue<string>();
            var part = forms[i] == "compact"
                ? new Part { Text = jwe, MediaType = "application/jose" }
                : new Part { Data = JsonDocument.Parse(jwe).RootElement.Clone(), MediaType = EncryptedParts.MediaType };
            var message = new Message { MessageId = Guid.NewGuid().ToString(), Role = Role.User, Parts = [part] }.ForSkill("pair");
            var body = Rpc.Request("SendMessage", A2AJson.Serialize(new SendMessageRequest { Message = message }));
            var signature = ring.CreateRequestSigner(BookingAgent.Id).Sign("POST", new Uri(fixture.Host.BaseAddress, Path), Encoding.UTF8.GetBytes(body));
            var reply = await Rpc.SendAsync(fixture.Host.Client, Path, body, headers: [Rpc.Header(A2AProtocol.SignatureHeader, signature)]);
            if (forms[i] == "compact")
            {
                Assert.Equal(403, reply.Status);
                Assert.Equal("ENCRYPTION_MALFORMED", reply.Reason);
                continue;
            }

            Assert.True(reply.Status == 200 && !reply.IsError, reply.Raw);
            var answer = Assert.Single(reply.Result.GetProperty("task").GetProperty("artifacts")[0].GetProperty("parts").EnumerateArray());
            Assert.Equal(EncryptedParts.MediaType, answer.GetProperty("mediaType").GetString());
            answers.Add(new JsonObject { ["op"] = "decrypt", ["jwk"] = callerPrivateJwk!.DeepClone(), ["jwe"] = JsonNode.Parse(answer.GetProperty("data").GetRawText()) });
        }

        var decrypted = JsonNode.Parse(await NodePeers.RunScriptWithInputAsync("jose-jwe.mjs", answers.ToJsonString()))!.AsArray();
        Assert.Equal(2, decrypted.Count);
        for (var i = 0; i < decrypted.Count; i++)
        {
            Assert.True(decrypted[i]!["ok"]!.GetValue<bool>(), decrypted[i]!.ToJsonString());
            Assert.Equal($$"""[{"text":"part 0: from jose, {{forms[i]}}"},{"text":"part 1: second"}]""", decrypted[i]!["plaintext"]!.GetValue<string>());
            Assert.Equal(VaultAgent.Id, (string?)decrypted[i]!["header"]!["iss"]);
            Assert.Equal(BookingAgent.Id, (string?)decrypted[i]!["header"]!["aud"]);
        }
    }
}
