using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Security;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Encryption;

/// <summary>
/// The hosted exchange with an independent JOSE implementation on the caller's side: jose (Node) encrypts message parts
/// to the key the agent publishes in its JWKS — compact and flattened JSON — the agent answers encrypted to the caller's
/// published key, and jose decrypts that answer.
/// </summary>
public sealed class JoseEncryptedExchangeTests(EncryptedExchangeTests.VaultFixture fixture) : IClassFixture<EncryptedExchangeTests.VaultFixture>
{
    private const string Path = "/agents/vault";

    [Fact]
    public async Task Jose_encrypts_to_the_published_key_and_decrypts_the_answer()
    {
        var ring = fixture.Host.Services.GetRequiredService<A2AKeyRing>();
        var jwks = JsonNode.Parse(await fixture.Host.Client.GetStringAsync(Path + "/.well-known/jwks.json"))!["keys"]!.AsArray();
        var agentJwk = jwks.Single(k => (string?)k!["use"] == "enc")!;
        var requests = new JsonArray();
        foreach (var form in new[] { "compact", "flattened" })
        {
            requests.Add(new JsonObject
            {
                ["op"] = "encrypt",
                ["jwk"] = agentJwk.DeepClone(),
                ["form"] = form,
                ["plaintext"] = A2AJson.Serialize(Part.FromText($"from jose, {form}")),
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
            var part = i == 0
                ? new Part { Text = jwe, MediaType = EncryptedParts.CompactMediaType }
                : new Part { Data = JsonDocument.Parse(jwe).RootElement.Clone(), MediaType = EncryptedParts.JsonMediaType };
            var message = new Message { MessageId = Guid.NewGuid().ToString(), Role = Role.User, Parts = [part] }.ForSkill("store");
            var body = Rpc.Request("SendMessage", A2AJson.Serialize(new SendMessageRequest { Message = message }));
            var signature = ring.CreateRequestSigner(BookingAgent.Id).Sign("POST", new Uri(fixture.Host.BaseAddress, Path), Encoding.UTF8.GetBytes(body));
            var reply = await Rpc.SendAsync(fixture.Host.Client, Path, body, headers: [Rpc.Header(A2AProtocol.SignatureHeader, signature)]);
            Assert.True(reply.Status == 200 && !reply.IsError, reply.Raw);
            var answer = reply.Result.GetProperty("task").GetProperty("artifacts")[0].GetProperty("parts")[0];
            Assert.Equal(EncryptedParts.CompactMediaType, answer.GetProperty("mediaType").GetString());
            answers.Add(new JsonObject { ["op"] = "decrypt", ["jwk"] = callerPrivateJwk!.DeepClone(), ["jwe"] = answer.GetProperty("text").GetString() });
        }

        var decrypted = JsonNode.Parse(await NodePeers.RunScriptWithInputAsync("jose-jwe.mjs", answers.ToJsonString()))!.AsArray();
        string[] forms = ["compact", "flattened"];
        for (var i = 0; i < decrypted.Count; i++)
        {
            Assert.True(decrypted[i]!["ok"]!.GetValue<bool>(), decrypted[i]!.ToJsonString());
            var inner = A2AJson.Deserialize<Part>(decrypted[i]!["plaintext"]!.GetValue<string>())!;
            Assert.Equal($"stored for {BookingAgent.Id}: from jose, {forms[i]}", inner.Text);
            Assert.Equal(VaultAgent.Id, (string?)decrypted[i]!["header"]!["iss"]);
            Assert.Equal(BookingAgent.Id, (string?)decrypted[i]!["header"]!["aud"]);
        }
    }
}
