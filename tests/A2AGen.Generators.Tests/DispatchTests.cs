using System.Text.Json;
using A2AGen.Generators.Tests.Infrastructure;
using A2AGen.Generators.Tests.Sources;
using A2AGen.Passport;
using A2AGen.Protocol;

namespace A2AGen.Generators.Tests;

/// <summary>The generated <c>DispatchAsync</c> and descriptor, run for real: every binding and every return shape.</summary>
public sealed class DispatchTests : IDisposable
{
    private const string Agent = "Behaviour.BindingAgent";
    private readonly LoadedAgents _agents = LoadedAgents.Compile(AgentSources.Binding);
    private readonly IA2AAgent _agent;
    private readonly AgentDescriptor _descriptor;

    public DispatchTests()
    {
        _agent = _agents.Create(Agent);
        _descriptor = _agents.Descriptor(Agent);
    }

    public void Dispose() => _agents.Dispose();

    [Fact]
    public async Task Text_binds_the_text_parts_and_a_string_result_becomes_text()
    {
        var result = await Dispatch("text", Text("hi"));
        Assert.Equal(SkillOutputKind.Text, result.Kind);
        Assert.Equal("echo:hi", result.Text);

        var joined = await Dispatch("text", new Message { MessageId = "m", Role = Role.User, Parts = [Part.FromText("a"), Part.FromText("b")] });
        Assert.Equal("echo:a\nb", joined.Text);
    }

    [Fact]
    public async Task Data_binds_the_first_data_part_and_a_value_result_becomes_data()
    {
        var result = await Dispatch("data", Data("""{"x":2,"y":40}"""));
        Assert.Equal(SkillOutputKind.Data, result.Kind);
        Assert.Equal("""{"total":42}""", result.Data!.Value.GetRawText());
    }

    [Fact]
    public async Task A_data_part_of_the_wrong_shape_is_a_binding_error_naming_the_field()
    {
        var error = await Assert.ThrowsAsync<SkillBindingException>(async () => await Dispatch("data", Data("""{"x":"two"}""")));
        Assert.Equal("message.parts[0].data.x", error.Field);

        var missing = await Assert.ThrowsAsync<SkillBindingException>(async () => await Dispatch("data", Text("no data")));
        Assert.Equal("message.parts", missing.Field);

        var noText = await Assert.ThrowsAsync<SkillBindingException>(async () => await Dispatch("text", Data("{}")));
        Assert.Equal("message.parts", noText.Field);
    }

    [Fact]
    public async Task The_raw_message_binds_and_a_message_result_is_answered_as_is()
    {
        var result = await Dispatch("message", new Message { MessageId = "m", Role = Role.User, Parts = [Part.FromText("a"), Part.FromText("b")] });
        Assert.Equal(SkillOutputKind.Message, result.Kind);
        Assert.Equal("parts:2", result.Message!.Parts.Single().Text);
    }

    [Theory]
    [InlineData("void")]
    [InlineData("task")]
    [InlineData("value-task")]
    public async Task Skills_without_a_result_run_and_answer_none(string skill)
    {
        var result = await Dispatch(skill, Text("ignored"));
        Assert.Same(SkillResult.None, result);
        var calls = (List<string>)_agent.GetType().GetProperty("Calls")!.GetValue(_agent)!;
        Assert.Equal([skill], calls);
    }

    [Fact]
    public async Task Awaitable_results_are_awaited_and_wrapped()
    {
        Assert.Equal("SHOUT", (await Dispatch("task-text", Text("shout"))).Text);
        Assert.Equal("""{"total":12}""", (await Dispatch("value-task-data", Data("""{"x":3,"y":4}"""))).Data!.Value.GetRawText());
        Assert.Equal("task-1", (await Dispatch("task-message", Text("x"))).Message!.Parts.Single().Text);
        Assert.Equal("", (await Dispatch("value-task-text", Text(""))).Text);
    }

    [Fact]
    public async Task Streams_become_streamed_parts()
    {
        var text = await Dispatch("text-stream", Text("one two three"));
        Assert.Equal(SkillOutputKind.Stream, text.Kind);
        Assert.Equal(["one", "two", "three"], (await Collect(text.Stream!)).Select(p => p.Text));

        var data = await Dispatch("data-stream", Data("""{"x":3,"y":7}"""));
        Assert.Equal(
            ["""{"x":0,"y":7}""", """{"x":1,"y":7}""", """{"x":2,"y":7}"""],
            (await Collect(data.Stream!)).Select(p => p.Data!.Value.GetRawText()));
    }

