using System.Text.Json;
using A2AGen.Client;
using A2AGen.Passport;
using A2AGen.Protocol;
using A2AGen.Samples.Tests.Infrastructure;
using A2AGen.Security;

namespace A2AGen.Samples.Tests;

/// <summary>Each agent on its own (its dll, <c>--urls</c> on a free port), called with <see cref="A2AClient"/>.</summary>
public sealed class StandaloneAgentTests
{
    [Fact]
    public async Task CurrencyAgentServesASignedCardAndAnswers()
    {
        using var temp = new TempFolder();
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var agent = SampleProgram.Start(SampleProgram.CurrencyAgent, temp.Path, Development(temp), "--urls", url.ToString().TrimEnd('/'));
        await agent.WaitForOutputAsync("Ctrl+C stops it.", TimeSpan.FromSeconds(30));
        Assert.Contains($"currency-agent is listening on {url}", agent.Output, StringComparison.Ordinal);

        using var http = new HttpClient();
        var trust = new TrustStore();
        trust.Add("currency-agent", JsonWebKeySet.Parse(await http.GetByteArrayAsync(new Uri(url, ".well-known/jwks.json"))));
        var client = await A2AClient.ConnectAsync(http, url, new A2AClientOptions { CardTrust = trust, ExpectedAgentId = "currency-agent" });

        Assert.True(client.Card!.Verification!.IsVerified);
        Assert.Equal("currency-agent", client.Card.Verification.Key!.AgentId);
        Assert.Equal(url, client.Endpoint);

        // No passport: the currency named in the request, the standard fee.
        var response = await client.SendMessageAsync(Message.UserText("100 USD to JPY"));
        var quote = Data(response);
        Assert.Equal(TaskState.Completed, response.Task!.Status.State);
        Assert.Equal("JPY", quote.GetProperty("to").GetString());
        Assert.Equal(14847.00m, quote.GetProperty("converted").GetDecimal());
        Assert.Equal("Standard", quote.GetProperty("tier").GetString());

        // An unsigned passport may choose the currency, but its loyalty tier does not count.
        var unsigned = new CallerContext
        {
            ClientId = "someone",
            State = new Dictionary<string, JsonElement> { ["user_preferred_currency"] = Json("\"GBP\""), ["loyalty_tier"] = Json("\"Platinum\"") },
        };
        var withPassport = Data(await client.SendMessageWithPassportAsync(Message.UserText("100 USD"), unsigned));
        Assert.Equal("GBP", withPassport.GetProperty("to").GetString());
        Assert.Equal("Standard", withPassport.GetProperty("tier").GetString());
    }

    [Fact]
    public async Task FinanceAgentAcceptsACallerFromItsTrustFolder()
    {
        using var temp = new TempFolder();

        // A test-only caller key, trusted through the agent's trust folder (docs/demo.md: let another agent call it).
        using var callerKey = SigningKey.Create(SigningAlgorithm.Ed25519);
        var keys = temp.Folder("a2a-keys");
        File.WriteAllText(Path.Combine(temp.Folder("a2a-keys/trusted"), "test-caller.jwks.json"), JsonWebKeySet.Create([callerKey.PublicKey]).ToJson());
        var env = Development(temp);
        env["A2AGEN_KEYS_DIR"] = keys;

        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var agent = SampleProgram.Start(SampleProgram.FinanceAgent, temp.Path, env, "--urls", url.ToString().TrimEnd('/'));
        await agent.WaitForOutputAsync("Ctrl+C stops it.", TimeSpan.FromSeconds(30));
        Assert.Contains("trusts signed requests and passports from: test-caller", agent.Output, StringComparison.Ordinal);

        using var plain = new HttpClient();
        var trust = new TrustStore();
        trust.Add("finance-agent", JsonWebKeySet.Parse(await plain.GetByteArrayAsync(new Uri(url, ".well-known/jwks.json"))));
        var options = new A2AClientOptions { CardTrust = trust, ExpectedAgentId = "finance-agent" };
        using var signedHttp = A2ASigningHandler.CreateHttpClient(new RequestSigner(callerKey, "test-caller"));
        var client = await A2AClient.ConnectAsync(signedHttp, url, options);

        var response = await client.SendMessageWithPassportAsync(Message.UserText("Q2 2026"), new PassportSigner(callerKey, "test-caller"),
            new Dictionary<string, JsonElement> { ["access_scope"] = Json("[\"read:finance_db\"]") });
        var report = Data(response);
        Assert.Equal("2026-Q2", report.GetProperty("quarter").GetString());
        Assert.Equal(1_245_500m, report.GetProperty("revenueUsd").GetDecimal());
        Assert.Equal("test-caller", report.GetProperty("requestedBy").GetString());

        // The same call unsigned is refused before the skill runs.
        var unsignedClient = await A2AClient.ConnectAsync(plain, url, options);
        var refused = await Assert.ThrowsAsync<A2AClientException>(() => unsignedClient.SendMessageWithPassportAsync(Message.UserText("Q2 2026"),
            new PassportSigner(callerKey, "test-caller"), new Dictionary<string, JsonElement> { ["access_scope"] = Json("[\"read:finance_db\"]") }));
        Assert.Equal("REQUEST_SIGNATURE_MISSING", refused.Reason);
    }

