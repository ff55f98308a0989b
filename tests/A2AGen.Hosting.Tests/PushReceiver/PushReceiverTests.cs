using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Security;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.PushReceiver;

/// <summary>
/// <c>MapA2APushReceiver</c> on a real Kestrel host: notifications signed by <see cref="RequestSigner"/> (the claims the
/// push sender makes: <c>aud</c> = <c>htu</c> = the webhook URL) are accepted and handed over typed; each way a
/// notification can be wrong is refused with HTTP 401/403/400/413/415 and the reason naming its check, without
/// exception text, and never reaches the handler.
/// </summary>
public sealed class PushReceiverTests(PushReceiverHost fixture) : IClassFixture<PushReceiverHost>
{
    private static readonly Uri Webhook = new(PushReceiverHost.PublicUrl);

    private string Sign(string body, TestCaller? caller = null) => (caller ?? fixture.TravelDesk).Sign(Webhook, body);

    private async Task<PushReply> RefusedAsync(int status, string reason, string path, string body, string? signature = null, string? authorization = null, string contentType = "application/a2a+json", string? notificationToken = null)
    {
        var before = fixture.Received.Count;
        var reply = await fixture.PostAsync(path, body, signature, authorization, contentType, notificationToken);
        Assert.Equal(status, reply.Status);
        Assert.Equal(reason, reply.Reason);
        Assert.DoesNotContain("   at ", reply.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", reply.Raw, StringComparison.Ordinal);
        Assert.Equal(before, fixture.Received.Count);
        return reply;
    }

    private A2APushNotification Last(string taskId) => fixture.Received.Last(r => r.Notification.TaskId == taskId).Notification;

    public static TheoryData<string, A2APushEventKind> Events => new()
    {
        { A2AJson.Serialize(new StreamResponse { Task = new AgentTask { Id = "t-task", ContextId = "c-task", Status = new A2AGen.Protocol.TaskStatus { State = TaskState.Submitted } } }), A2APushEventKind.Task },
        { A2AJson.Serialize(new StreamResponse { Message = Message.AgentText("hello", "c-message", "t-message") }), A2APushEventKind.Message },
        { PushReceiverHost.StatusUpdate("t-status"), A2APushEventKind.StatusUpdate },
        { A2AJson.Serialize(new StreamResponse { ArtifactUpdate = new TaskArtifactUpdateEvent { TaskId = "t-artifact", ContextId = "c-artifact", Artifact = new Artifact { ArtifactId = "a1", Parts = [Part.FromText("result")] }, LastChunk = true } }), A2APushEventKind.ArtifactUpdate },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public async Task A_signed_notification_is_accepted_and_handed_over_typed(string body, A2APushEventKind kind)
    {
        var reply = await fixture.PostAsync("/a2a/push", body, Sign(body));
        Assert.Equal(204, reply.Status);
        Assert.Equal("", reply.Raw);

        var taskId = "t-" + kind switch { A2APushEventKind.Task => "task", A2APushEventKind.Message => "message", A2APushEventKind.StatusUpdate => "status", _ => "artifact" };
        var received = Last(taskId);
        Assert.Equal(kind, received.Kind);
        Assert.Equal(taskId, received.TaskId);
        Assert.Equal(kind == A2APushEventKind.StatusUpdate ? "ctx-t-status" : "c-" + taskId[2..], received.ContextId);
        Assert.Equal("travel-desk", received.Sender.Id);
        Assert.Equal(A2APushAuthentication.Signature, received.Sender.Authentication);
        Assert.Equal(fixture.TravelDesk.Key.PublicKey.Thumbprint, received.Sender.Signature!.KeyId);
        Assert.Equal(PushReceiverHost.PublicUrl, received.Sender.Signature.Audience);
        switch (kind)
        {
            case A2APushEventKind.Task: Assert.Equal(TaskState.Submitted, received.Task!.Status.State); break;
            case A2APushEventKind.Message: Assert.Equal("hello", received.Message!.Parts[0].Text); break;
            case A2APushEventKind.StatusUpdate: Assert.Equal(TaskState.Working, received.StatusUpdate!.Status.State); break;
            default: Assert.Equal("result", received.ArtifactUpdate!.Artifact.Parts[0].Text); break;
        }
    }

    [Fact]
    public async Task An_es256_sender_and_a_named_receiver_work_alike()
    {
        var body = PushReceiverHost.StatusUpdate("t-billing", TaskState.Completed);
        var reply = await fixture.PostAsync("/a2a/push-billing", body, fixture.Billing.Sign(new Uri(PushReceiverHost.BillingUrl), body));
        Assert.Equal(204, reply.Status);
        var received = fixture.Received.Single(r => r.Notification.TaskId == "t-billing");
        Assert.Equal("/a2a/push-billing", received.Path);
        Assert.Equal("billing", received.Notification.Sender.Id);
        Assert.Equal("ES256", received.Notification.Sender.Signature!.Algorithm);
    }

    [Fact]
    public async Task A_tampered_body_is_refused()
    {
        var body = PushReceiverHost.StatusUpdate("t-tampered", TaskState.Completed);
        var signature = Sign(body);
        var reply = await RefusedAsync(401, RequestSignatureReasons.BodyHashMismatch, "/a2a/push", body.Replace("COMPLETED", "FAILED", StringComparison.Ordinal), signature);
        Assert.Equal("UNAUTHENTICATED", reply.StatusName);
        Assert.Equal("A2A-Signature", reply.WwwAuthenticate);
    }

    [Fact]
    public async Task A_signature_for_another_receiver_is_refused()
    {
        var body = PushReceiverHost.StatusUpdate("t-audience");
        await RefusedAsync(401, RequestSignatureReasons.AudienceMismatch, "/a2a/push", body, fixture.TravelDesk.Sign(new Uri("https://someone-else.example.com/a2a/push"), body));

        // The billing receiver is on the same host, but a signature naming it is no good here.
        await RefusedAsync(401, RequestSignatureReasons.AudienceMismatch, "/a2a/push", body, fixture.TravelDesk.Sign(new Uri(PushReceiverHost.BillingUrl), body));
    }

    [Fact]
    public async Task Method_and_url_bindings_are_checked()
    {
        var body = PushReceiverHost.StatusUpdate("t-binding");
        await RefusedAsync(401, RequestSignatureReasons.MethodMismatch, "/a2a/push", body, fixture.TravelDesk.Token(Webhook, body, c => c["htm"] = "PUT"));
        await RefusedAsync(401, RequestSignatureReasons.UrlMismatch, "/a2a/push", body, fixture.TravelDesk.Token(Webhook, body, c => c["htu"] = "https://me.example.com/elsewhere"));
        await RefusedAsync(401, RequestSignatureReasons.ClaimMissing, "/a2a/push", body, fixture.TravelDesk.Token(Webhook, body, c => c["bh"] = null));
    }

    [Fact]
    public async Task An_expired_signature_is_refused_and_one_within_the_skew_is_not()
    {
        var body = PushReceiverHost.StatusUpdate("t-expired");

        // The sender's clock: 66 s behind the receiver's, so its 60 s signature expired 6 s ago (the skew is 5 s).
        using var late = new TestCaller("travel-desk", clock: new FakeTimeProvider(fixture.Clock.GetUtcNow().AddSeconds(-66)));
        fixture.Host.Services.GetRequiredService<A2AKeyRing>().TrustStore.Add("travel-desk", late.Key.PublicKey);
        await RefusedAsync(401, RequestSignatureReasons.Expired, "/a2a/push", body, late.Sign(Webhook, body));

        using var slightlyLate = new TestCaller("travel-desk", clock: new FakeTimeProvider(fixture.Clock.GetUtcNow().AddSeconds(-64)));
        fixture.Host.Services.GetRequiredService<A2AKeyRing>().TrustStore.Add("travel-desk", slightlyLate.Key.PublicKey);
        Assert.Equal(204, (await fixture.PostAsync("/a2a/push", body, slightlyLate.Sign(Webhook, body))).Status);
    }

    [Fact]
    public async Task A_replayed_notification_is_refused()
    {
        var body = PushReceiverHost.StatusUpdate("t-replayed");
        var signature = Sign(body);
        Assert.Equal(204, (await fixture.PostAsync("/a2a/push", body, signature)).Status);
        var countAfterFirst = fixture.Received.Count(r => r.Notification.TaskId == "t-replayed");
        await RefusedAsync(401, RequestSignatureReasons.Replayed, "/a2a/push", body, signature);
        Assert.Equal(1, countAfterFirst);
    }

    [Fact]
    public async Task An_unknown_key_or_issuer_is_refused_with_one_reason_and_the_log_says_which()
    {
        var body = PushReceiverHost.StatusUpdate("t-unknown");

        // A key nobody trusted, under a trusted agent's id.
        using var impostor = new TestCaller("travel-desk", clock: fixture.Clock);
        await RefusedAsync(401, RequestSignatureReasons.IssuerUntrusted, "/a2a/push", body, impostor.Sign(Webhook, body));
        Assert.Contains(fixture.Host.Logs.WithId(1600), e => e.Message.Contains(RequestSignatureReasons.SigningKeyUnknown, StringComparison.Ordinal));

        // An agent nobody trusts.
        using var stranger = new TestCaller("stranger", clock: fixture.Clock);
        await RefusedAsync(401, RequestSignatureReasons.IssuerUntrusted, "/a2a/push", body, stranger.Sign(Webhook, body));

        // A trusted key claimed by another agent id.
        await RefusedAsync(401, RequestSignatureReasons.IssuerUntrusted, "/a2a/push", body,
            fixture.TravelDesk.Token(Webhook, body, c => c["iss"] = "billing", keyId: fixture.TravelDesk.Key.PublicKey.Thumbprint));
        Assert.Contains(fixture.Host.Logs.WithId(1600), e => e.Message.Contains(RequestSignatureReasons.SigningKeyIssuerMismatch, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_or_forged_signature_is_refused()
    {
        var body = PushReceiverHost.StatusUpdate("t-missing");
        var reply = await RefusedAsync(401, RequestSignatureReasons.Missing, "/a2a/push", body);
        Assert.Equal("A2A-Signature", reply.WwwAuthenticate);

        // A token on a receiver that takes none is no substitute.
        await RefusedAsync(401, RequestSignatureReasons.Missing, "/a2a/push", body, authorization: "Bearer " + PushReceiverHost.Token);

        await RefusedAsync(401, RequestSignatureReasons.Invalid, "/a2a/push", body, fixture.TravelDesk.Token(Webhook, body, signWith: SigningKey.Create(SigningAlgorithm.Ed25519)));
        await RefusedAsync(401, RequestSignatureReasons.Malformed, "/a2a/push", body, "not-a-jws");
        await RefusedAsync(401, RequestSignatureReasons.TypeMismatch, "/a2a/push", body, fixture.TravelDesk.Token(Webhook, body, type: "JWT"));
    }

    [Fact]
    public async Task A_sender_outside_the_receivers_list_is_forbidden()
    {
        var body = PushReceiverHost.StatusUpdate("t-not-allowed");
        var reply = await RefusedAsync(403, A2APushReceiverReasons.SenderNotAllowed, "/a2a/push-billing", body, fixture.TravelDesk.Sign(new Uri(PushReceiverHost.BillingUrl), body));
        Assert.Equal("PERMISSION_DENIED", reply.StatusName);
    }

    [Fact]
    public async Task Size_and_media_type_are_checked_before_anything_else()
    {
        var large = A2AJson.Serialize(new StreamResponse { Message = Message.AgentText(new string('x', 70 * 1024), "c", "t-large") });
        var reply = await RefusedAsync(413, A2APushReceiverReasons.TooLarge, "/a2a/push", large, Sign(large));
        Assert.Contains("65536", reply.Message, StringComparison.Ordinal);

        var body = PushReceiverHost.StatusUpdate("t-media");
        await RefusedAsync(415, A2APushReceiverReasons.MediaTypeUnsupported, "/a2a/push", body, Sign(body), contentType: "text/plain");

        // application/json is accepted as well as application/a2a+json.
        Assert.Equal(204, (await fixture.PostAsync("/a2a/push", body, Sign(body), contentType: "application/json")).Status);
    }

    [Theory]
    [InlineData("{}", "none of task, message, statusUpdate, artifactUpdate is set")]
    [InlineData("{\"statusUpdate\":{\"contextId\":\"c\",\"status\":{\"state\":\"TASK_STATE_WORKING\"}}}", "the event names no task id")]
    [InlineData("{\"statusUpdate\":{\"taskId\":\"t\",\"status\":{\"state\":\"TASK_STATE_WORKING\"}},\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_AGENT\",\"parts\":[{\"text\":\"x\"}],\"taskId\":\"t\"}}", "more than one of")]
    [InlineData("{\"statusUpdate\":{\"taskId\":7}}", "statusUpdate.taskId")]
    [InlineData("{\"statusUpdate\":{\"taskId\":\"t\\udc00\",\"contextId\":\"c\",\"status\":{\"state\":\"TASK_STATE_WORKING\"}}}", "statusUpdate.taskId is not valid Unicode")]
    [InlineData("null", "not a JSON object")]
    [InlineData("[1,2]", "not a JSON object")]
    [InlineData("{\"task\":", "not valid JSON")]
    public async Task A_signed_body_that_is_not_one_stream_response_naming_a_task_is_refused(string body, string expected)
    {
        var reply = await RefusedAsync(400, A2APushReceiverReasons.EventMalformed, "/a2a/push", body, Sign(body));
        Assert.Contains(expected, reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_handler_answers_500_with_a_correlation_id_and_no_exception_text()
    {
        var body = PushReceiverHost.StatusUpdate("explode");
        var reply = await fixture.PostAsync("/a2a/push", body, Sign(body));
        Assert.Equal(500, reply.Status);
        Assert.Equal(A2APushReceiverReasons.HandlerFailed, reply.Reason);
        Assert.DoesNotContain("secret handler detail", reply.Raw, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", reply.Raw, StringComparison.Ordinal);
        var logged = fixture.Host.Logs.WithId(1601).Last();
        Assert.Equal("secret handler detail", logged.Exception!.Message);
        Assert.Contains(logged.Message.Split("correlation id ")[1], reply.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_form_is_accepted_only_where_configured_and_compared_exactly()
    {
        var body = PushReceiverHost.StatusUpdate("t-token");
        var reply = await fixture.PostAsync("/a2a/push-token", body, authorization: "Bearer " + PushReceiverHost.Token);
        Assert.Equal(204, reply.Status);
        var received = Last("t-token");
        Assert.Equal("js-agent", received.Sender.Id);
        Assert.Equal(A2APushAuthentication.Token, received.Sender.Authentication);
        Assert.Null(received.Sender.Signature);

        // The scheme is case-insensitive (RFC 9110), the credentials are not.
        Assert.Equal(204, (await fixture.PostAsync("/a2a/push-token", body, authorization: "bearer " + PushReceiverHost.Token)).Status);
        var wrong = await RefusedAsync(401, A2APushReceiverReasons.TokenInvalid, "/a2a/push-token", body, authorization: "Bearer " + PushReceiverHost.Token.ToUpperInvariant());
        Assert.Contains("Bearer", wrong.WwwAuthenticate, StringComparison.Ordinal);
        await RefusedAsync(401, A2APushReceiverReasons.TokenInvalid, "/a2a/push-token", body, authorization: "Bearer " + PushReceiverHost.Token[..^1]);
        await RefusedAsync(401, A2APushReceiverReasons.TokenInvalid, "/a2a/push-token", body, authorization: "Basic " + PushReceiverHost.Token);
        await RefusedAsync(401, A2APushReceiverReasons.TokenInvalid, "/a2a/push-token", body, authorization: PushReceiverHost.Token);
        await RefusedAsync(401, A2APushReceiverReasons.CredentialsMissing, "/a2a/push-token", body);

        // The token is never logged.
        Assert.DoesNotContain(fixture.Host.Logs.Entries, e => e.Message.Contains(PushReceiverHost.Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_notification_token_header_is_accepted_only_for_its_own_senders()
    {
        var body = PushReceiverHost.StatusUpdate("t-legacy");
        Assert.Equal(204, (await fixture.PostAsync("/a2a/push-token", body, notificationToken: PushReceiverHost.LegacyToken)).Status);
        var received = Last("t-legacy");
        Assert.Equal("legacy-agent", received.Sender.Id);
        Assert.Equal(A2APushAuthentication.Token, received.Sender.Authentication);

        // Each token only in its own header; another header's token is not accepted.
        await RefusedAsync(401, A2APushReceiverReasons.TokenInvalid, "/a2a/push-token", body, notificationToken: PushReceiverHost.Token);
        await RefusedAsync(401, A2APushReceiverReasons.TokenInvalid, "/a2a/push-token", body, authorization: "Bearer " + PushReceiverHost.LegacyToken);
        await RefusedAsync(401, A2APushReceiverReasons.TokenInvalid, "/a2a/push-token", body, notificationToken: "x" + PushReceiverHost.LegacyToken);

        // A receiver without token senders takes neither.
        await RefusedAsync(401, RequestSignatureReasons.Missing, "/a2a/push", body, notificationToken: PushReceiverHost.LegacyToken);
    }

    [Fact]
    public async Task A_present_signature_is_verified_even_where_a_token_would_do()
    {
        // The token receiver has no public URL (Development): the URL the request reached is the audience.
        var url = new Uri(fixture.Host.BaseAddress, "/a2a/push-token");
        var body = PushReceiverHost.StatusUpdate("t-token-signed");
        Assert.Equal(204, (await fixture.PostAsync("/a2a/push-token", body, fixture.TravelDesk.Sign(url, body), "Bearer " + PushReceiverHost.Token)).Status);
        Assert.Equal(A2APushAuthentication.Signature, Last("t-token-signed").Sender.Authentication);

        // A bad signature is not rescued by a good token.
        await RefusedAsync(401, RequestSignatureReasons.AudienceMismatch, "/a2a/push-token", body, Sign(body), "Bearer " + PushReceiverHost.Token);
    }
}