    [Fact]
    public async Task Cancellation_reaches_a_streaming_skill()
    {
        using var cancellation = new CancellationTokenSource();
        var result = await Dispatch("data-stream", Data("""{"x":1000,"y":0}"""), cancellation: cancellation.Token);
        var seen = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in result.Stream!)
            {
                if (++seen == 3)
                {
                    await cancellation.CancelAsync();
                }
            }
        });
        Assert.Equal(3, seen);
    }

    [Fact]
    public async Task Static_methods_context_and_cancellation_bind()
    {
        Assert.Equal("static:x", (await Dispatch("static", Text("x"))).Text);
        using var cancellation = new CancellationTokenSource();
        Assert.Equal("binding-agent/context/task-1/True", (await Dispatch("context", Text("x"), cancellation: cancellation.Token)).Text);
    }

    [Fact]
    public async Task An_optional_passport_is_null_unless_usable()
    {
        Assert.Equal("none", (await Dispatch("optional-passport", Text("x"))).Text);
        Assert.Equal("caller-1:eu:False", (await Dispatch("optional-passport", Text("x"), Passport(PassportStatus.Unsigned))).Text);
        Assert.Equal("caller-1:eu:True", (await Dispatch("optional-passport", Text("x"), Passport(PassportStatus.Verified))).Text);

        // A passport whose signature failed is never handed to the skill as if it were fine.
        Assert.Equal("none", (await Dispatch("optional-passport", Text("x"), Passport(PassportStatus.Invalid))).Text);
        Assert.Equal("none", (await Dispatch("optional-passport", Text("x"), Passport(PassportStatus.UntrustedSigner))).Text);
        Assert.Equal("none", (await Dispatch("optional-passport", Text("x"), new PassportContext { Status = PassportStatus.Malformed, Field = "clientId" })).Text);
    }

    [Fact]
    public async Task A_required_passport_binds_or_fails_binding()
    {
        Assert.Equal("x:caller-1", (await Dispatch("required-passport", Text("x"), Passport(PassportStatus.Verified))).Text);
        var error = await Assert.ThrowsAsync<SkillBindingException>(async () => await Dispatch("required-passport", Text("x")));
        Assert.Equal("message.metadata", error.Field);
        Assert.True(_descriptor.FindSkill("required-passport")!.RequiresPassport);
        Assert.False(_descriptor.FindSkill("optional-passport")!.RequiresPassport);
    }

    [Fact]
    public async Task Exceptions_surface_when_the_result_is_awaited()
    {
        var synchronous = _agent.DispatchAsync(Invocation("throws", Text("x")));
        Assert.True(synchronous.IsFaulted);
        Assert.Equal("boom", (await Assert.ThrowsAsync<InvalidOperationException>(async () => await synchronous)).Message);
        Assert.Equal("boom later", (await Assert.ThrowsAsync<InvalidOperationException>(async () => await Dispatch("throws-async", Text("x")))).Message);
        var noMessage = await Assert.ThrowsAsync<InvalidOperationException>(async () => await Dispatch("null-message", Text("x")));
        Assert.Contains("null-message", noMessage.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_skill_id_is_a_binding_error()
    {
        var unknown = new SkillDescriptor("nope", "Nope");
        var invocation = Invocation("text", Text("x"));
        var wrong = new SkillInvocation { Skill = unknown, Context = invocation.Context, Json = invocation.Json };
        var error = await Assert.ThrowsAsync<SkillBindingException>(async () => await _agent.DispatchAsync(wrong));
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await _agent.DispatchAsync(null!));
    }

    [Fact]
    public async Task Nullable_values_and_raw_json_bind()
    {
        Assert.Equal("42", (await Dispatch("nullable-value", Data("21"))).Data!.Value.GetRawText());
        Assert.Equal("""{"any":[1,"two"]}""", (await Dispatch("json", Data("""{"any":[1,"two"]}"""))).Data!.Value.GetRawText());
    }

    [Fact]
    public void The_descriptor_resolves_policy_and_binding_shapes()
    {
        Assert.Equal("binding-agent", _descriptor.AgentId);
        Assert.Equal(21, _descriptor.Skills.Count);
        Assert.Null(_descriptor.DefaultSkillId);
        Assert.Equal(SignatureRequirement.Optional, _descriptor.RequestSignature);
        Assert.Contains("custom-key", _descriptor.PassportKeys);

        var data = _descriptor.FindSkill("data")!;
        Assert.Equal((SkillInputKind.Data, "Behaviour.Point", SkillOutputKind.Data, "Behaviour.Sum"), (data.Input, data.InputTypeName, data.Output, data.OutputTypeName));
        var stream = _descriptor.FindSkill("data-stream")!;
        Assert.Equal((SkillOutputKind.Stream, "Behaviour.Point", true), (stream.Output, stream.OutputTypeName, stream.BindsCancellation));
        var context = _descriptor.FindSkill("context")!;
        Assert.Equal((SkillInputKind.None, true, true, false), (context.Input, context.BindsContext, context.BindsCancellation, context.BindsPassport));
        Assert.Equal((SkillInputKind.Message, SkillOutputKind.Message), (_descriptor.FindSkill("message")!.Input, _descriptor.FindSkill("message")!.Output));
        Assert.Equal(SkillOutputKind.None, _descriptor.FindSkill("task")!.Output);
        Assert.Equal("Echo", _descriptor.FindSkill("text")!.MethodName);
    }

    [Fact]
    public void High_privilege_fails_closed_and_only_explicit_settings_weaken_it()
    {
        using var agents = LoadedAgents.Compile(AgentSources.Currency);
        var descriptor = agents.Descriptor("Shop.CurrencyAgent");
        var refund = descriptor.FindSkill("refund")!;
        Assert.Equal((SkillPrivilege.High, SignatureRequirement.Required, SignatureRequirement.Required, true), (refund.Privilege, refund.RequestSignature, refund.PassportSignature, refund.RequiresPassport));
        Assert.Equal(["loyalty_tier"], refund.RequiredPassportKeys);
        Assert.Equal(["payments:write"], refund.RequiredScopes);
        var rates = descriptor.FindSkill("rates")!;
        Assert.Equal((SignatureRequirement.Required, SignatureRequirement.Optional, false), (rates.RequestSignature, rates.PassportSignature, rates.RequiresPassport));
        var convert = descriptor.FindSkill("convert")!;
        Assert.Equal((SignatureRequirement.Optional, true, true), (convert.RequestSignature, convert.IsDefault, convert.BindsPassport));
        Assert.Equal("convert", descriptor.DefaultSkillId);
        Assert.True(descriptor.PassportExtensionRequired);
        Assert.Equal(["user_preferred_currency", "loyalty_tier", "access_scope"], descriptor.PassportKeys);

        // Routing uses the generated default skill when the message names none.
        Assert.Same(convert, descriptor.Route(Text("x"), out _));
    }

    [Fact]
    public async Task Skills_returning_SkillResult_answer_or_interrupt_and_see_the_history()
    {
        using var agents = LoadedAgents.Compile(AgentSources.MultiTurn);
        var agent = agents.Create("Conversations.InterviewAgent");
        var descriptor = agents.Descriptor("Conversations.InterviewAgent");
        Assert.All(descriptor.Skills, s => Assert.Equal(SkillOutputKind.Result, s.Output));
        Assert.Equal("A2AGen.SkillResult", descriptor.FindSkill("book")!.OutputTypeName);

        var question = Text("Lisbon");
        var asked = await agent.DispatchAsync(Invocation(descriptor, "book", question, [question]));
        Assert.Equal(TaskState.InputRequired, asked.Interruption);
        Assert.Equal("Which date?", asked.StatusMessage!.Parts.Single().Text);

        var answer = Text("May");
        var booked = await agent.DispatchAsync(Invocation(descriptor, "book", answer, [question, asked.StatusMessage, answer]));
        Assert.Null(booked.Interruption);
        Assert.Equal((SkillOutputKind.Text, "booked May"), (booked.Kind, booked.Text));

        var auth = await agent.DispatchAsync(Invocation(descriptor, "pay", Text("100"), null));
        Assert.Equal(TaskState.AuthRequired, auth.Interruption);
        Assert.Equal("paid", (await agent.DispatchAsync(Invocation(descriptor, "pay", Text("approved"), null))).Text);
        Assert.Equal("1", (await agent.DispatchAsync(Invocation(descriptor, "check", Text("x"), null))).Text);
    }

    private static SkillInvocation Invocation(AgentDescriptor descriptor, string skill, Message message, IReadOnlyList<Message>? history) => new()
    {
        Skill = descriptor.FindSkill(skill)!,
        Json = LoadedAgents.Json,
        Context = new SkillContext { AgentId = descriptor.AgentId, SkillId = skill, Message = message, History = history!, TaskId = "t", ContextId = "c" },
    };

    private async Task<SkillResult> Dispatch(string skill, Message message, PassportContext? passport = null, CancellationToken cancellation = default) =>
        await _agent.DispatchAsync(Invocation(skill, message, passport, cancellation));

    private SkillInvocation Invocation(string skill, Message message, PassportContext? passport = null, CancellationToken cancellation = default) => new()
    {
        Skill = _descriptor.FindSkill(skill) ?? throw new ArgumentException("no skill " + skill),
        Json = LoadedAgents.Json,
        Passport = passport,
        Context = new SkillContext
        {
            AgentId = _descriptor.AgentId,
            SkillId = skill,
            Message = message,
            TaskId = "task-1",
            ContextId = "context-1",
            CancellationToken = cancellation,
        },
    };

    internal static PassportContext Passport(PassportStatus status, string state = """{"region":"eu"}""") => new()
    {
        Status = status,
        Value = new CallerContext
        {
            ClientId = "caller-1",
            SessionId = "session-1",
            State = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(state)!,
        },
    };

    private static Message Text(string text) => new() { MessageId = "m", Role = Role.User, Parts = [Part.FromText(text)] };

    private static Message Data(string json) => new() { MessageId = "m", Role = Role.User, Parts = [Part.FromData(JsonDocument.Parse(json).RootElement.Clone())] };

    private static async Task<List<Part>> Collect(IAsyncEnumerable<Part> parts)
    {
        var list = new List<Part>();
        await foreach (var part in parts)
        {
            list.Add(part);
        }

        return list;
    }
}
