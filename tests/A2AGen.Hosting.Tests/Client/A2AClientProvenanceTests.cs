using System.Text;
using A2AGen.Client;
using A2AGen.Protocol;
using A2AGen.Provenance;
using A2AGen.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Client;

/// <summary>
/// <see cref="A2AClient"/> verifies provenance by itself when the card declares it: every artifact and agent message
/// gets a result (Verified with its chain, Unverified or Invalid with the reason), streamed artifacts at their last
/// chunk; it can throw instead; a card without the extension gets no checks.
/// </summary>
public sealed class A2AClientProvenanceTests(A2AClientProvenanceTests.NotaryFixture fixture) : IClassFixture<A2AClientProvenanceTests.NotaryFixture>
{
    private Uri AgentUrl => new(fixture.Host.BaseAddress, "/agents/notary");

    private TrustStore Trust => fixture.Host.Services.GetRequiredService<A2AKeyRing>().TrustStore;

    private Task<A2AClient> ConnectAsync(ClientProvenanceMode mode = ClientProvenanceMode.Report, IJwsKeyResolver? provenanceTrust = null, HttpClient? http = null) =>
        A2AClient.ConnectAsync(http ?? fixture.Host.Client, AgentUrl, new A2AClientOptions
        {
            CardTrust = Trust,
            ExpectedAgentId = NotaryAgent.Id,
            Provenance = mode,
            ProvenanceTrust = provenanceTrust,
        });

    [Fact]
    public async Task Artifacts_and_messages_of_a_signing_agent_are_verified_and_reported()
    {
        var client = await ConnectAsync();

        var task = (await client.SendMessageAsync(Message.UserText("the deed").ForSkill("attest"))).Task!;
        var verified = client.ProvenanceOf(task.Artifacts![0])!;
        Assert.True(verified.IsVerified, verified.ToString());
        Assert.True(verified.BindingChecked);
        Assert.Equal(NotaryAgent.Id, Assert.Single(verified.CustodyTrail).Issuer);

        // An unsigned skill's artifact: surfaced as Unverified with the reason, never as verified.
        var chat = (await client.SendMessageAsync(Message.UserText("hi").ForSkill("chat"))).Task!;
        var missing = client.ProvenanceOf(chat.Artifacts![0])!;
        Assert.Equal(ProvenanceStatus.Unverified, missing.Status);
        Assert.Equal(ProvenanceReasons.Missing, missing.Reason);

        // A direct reply and an interrupted task's question are agent messages: both verified.
        var reply = (await client.SendMessageAsync(Message.UserText("the minutes").ForSkill("reply"))).Message!;
        Assert.True(client.ProvenanceOf(reply)!.IsVerified);
        var asked = (await client.SendMessageAsync(Message.UserText("the lease").ForSkill("confirm"))).Task!;
        Assert.Equal(TaskState.InputRequired, asked.Status.State);
        Assert.True(client.ProvenanceOf(asked.Status.Message!)!.IsVerified);

        // GetTask's artifacts too.
        var read = await client.GetTaskAsync(task.Id);
        Assert.True(client.ProvenanceOf(read.Artifacts![0])!.IsVerified);
    }

    [Fact]
    public async Task A_streamed_artifact_is_verified_at_its_last_chunk_over_the_assembled_parts()
    {
        var client = await ConnectAsync();
        var updates = new List<TaskArtifactUpdateEvent>();
        await foreach (var item in client.SendStreamingMessageAsync(new SendMessageRequest { Message = Message.UserText("one two three").ForSkill("witness") }))
        {
            if (item.ArtifactUpdate is { } update)
            {
                updates.Add(update);
            }
        }

        Assert.Equal(3, updates.Count);
        Assert.All(updates[..^1], u => Assert.Null(client.ProvenanceOf(u.Artifact)));
        var result = client.ProvenanceOf(updates[^1].Artifact)!;
        Assert.True(result.IsVerified, result.ToString());
    }

    [Fact]
    public async Task Over_HTTP_JSON_the_same_checks_apply()
    {
        var client = await A2AClient.ConnectAsync(fixture.Host.Client, AgentUrl, new A2AClientOptions
        {
            CardTrust = Trust,
            ExpectedAgentId = NotaryAgent.Id,
            PreferredBindings = [AgentInterface.HttpJsonBinding],
        });
        Assert.Equal(AgentInterface.HttpJsonBinding, client.ProtocolBinding);

        var task = (await client.SendMessageAsync(Message.UserText("the deed").ForSkill("attest"))).Task!;
        Assert.True(client.ProvenanceOf(task.Artifacts![0])!.IsVerified);
        StreamResponse? last = null;
        await foreach (var item in client.SendStreamingMessageAsync(new SendMessageRequest { Message = Message.UserText("a b").ForSkill("witness") }))
        {
            last = item.ArtifactUpdate is not null ? item : last;
        }

        Assert.True(client.ProvenanceOf(last!.ArtifactUpdate!.Artifact)!.IsVerified);
    }

