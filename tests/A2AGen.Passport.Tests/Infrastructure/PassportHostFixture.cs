using System.Diagnostics.Metrics;
using A2AGen.Client;
using A2AGen.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Passport.Tests.Infrastructure;

/// <summary>
/// One real Kestrel host (127.0.0.1, port 0) with the seed's four generated agents (and one that requires the
/// extension), and the calling agents of the seed
/// with keys made for the test: the travel orchestrator (Ed25519), the travel portal (ES256) and the marketing agent
/// are trusted; so is a rogue agent (a trusted key that signs in another's name); the e-commerce front end has no
/// trusted key (it sends unsigned passports).
/// </summary>
public sealed class PassportHostFixture : IAsyncLifetime
{
    public TestHost Host { get; private set; } = null!;

    public TestClient Orchestrator { get; } = new("travel-orchestrator.com", clientId: "a2a://travel-orchestrator.com");

    public TestClient Portal { get; } = new("travel-portal.com", SigningAlgorithm.EcdsaP256Sha256, clientId: "a2a://travel-portal.com");

    public TestClient Storefront { get; } = new("ecommerce-front.com", clientId: "a2a://ecommerce-front.com");

    public TestClient Marketing { get; } = new("marketing-agent.com", clientId: "a2a://marketing-agent.com");

    public TestClient Rogue { get; } = new("rogue-agent");

    /// <summary>The passport verifier's counters (meter <c>A2AGen.Passport</c> of this host).</summary>
    public MeterCapture PassportCounters { get; private set; } = null!;

    public TrustStore Trust => Host.Services.GetRequiredService<A2AKeyRing>().TrustStore;

    public async Task InitializeAsync()
    {
        Host = await TestHost.StartAsync(
            s =>
            {
                s.AddA2AAgent<CurrencyAgent>();
                s.AddA2AAgent<TravelAgent>();
                s.AddA2AAgent<RetailAgent>();
                s.AddA2AAgent<FinanceAgent>();
                s.AddA2AAgent<LoungeAgent>();
            },
            app =>
            {
                app.MapA2AAgent<CurrencyAgent>("/currency");
                app.MapA2AAgent<TravelAgent>("/travel");
                app.MapA2AAgent<RetailAgent>("/retail");
                app.MapA2AAgent<FinanceAgent>("/finance");
                app.MapA2AAgent<LoungeAgent>("/lounge");
            });
        PassportCounters = new MeterCapture("A2AGen.Passport", Host.Services.GetRequiredService<IMeterFactory>());
        foreach (var client in new[] { Orchestrator, Portal, Marketing, Rogue })
        {
            client.TrustedBy(Trust);
        }
    }

    public Uri Url(string path) => new(Host.BaseAddress, path);

    /// <summary>An <see cref="A2AClient"/> for an agent of this host; its requests are signed when <paramref name="requestSigner"/> is given.</summary>
    public A2AClient Client(string path, TestClient? requestSigner = null) =>
        new(requestSigner is null ? new HttpClient() : A2ASigningHandler.CreateHttpClient(requestSigner.RequestSigner), Url(path));

    /// <summary>A raw <c>SendMessage</c> to a skill with <paramref name="passport"/> in the metadata, signed as <paramref name="requestSigner"/> when given.</summary>
    public async Task<Reply> SendAsync(string path, string skill, string text, CallerContext? passport, TestClient? requestSigner = null)
    {
        var metadata = new Dictionary<string, JsonElement> { [A2AProtocol.SkillMetadataKey] = JsonSerializer.SerializeToElement(skill) };
        if (passport is not null)
        {
            metadata[PassportFormat.ExtensionUri] = CallerContextJson.ToJsonElement(passport);
        }

        var message = Message.UserText(text) with { Metadata = metadata };
        return await SendRawAsync(path, Protocol.Serialization.A2AJson.Serialize(new SendMessageRequest { Message = message }), requestSigner);
    }

    /// <summary>A raw <c>SendMessage</c> with hand-written params.</summary>
    public Task<Reply> SendRawAsync(string path, string paramsJson, TestClient? requestSigner = null)
    {
        var body = Rpc.Request("SendMessage", paramsJson);
        var headers = new List<KeyValuePair<string, string>> { Rpc.Header("A2A-Extensions", PassportFormat.ExtensionUri) };
        if (requestSigner is not null)
        {
            headers.Add(Rpc.Header(A2AProtocol.SignatureHeader, requestSigner.RequestSigner.Sign("POST", Url(path), System.Text.Encoding.UTF8.GetBytes(body))));
        }

        return Rpc.SendAsync(Host.Client, path, body, headers: headers);
    }

    public async Task DisposeAsync()
    {
        PassportCounters.Dispose();
        await Host.DisposeAsync();
        foreach (var client in new[] { Orchestrator, Portal, Storefront, Marketing, Rogue })
        {
            client.Dispose();
        }
    }
}

/// <summary>Reading skill answers.</summary>
public static class Answers
{
    public static string TextOf(SendMessageResponse response) => response.Task!.Artifacts![0].Parts[0].Text!;

    public static string TextOf(Reply reply) => reply.Result.GetProperty("task").GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString()!;
}
