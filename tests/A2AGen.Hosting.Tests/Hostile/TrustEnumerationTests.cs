using A2AGen.Hosting.Tests.Signatures;
using A2AGen.Security;

namespace A2AGen.Hosting.Tests.Hostile;

/// <summary>
/// Issue 11 §4, who is trusted is observable: a junk token naming a trusted issuer, an untrusted one, or a trusted key
/// of another agent gets one answer (reason and message), for request signatures and passports alike, so the trust
/// list cannot be enumerated; the log keeps the precise reason.
/// </summary>
public sealed class TrustEnumerationTests(SignedHostFixture fixture) : IClassFixture<SignedHostFixture>
{
    private const string PassportKey = "https://github.com/a2aproject/a2a-samples/tree/main/samples/python/extensions/secure-passport";

    private static readonly string UnknownKid = StrictBase64Url.Encode(new byte[32]);

    private static string Junk(string issuer, string kid) => TestCaller.Forged(
        "{\"alg\":\"EdDSA\",\"kid\":\"" + kid + "\",\"typ\":\"a2a-request+jwt\"}",
        "{\"iss\":\"" + issuer + "\",\"aud\":\"http://x/\",\"iat\":1,\"exp\":2,\"jti\":\"j\",\"htm\":\"POST\",\"htu\":\"http://x/\",\"bh\":\"x\"}");

    private async Task<Reply> SendAsync(string token)
    {
        var body = Rpc.Request("SendMessage", Rpc.UserText("hi"));
        return await Rpc.SendAsync(fixture.Host.Client, "/whoami", body, headers: [Rpc.Header("A2A-Signature", token)]);
    }

    private bool Logged(string reason) => fixture.Host.Logs.WithId(1002).Any(e => e.Message.Contains(reason, StringComparison.Ordinal));

    [Fact]
    public async Task A_request_signature_from_an_unknown_issuer_or_with_an_unknown_key_gets_one_answer()
    {
        var trustedIssuerUnknownKey = await SendAsync(Junk("travel-desk", UnknownKid));
        var untrustedIssuer = await SendAsync(Junk("nobody-we-know", UnknownKid));
        var keyOfAnotherAgent = await SendAsync(Junk("nobody-we-know", fixture.Billing.Key.PublicKey.Thumbprint));

        foreach (var reply in new[] { trustedIssuerUnknownKey, untrustedIssuer, keyOfAnotherAgent })
        {
            Assert.Equal(401, reply.Status);
            Assert.Equal(RequestSignatureReasons.IssuerUntrusted, reply.Reason);
            Assert.Equal(trustedIssuerUnknownKey.ErrorMessage, reply.ErrorMessage);
        }

        Assert.DoesNotContain("travel-desk", trustedIssuerUnknownKey.ErrorMessage, StringComparison.Ordinal);
        Assert.True(Logged(RequestSignatureReasons.SigningKeyUnknown));
        Assert.True(Logged(RequestSignatureReasons.IssuerUntrusted));
        Assert.True(Logged(RequestSignatureReasons.SigningKeyIssuerMismatch));
    }

    private async Task<Reply> SendPassportAsync(string clientId, string kid)
    {
        var signature = StrictBase64Url.Encode("{\"alg\":\"EdDSA\",\"kid\":\""u8.ToArray().Concat(System.Text.Encoding.UTF8.GetBytes(kid)).Concat("\",\"typ\":\"a2a-passport+jws\",\"iat\":1,\"exp\":2}"u8.ToArray()).ToArray())
            + ".." + StrictBase64Url.Encode(new byte[64]);
        var message = "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"x\"}],\"metadata\":{\"" + PassportKey + "\":" +
            "{\"clientId\":\"" + clientId + "\",\"state\":{},\"signature\":\"" + signature + "\"}}}}";
        return await Rpc.CallAsync(fixture.Host.Client, "/whoami", "SendMessage", message);
    }

    [Fact]
    public async Task A_passport_from_an_unknown_client_or_with_an_unknown_key_gets_one_answer()
    {
        var trustedClientUnknownKey = await SendPassportAsync("travel-desk", UnknownKid);
        var untrustedClient = await SendPassportAsync("nobody-we-know", UnknownKid);
        var keyOfAnotherAgent = await SendPassportAsync("travel-desk", fixture.Billing.Key.PublicKey.Thumbprint);
        var notAnAgentId = await SendPassportAsync("Not An Agent", UnknownKid);

        foreach (var reply in new[] { trustedClientUnknownKey, untrustedClient, keyOfAnotherAgent, notAnAgentId })
        {
            Assert.Equal(401, reply.Status);
            Assert.Equal("PASSPORT_SIGNER_UNTRUSTED", reply.Reason);
            Assert.Equal(trustedClientUnknownKey.ErrorMessage, reply.ErrorMessage);
        }

        Assert.True(Logged("PASSPORT_SIGNING_KEY_UNKNOWN"));
        Assert.True(Logged("PASSPORT_KEY_NOT_OWNED_BY_CLIENT"));
        Assert.True(Logged("PASSPORT_SIGNER_UNTRUSTED"));
    }
}