    [Fact]
    public async Task Tampered_content_is_Invalid_with_its_reason_and_can_be_made_to_throw()
    {
        using var tampering = new HttpClient(new TamperingHandler("the deed", "the dead") { InnerHandler = new HttpClientHandler() }) { BaseAddress = fixture.Host.BaseAddress };
        var reporting = await ConnectAsync(http: tampering);
        var task = (await reporting.SendMessageAsync(Message.UserText("the deed").ForSkill("attest"))).Task!;
        Assert.Contains("the dead", task.Artifacts![0].Parts[0].Text, StringComparison.Ordinal);
        var invalid = reporting.ProvenanceOf(task.Artifacts[0])!;
        Assert.Equal(ProvenanceStatus.Invalid, invalid.Status);
        Assert.Equal(ProvenanceReasons.ContentMismatch, invalid.Reason);

        var throwing = await ConnectAsync(ClientProvenanceMode.ThrowOnInvalid, http: tampering);
        var error = await Assert.ThrowsAsync<A2AClientException>(() => throwing.SendMessageAsync(Message.UserText("the deed").ForSkill("attest")));
        Assert.Equal(ProvenanceReasons.ContentMismatch, error.Reason);

        // Untampered content passes the same client.
        Assert.NotNull((await throwing.SendMessageAsync(Message.UserText("a will").ForSkill("attest"))).Task);
    }

    [Fact]
    public async Task Without_a_trusted_key_or_an_envelope_the_result_is_Unverified_and_ThrowUnlessVerified_refuses_it()
    {
        var untrusting = await ConnectAsync(provenanceTrust: new TrustStore());
        var task = (await untrusting.SendMessageAsync(Message.UserText("the deed").ForSkill("attest"))).Task!;
        var unverified = untrusting.ProvenanceOf(task.Artifacts![0])!;
        Assert.Equal(ProvenanceStatus.Unverified, unverified.Status);
        Assert.Equal(ProvenanceReasons.SignerUntrusted, unverified.Reason);

        var strict = await ConnectAsync(ClientProvenanceMode.ThrowUnlessVerified);
        Assert.True(strict.ProvenanceOf((await strict.SendMessageAsync(Message.UserText("ok").ForSkill("attest"))).Task!.Artifacts![0])!.IsVerified);
        var error = await Assert.ThrowsAsync<A2AClientException>(() => strict.SendMessageAsync(Message.UserText("hi").ForSkill("chat")));
        Assert.Equal(ProvenanceReasons.Missing, error.Reason);
    }

    [Fact]
    public async Task A_card_without_the_extension_or_a_client_set_Off_checks_nothing()
    {
        var off = await ConnectAsync(ClientProvenanceMode.Off);
        Assert.Null(off.ProvenanceOf((await off.SendMessageAsync(Message.UserText("the deed").ForSkill("attest"))).Task!.Artifacts![0]));

        var booking = await A2AClient.ConnectAsync(fixture.Host.Client, new Uri(fixture.Host.BaseAddress, "/agents/booking"), new A2AClientOptions
        {
            CardTrust = Trust,
            ExpectedAgentId = BookingAgent.Id,
            Provenance = ClientProvenanceMode.ThrowUnlessVerified,
        });
        var task = (await booking.SendMessageAsync(Message.UserText("Lisbon"))).Task!;
        Assert.Null(booking.ProvenanceOf(task.Status.Message!));
    }

    // A man in the middle that rewrites response bodies.
    private sealed class TamperingHandler(string from, string to) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method != HttpMethod.Post)
            {
                return response;
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var content = new StringContent(body.Replace(from, to, StringComparison.Ordinal), Encoding.UTF8);
            content.Headers.ContentType = response.Content.Headers.ContentType;
            response.Content = content;
            return response;
        }
    }

    public sealed class NotaryFixture : IAsyncLifetime
    {
        public TestHost Host { get; private set; } = null!;

        public async Task InitializeAsync() => Host = await TestHost.StartAsync(
            s =>
            {
                s.AddA2AAgent<NotaryAgent>();
                s.AddA2AAgent<BookingAgent>();
            },
            app =>
            {
                app.MapA2AAgent<NotaryAgent>("/agents/notary");
                app.MapA2AAgent<BookingAgent>("/agents/booking");
            });

        public Task DisposeAsync() => Host.DisposeAsync().AsTask();
    }
}
