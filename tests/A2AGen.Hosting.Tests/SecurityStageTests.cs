namespace A2AGen.Hosting.Tests;

/// <summary>
/// The security stages: required signatures refused when missing, present signatures always verified (never
/// ignored), passport presence and keys, scopes — each with its own reason and HTTP status. Every request-signature
/// check is covered in <see cref="RequestSignatureTests"/>.
/// </summary>
public sealed class SecurityStageTests(ToolboxFixture fixture) : IClassFixture<ToolboxFixture>
{
    private const string PassportKey = "https://github.com/a2aproject/a2a-samples/tree/main/samples/python/extensions/secure-passport";

    private HttpClient Client => fixture.Client;

    private static string WithPassport(string skill, string passport) =>
        "{\"message\":{\"messageId\":\"m\",\"role\":\"ROLE_USER\",\"parts\":[{\"text\":\"x\"}],\"metadata\":{\"urn:a2agen:skill\":\"" + skill + "\",\"" + PassportKey + "\":" + passport + "}}}";

    [Fact]
    public async Task A_skill_that_requires_a_signature_refuses_an_unsigned_request_with_401()
    {
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("x", "refund"));
        Assert.Equal(401, reply.Status);
        Assert.Equal(-32000, reply.ErrorCode);
        Assert.Equal("REQUEST_SIGNATURE_MISSING", reply.Reason);
        Assert.Contains("refund", reply.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("A2A-Signature", reply.Headers.WwwAuthenticate.ToString());
        Assert.Contains(fixture.Host.Logs.WithId(1002), e => e.Message.Contains("REQUEST_SIGNATURE_MISSING", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_agent_that_requires_signatures_refuses_every_unsigned_method()
    {
        var send = await Rpc.CallAsync(Client, "/signed", "SendMessage", Rpc.UserText("x"));
        Assert.Equal("REQUEST_SIGNATURE_MISSING", send.Reason);
        var get = await Rpc.CallAsync(Client, "/signed", "GetTask", "{\"id\":\"t-1\"}");
        Assert.Equal(401, get.Status);
        Assert.Equal("REQUEST_SIGNATURE_MISSING", get.Reason);
    }

    [Fact]
    public async Task A_present_signature_is_verified_even_where_none_is_required()
    {
        // The echo skill accepts unsigned requests, but a signature that is present must hold: this one has no typ.
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("x"), [Rpc.Header("A2A-Signature", "eyJhbGciOiJFZERTQSJ9.e30.c2ln")]);
        Assert.Equal(401, reply.Status);
        Assert.Equal("REQUEST_SIGNATURE_TYPE_MISMATCH", reply.Reason);
    }

    [Fact]
    public async Task A_required_passport_that_is_absent_is_403()
    {
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("x", "vip"));
        Assert.Equal(403, reply.Status);
        Assert.Equal("PASSPORT_REQUIRED", reply.Reason);
    }

    [Fact]
    public async Task A_passport_without_a_required_key_is_403_naming_the_key()
    {
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", WithPassport("vip", """{"clientId":"desk","state":{"other":"x"}}"""));
        Assert.Equal(403, reply.Status);
        Assert.Equal("PASSPORT_KEY_MISSING", reply.Reason);
        Assert.Contains("loyalty_tier", reply.ErrorMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"clientId":"desk"}""", ".state")]
    [InlineData("""{"state":{}}""", ".clientId")]
    [InlineData("""{"clientId":"","state":{}}""", ".clientId")]
    [InlineData("""{"clientId":"desk","state":[]}""", ".state")]
    [InlineData("""{"clientId":"desk","state":{},"extra":1}""", ".extra")]
    [InlineData("""{"clientId":"desk","state":{},"signature":5}""", ".signature")]
    [InlineData("""["desk"]""", "")]
    public async Task A_malformed_passport_to_a_skill_that_requires_one_is_403_naming_the_field(string passport, string suffix)
    {
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", WithPassport("vip", passport));
        Assert.Equal(403, reply.Status);
        Assert.Equal(-32000, reply.ErrorCode);
        Assert.Equal("PASSPORT_MALFORMED", reply.Reason);
        Assert.Equal($"params.message.metadata[\"{PassportKey}\"]{suffix}", reply.Field);
    }

    [Fact]
    public async Task A_malformed_passport_to_a_skill_that_does_not_require_one_is_ignored_and_logged()
    {
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", WithPassport("echo", """{"clientId":"desk","state":{},"extra":1}"""));
        Assert.Equal(200, reply.Status);
        Assert.False(reply.IsError);
        Assert.Contains(fixture.Host.Logs.WithId(1004), e => e.Message.Contains(".extra", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signed_passport_whose_signature_does_not_hold_is_refused()
    {
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage",
            WithPassport("vip", """{"clientId":"desk","signature":"eyJhbGciOiJFZERTQSJ9..c2ln","state":{"loyalty_tier":"gold"}}"""));
        Assert.Equal(401, reply.Status);
        Assert.Equal("PASSPORT_SIGNATURE_TYPE_MISMATCH", reply.Reason);
    }

    [Fact]
    public async Task A_skill_that_requires_a_signed_passport_refuses_an_unsigned_one()
    {
        // The request-signature stage comes first, so the request must pass it: refund also requires a signed
        // request. The passport rule is checked on its own below (and end to end in A2AGen.Passport.Tests).
        var reply = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", WithPassport("refund", """{"clientId":"desk","state":{}}"""));
        Assert.Equal("REQUEST_SIGNATURE_MISSING", reply.Reason);

        var policy = SkillPolicy.Check(
            ToolboxAgent.Descriptor.FindSkill("refund")!,
            new Passport.PassportContext { Status = Passport.PassportStatus.Unsigned, Value = new Passport.CallerContext { ClientId = "desk" } },
            user: null);
        Assert.Equal("PASSPORT_SIGNATURE_REQUIRED", policy!.Reason);
        Assert.Equal(403, policy.HttpStatus);
    }

    [Fact]
    public async Task A_skill_that_requires_scopes_refuses_a_caller_without_them()
    {
        var anonymous = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("x", "scoped"));
        Assert.Equal(403, anonymous.Status);
        Assert.Equal("INSUFFICIENT_SCOPE", anonymous.Reason);
        Assert.Contains("payments:write", anonymous.ErrorMessage, StringComparison.Ordinal);

        var wrongScope = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("x", "scoped"),
            [Rpc.Header(TestHost.UserHeader, "bob"), Rpc.Header(TestHost.ScopesHeader, "payments:read")]);
        Assert.Equal("INSUFFICIENT_SCOPE", wrongScope.Reason);

        var granted = await Rpc.CallAsync(Client, "/toolbox", "SendMessage", Rpc.UserText("x", "scoped"),
            [Rpc.Header(TestHost.UserHeader, "bob"), Rpc.Header(TestHost.ScopesHeader, "openid payments:write")]);
        Assert.Equal("scoped bob", granted.Result.GetProperty("task").GetProperty("artifacts")[0].GetProperty("parts")[0].GetProperty("text").GetString());
    }
}