    [Fact]
    public async Task CurrencyAgentAnswersTheOfficialJsSdk()
    {
        using var temp = new TempFolder();
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var agent = SampleProgram.Start(SampleProgram.CurrencyAgent, temp.Path, Development(temp), "--urls", url.ToString().TrimEnd('/'));
        await agent.WaitForOutputAsync("Ctrl+C stops it.", TimeSpan.FromSeconds(30));

        var report = JsonDocument.Parse(await NodePeers.RunScriptAsync("a2a-client-calls-travel-agent.mjs", url.ToString(), "100 EUR to USD")).RootElement;

        Assert.False(report.TryGetProperty("fatal", out var fatal), fatal.ToString());
        Assert.Equal("Currency Agent", report.GetProperty("card").GetProperty("name").GetString());
        Assert.Equal(1, report.GetProperty("card").GetProperty("signatures").GetInt32());
        var task = report.GetProperty("send").GetProperty("task");
        Assert.Equal("TASK_STATE_COMPLETED", task.GetProperty("status").GetProperty("state").GetString());
        var quote = task.GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("data");
        Assert.Equal("USD", quote.GetProperty("to").GetString());
        Assert.Equal(106.53m, quote.GetProperty("converted").GetDecimal());
    }

    [Fact]
    public async Task CurrencyAgentStartedWithOnlyUrlsServesGrpcOnTheEndpointItsCardAnnounces()
    {
        using var temp = new TempFolder();
        var url = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var agent = SampleProgram.Start(SampleProgram.CurrencyAgent, temp.Path, Development(temp), "--urls", url.ToString().TrimEnd('/'));
        await agent.WaitForOutputAsync("Ctrl+C stops it.", TimeSpan.FromSeconds(30));

        using var http = new HttpClient();
        var card = JsonDocument.Parse(await http.GetStringAsync(new Uri(url, ".well-known/agent-card.json"))).RootElement;
        var interfaces = card.GetProperty("supportedInterfaces").EnumerateArray().ToArray();
        Assert.Equal(["JSONRPC", "HTTP+JSON", "GRPC"], interfaces.Select(i => i.GetProperty("protocolBinding").GetString()));
        var grpc = new Uri(interfaces[2].GetProperty("url").GetString()!);
        Assert.Equal(("http", "127.0.0.1"), (grpc.Scheme, grpc.Host));
        Assert.NotEqual(url.Port, grpc.Port);
        Assert.Contains($"grpc  http://127.0.0.1:{grpc.Port} ", agent.Output, StringComparison.Ordinal);

        // SendMessage over HTTP/2 with prior knowledge: one length-prefixed a2a.proto SendMessageRequest, written by hand
        // (message_id "m-1", ROLE_USER, one text part).
        byte[] Field(int tag, byte[] value) => [(byte)tag, (byte)value.Length, .. value];
        var part = Field(0x0A, "100 EUR to USD"u8.ToArray());
        byte[] message = [.. Field(0x0A, "m-1"u8.ToArray()), 0x20, 0x01, .. Field(0x2A, part)];
        var request = Field(0x12, message);
        using var call = new HttpRequestMessage(HttpMethod.Post, new Uri(grpc, "/lf.a2a.v1.A2AService/SendMessage"))
        {
            Version = System.Net.HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, (byte)request.Length, .. request]),
        };
        call.Content.Headers.ContentType = new("application/grpc");
        call.Headers.Add("a2a-version", "1.0");
        call.Headers.TryAddWithoutValidation("te", "trailers");
        using var response = await http.SendAsync(call);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("0", response.TrailingHeaders.GetValues("grpc-status").Single());
        Assert.Equal(0, body[0]);
        Assert.Contains("converted", System.Text.Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    internal static Dictionary<string, string?> Development(TempFolder temp) => new()
    {
        ["DOTNET_ENVIRONMENT"] = "Development",
        ["A2AGEN_DEV_KEYS_DIR"] = temp.Folder("dev-keys"),
    };

    private static JsonElement Data(SendMessageResponse response) =>
        response.Task!.Artifacts!.SelectMany(a => a.Parts).Select(p => p.Data).First(d => d is not null)!.Value;

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
