using A2AGen.Biscuit;
using A2AGen.Biscuit.Crypto;
using A2AGen.Hosting.Tests.Agents;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace A2AGen.Hosting.Tests.Biscuit;

/// <summary>
/// The Biscuit stage over real Kestrel: BISCUIT_MISSING / BISCUIT_INVALID (401) and BISCUIT_UNAUTHORIZED (403) over
/// JSON-RPC and HTTP+JSON, composition with request signatures, ambient facts, the deny list and the limits.
/// </summary>
public sealed class BiscuitStageTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(Now);
    private readonly BiscuitKeyPair _root = BiscuitKeyPair.Create();
    private readonly BiscuitKeyPair _p256Root = BiscuitKeyPair.Create(BiscuitAlgorithm.Secp256r1);
    private BiscuitToken _revokedSource = null!;
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _revokedSource = BiscuitToken.Create(_root, "right(\"budget\", \"approve\");");
        _host = await TestHost.StartAsync(
            services =>
            {
                services.AddSingleton<TimeProvider>(_clock);
                services.AddA2AAgent<BudgetAgent>();
                services.Configure<A2ABiscuitOptions>(o =>
                {
                    o.RootKeys.Add(_root.PublicKey);
                    o.RootKeys.Add(_p256Root.PublicKey);
                    o.RevokedIds.Add(_revokedSource.RevocationIdsHex[0]);
                });
            },
            app => app.MapA2AAgent<BudgetAgent>("/budget"));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _root.Dispose();
        _p256Root.Dispose();
    }

    private static KeyValuePair<string, string>[] Bearer(string token) => [Rpc.Header("Authorization", "Bearer " + token)];

    private Task<Reply> Send(string skill, string? token) =>
        Rpc.CallAsync(_host.Client, "/budget", "SendMessage", Rpc.UserText("q1", skill), token is null ? null : Bearer(token));

    private string Grant(string rights = "right(\"budget\", \"approve\");", BiscuitKeyPair? root = null) => BiscuitToken.Create(root ?? _root, rights).ToBase64();

    [Fact]
    public async Task A_token_with_the_right_is_accepted()
    {
        var reply = await Send("approve", Grant());
        Assert.False(reply.IsError, reply.Raw);
        Assert.Contains("approved q1", reply.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_under_a_trusted_P256_root_is_accepted()
    {
        var reply = await Send("approve", Grant(root: _p256Root));
        Assert.False(reply.IsError, reply.Raw);
    }

    [Fact]
    public async Task No_token_is_BISCUIT_MISSING_401_with_a_bearer_challenge()
    {
        var reply = await Send("approve", null);
        Assert.Equal(401, reply.Status);
        Assert.Equal(-32000, reply.ErrorCode);
        Assert.Equal("BISCUIT_MISSING", reply.Reason);
        Assert.Equal("Bearer", reply.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Over_http_json_and_grpc_the_stage_refuses_and_accepts_alike()
    {
        using var channel = GrpcCalls.Channel(await GrpcCalls.UrlAsync(_host, "/budget"));
        var send = Rpc.UserText("q1", "approve");
        foreach (var (token, reason, grpcStatus) in new (string? Token, string? Reason, Grpc.Core.StatusCode Status)[]
        {
            (null, "BISCUIT_MISSING", Grpc.Core.StatusCode.Unauthenticated),
            ("AAAA", "BISCUIT_INVALID", Grpc.Core.StatusCode.Unauthenticated),
            (Grant("right(\"budget\", \"read\");"), "BISCUIT_UNAUTHORIZED", Grpc.Core.StatusCode.PermissionDenied),
            (Grant(), null, Grpc.Core.StatusCode.OK),
        })
        {
            var headers = token is null ? null : Bearer(token);
            var rest = await Rest.PostAsync(_host.Client, "/budget/message:send", send, headers);
            var grpc = await GrpcCalls.SendAsync(channel, send, headers);

            Assert.Equal(grpcStatus, grpc.Status);
            Assert.Equal(reason, grpc.Reason);
            if (reason is null)
            {
                Assert.False(rest.IsError, rest.Raw);
                Assert.Contains("approved q1", grpc.Json.GetRawText(), StringComparison.Ordinal);
            }
            else
            {
                Assert.Equal(reason, rest.Reason);
                Assert.Equal(reason == "BISCUIT_UNAUTHORIZED" ? 403 : 401, rest.Status);
            }
        }
    }

    [Fact]
    public async Task A_skill_without_a_policy_ignores_the_authorization_header()
    {
        var reply = await Send("rates", "not-a-biscuit");
        Assert.False(reply.IsError, reply.Raw);
    }

    [Fact]
    public async Task A_token_without_the_right_is_BISCUIT_UNAUTHORIZED_403_saying_no_policy_matched()
    {
        var reply = await Send("approve", Grant("right(\"budget\", \"read\");"));
        Assert.Equal(403, reply.Status);
        Assert.Equal("BISCUIT_UNAUTHORIZED", reply.Reason);
        Assert.Contains("no allow policy matched", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_attenuated_token_for_another_agent_is_refused_naming_the_check()
    {
        var token = BiscuitToken.Create(_root, "right(\"budget\", \"approve\");").Attenuate("check if agent(\"other-agent\");").ToBase64();
        var reply = await Send("approve", token);
        Assert.Equal(403, reply.Status);
        Assert.Equal("BISCUIT_UNAUTHORIZED", reply.Reason);
        Assert.Contains("check if agent(\"other-agent\")", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_attenuator_narrows_to_agent_skill_and_60_seconds_on_the_hosts_clock()
    {
        var attenuator = new BiscuitAttenuator(BiscuitToken.Create(_root, "right(\"budget\", \"approve\");"), _clock);
        var forCall = attenuator.ForCall(BudgetAgent.Id, "approve");
        Assert.False((await Send("approve", forCall)).IsError);

        // Another skill of the same agent: its own skill check fails (and the policy would not match either).
        var forOther = attenuator.ForCall(BudgetAgent.Id, "audit");
        var other = await Send("approve", forOther);
        Assert.Equal("BISCUIT_UNAUTHORIZED", other.Reason);
        Assert.Contains("check if skill(\"audit\")", other.ErrorMessage, StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromSeconds(61));
        var expired = await Send("approve", forCall);
        Assert.Equal(403, expired.Status);
        Assert.Contains("check if time($time), $time <= ", expired.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_from_an_untrusted_root_is_BISCUIT_INVALID()
    {
        using var stranger = BiscuitKeyPair.Create();
        var reply = await Send("approve", Grant(root: stranger));
        Assert.Equal(401, reply.Status);
        Assert.Equal("BISCUIT_INVALID", reply.Reason);
        Assert.Contains("trusted root", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("%%%")]
    [InlineData("AAAA")]
    public async Task Garbage_is_BISCUIT_INVALID_or_missing(string token)
    {
        var reply = await Send("approve", token);
        Assert.Equal(401, reply.Status);
        Assert.True(reply.Reason is "BISCUIT_INVALID" or "BISCUIT_MISSING", reply.Reason);
    }

    [Fact]
    public async Task A_truncated_token_is_BISCUIT_INVALID()
    {
        var bytes = BiscuitToken.Create(_root, "right(\"budget\", \"approve\");").ToBytes();
        var truncated = Convert.ToBase64String(bytes[..(bytes.Length / 2)]).Replace('+', '-').Replace('/', '_');
        var reply = await Send("approve", truncated);
        Assert.Equal("BISCUIT_INVALID", reply.Reason);
    }

    [Fact]
    public async Task An_oversized_token_is_refused_before_decoding()
    {
        var reply = await Send("approve", new string('A', 30_000));
        Assert.Equal(401, reply.Status);
        Assert.Equal("BISCUIT_INVALID", reply.Reason);
        Assert.Contains("too large", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_token_and_its_attenuations_are_BISCUIT_INVALID()
    {
        var direct = await Send("approve", _revokedSource.ToBase64());
        Assert.Equal("BISCUIT_INVALID", direct.Reason);
        Assert.Contains("revoked", direct.ErrorMessage, StringComparison.Ordinal);
        var attenuated = await Send("approve", _revokedSource.Attenuate("check if skill(\"approve\");").ToBase64());
        Assert.Equal("BISCUIT_INVALID", attenuated.Reason);
    }

    [Fact]
    public async Task Two_bearer_tokens_are_refused()
    {
        var request = Rpc.Post("/budget", Rpc.Request("SendMessage", Rpc.UserText("q1", "approve")));
        request.Headers.TryAddWithoutValidation("Authorization", ["Bearer " + Grant(), "Bearer " + Grant()]);
        var reply = await Reply.ReadAsync(await _host.Client.SendAsync(request));
        Assert.Equal("BISCUIT_INVALID", reply.Reason);
    }

    [Fact]
    public async Task A_rule_that_explodes_stops_at_the_fact_limit()
    {
        var facts = string.Concat(Enumerable.Range(0, 40).Select(i => $"n({i});"));
        var token = Grant("right(\"budget\", \"approve\");" + facts + "pair($a, $b, $c) <- n($a), n($b), n($c);");
        var reply = await Send("approve", token);
        Assert.Equal(403, reply.Status);
        Assert.Equal("BISCUIT_UNAUTHORIZED", reply.Reason);
        Assert.Contains("limit", reply.ErrorMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_rule_that_runs_more_rounds_than_allowed_stops_at_the_iterations_limit()
    {
        // A chain of 150 edges walked one edge per round: 150 rounds where 100 are allowed (well within 1000 facts).
        var edges = string.Concat(Enumerable.Range(0, 150).Select(i => $"e({i}, {i + 1});"));
        var token = Grant("right(\"budget\", \"approve\"); r(0);" + edges + "r($y) <- r($x), e($x, $y);");
        var reply = await Send("approve", token);
        Assert.Equal(403, reply.Status);
        Assert.Equal("BISCUIT_UNAUTHORIZED", reply.Reason);
        Assert.Contains("run limit reached", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("budget-agent\u202E")]
    [InlineData("budget-agent\u0000")]
    [InlineData("bu\u0064get-agent\u200B")]
    [InlineData("\U0001F4B0")]
    public async Task Unicode_look_alikes_do_not_match_and_controls_are_escaped_in_the_answer(string agent)
    {
        var value = agent;
        var token = BiscuitToken.Create(_root, "right(\"budget\", \"approve\");").Attenuate($"check if agent({A2AGen.Biscuit.Datalog.Term.String(value)});");
        var reply = await Send("approve", token.ToBase64());
        Assert.Equal(403, reply.Status);
        Assert.Equal("BISCUIT_UNAUTHORIZED", reply.Reason);
        Assert.DoesNotContain('\u202E', reply.ErrorMessage);
        Assert.DoesNotContain('\u0000', reply.ErrorMessage);
    }

    [Fact]
    public async Task A_signed_caller_is_the_caller_fact_and_both_requirements_must_hold()
    {
        using var desk = new TestCaller("travel-desk", clock: _clock).TrustedBy(_host.Services.GetRequiredService<A2AKeyRing>().TrustStore);
        using var stranger = new TestCaller("stranger", clock: _clock).TrustedBy(_host.Services.GetRequiredService<A2AKeyRing>().TrustStore);
        var url = new Uri(_host.BaseAddress, "/budget");
        var token = Grant("right(\"budget\", \"audit\");");

        async Task<Reply> Audit(TestCaller? signer, string? biscuit)
        {
            var body = Rpc.Request("SendMessage", Rpc.UserText("q1", "audit"));
            var headers = new List<KeyValuePair<string, string>>();
            if (signer is not null)
            {
                headers.Add(Rpc.Header("A2A-Signature", signer.Sign(url, body)));
            }

            if (biscuit is not null)
            {
                headers.Add(Rpc.Header("Authorization", "Bearer " + biscuit));
            }

            return await Rpc.SendAsync(_host.Client, "/budget", body, headers: headers);
        }

        Assert.False((await Audit(desk, token)).IsError);
        Assert.Equal("REQUEST_SIGNATURE_MISSING", (await Audit(null, token)).Reason);
        Assert.Equal("BISCUIT_MISSING", (await Audit(desk, null)).Reason);
        var wrongCaller = await Audit(stranger, token);
        Assert.Equal("BISCUIT_UNAUTHORIZED", wrongCaller.Reason);
        Assert.Contains("caller(\"travel-desk\")", wrongCaller.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_json_refuses_with_the_same_reasons_and_statuses()
    {
        const string Body = """{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"q1"}],"metadata":{"urn:a2agen:skill":"approve"}}}""";
        var missing = await Rest.PostAsync(_host.Client, "/budget/message:send", Body);
        Assert.Equal(401, missing.Status);
        Assert.Equal("BISCUIT_MISSING", missing.Reason);
        var invalid = await Rest.PostAsync(_host.Client, "/budget/message:send", Body, Bearer("AAAA"));
        Assert.Equal(401, invalid.Status);
        Assert.Equal("BISCUIT_INVALID", invalid.Reason);
        var unauthorized = await Rest.PostAsync(_host.Client, "/budget/message:send", Body, Bearer(Grant("right(\"budget\", \"read\");")));
        Assert.Equal(403, unauthorized.Status);
        Assert.Equal("BISCUIT_UNAUTHORIZED", unauthorized.Reason);
        var allowed = await Rest.PostAsync(_host.Client, "/budget/message:send", Body, Bearer(Grant()));
        Assert.False(allowed.IsError, allowed.Raw);
    }

    [Fact]
    public async Task Tokens_minted_and_attenuated_by_biscuit_wasm_are_accepted_and_their_checks_enforced()
    {
        var operations = new System.Text.Json.Nodes.JsonArray(
            Mint("right(\"budget\", \"approve\");", []),
            Mint("right(\"budget\", \"approve\");", ["check if agent(\"budget-agent\");", "check if skill(\"approve\");"]),
            Mint("right(\"budget\", \"approve\");", ["check if agent(\"other-agent\");"]));
        var output = await NodePeers.RunWasmScriptAsync("biscuit-peer.mjs", operations.ToJsonString());
        var results = System.Text.Json.Nodes.JsonNode.Parse(output.TrimEnd().Split('\n')[^1])!.AsArray();
        string Token(int i) => results[i]!["token"]!.GetValue<string>();

        Assert.False((await Send("approve", Token(0))).IsError);
        Assert.False((await Send("approve", Token(1))).IsError);
        var forOther = await Send("approve", Token(2));
        Assert.Equal("BISCUIT_UNAUTHORIZED", forOther.Reason);
        Assert.Contains("check if agent(\"other-agent\")", forOther.ErrorMessage, StringComparison.Ordinal);

        System.Text.Json.Nodes.JsonObject Mint(string authority, string[] blocks) => new()
        {
            ["op"] = "mint",
            ["algorithm"] = "ed25519",
            ["rootPrivateKey"] = Convert.ToHexStringLower(_root.ExportPrivateKey()),
            ["authority"] = authority,
            ["blocks"] = new System.Text.Json.Nodes.JsonArray([.. blocks.Select(b => (System.Text.Json.Nodes.JsonNode)b)]),
        };
    }

    [Fact]
    public async Task A2AClient_asks_the_provider_per_call_and_sends_the_narrowed_token()
    {
        var attenuator = new BiscuitAttenuator(BiscuitToken.Create(_root, "right(\"budget\", \"approve\");"), _clock);
        var calls = new List<A2AGen.Client.A2ACall>();
        var client = new A2AGen.Client.A2AClient(_host.Client, new Uri(_host.BaseAddress, "/budget"), new A2AGen.Client.A2AClientOptions
        {
            ExpectedAgentId = BudgetAgent.Id,
            BearerToken = (call, _) =>
            {
                calls.Add(call);
                return ValueTask.FromResult<string?>(attenuator.ForCall(call.AgentId, call.SkillId));
            },
        });
        var response = await client.SendMessageAsync(A2AGen.Protocol.Message.UserText("q1").ForSkill("approve"));
        Assert.NotNull(response.Task);
        var call = Assert.Single(calls);
        Assert.Equal(("SendMessage", BudgetAgent.Id, "approve"), (call.Method, call.AgentId, call.SkillId));

        var without = new A2AGen.Client.A2AClient(_host.Client, new Uri(_host.BaseAddress, "/budget"));
        var refused = await Assert.ThrowsAsync<A2AGen.Client.A2AClientException>(() => without.SendMessageAsync(A2AGen.Protocol.Message.UserText("q1").ForSkill("approve")));
        Assert.Equal("BISCUIT_MISSING", refused.Reason);
    }

    [Fact]
    public async Task Refusals_are_logged_at_the_biscuit_stage()
    {
        await Send("approve", null);
        Assert.Contains(_host.Logs.Entries, e => e.Message.Contains("biscuit", StringComparison.Ordinal) && e.Message.Contains("BISCUIT_MISSING", StringComparison.Ordinal));
    }
}
