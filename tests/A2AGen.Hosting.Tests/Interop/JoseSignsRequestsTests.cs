using System.Text.Json;
using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Interop;

/// <summary>
/// Request signatures made by an independent implementation — jose under Node, from the wire format of DESIGN §6.4 —
/// are accepted by our host once, refused as a replay, and refused over a changed body.
/// </summary>
public sealed class JoseSignsRequestsTests
{
    [Theory]
    [InlineData("Ed25519")]
    [InlineData("P-256")]
    public async Task Our_host_checks_a_request_signed_by_jose(string curve)
    {
        await using var host = await TestHost.StartAsync(s => s.AddA2AAgent<WhoAmIAgent>(), app => app.MapA2AAgent<WhoAmIAgent>("/whoami"));
        using var key = SigningKey.Create(curve == "Ed25519" ? SigningAlgorithm.Ed25519 : SigningAlgorithm.EcdsaP256Sha256,
            new SigningKeyOptions { ExportPolicy = SigningKeyExportPolicies.AllowPlaintextArchiving });
        host.Services.GetRequiredService<A2AKeyRing>().TrustStore.Add("node-caller", key.PublicKey);

        var endpoint = new Uri(host.BaseAddress, "/whoami").ToString();
        var output = await NodePeers.RunScriptWithInputAsync("a2a-jose-signed-request.mjs", key.ExportPem(), endpoint, "node-caller", "secure");
        using var report = JsonDocument.Parse(output);
        Assert.Equal(key.PublicKey.Thumbprint, report.RootElement.GetProperty("kid").GetString());
        var results = report.RootElement.GetProperty("results");

        Assert.Equal(200, results[0].GetProperty("status").GetInt32());
        var text = results[0].GetProperty("body").GetProperty("result").GetProperty("task").GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString();
        Assert.StartsWith("secure caller=node-caller;iss=node-caller;", text, StringComparison.Ordinal);

        Assert.Equal(401, results[1].GetProperty("status").GetInt32());
        Assert.Equal("REQUEST_SIGNATURE_REPLAYED", Reason(results[1]));
        Assert.Equal(401, results[2].GetProperty("status").GetInt32());
        Assert.Equal("REQUEST_BODY_HASH_MISMATCH", Reason(results[2]));
    }

    private static string? Reason(JsonElement result) =>
        result.GetProperty("body").GetProperty("error").GetProperty("data")[0].GetProperty("reason").GetString();
}
