using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests.Rules;

/// <summary>A2AG0006: a skill parameter or return type the dispatcher cannot bind; the message names the parameter.</summary>
public class A2AG0006_UnbindableSkillTests
{
    private const string Id = "A2AG0006";

    private static string Agent(string method) => $$"""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using A2AGen;
        using A2AGen.Protocol;

        namespace Shop;

        public sealed record Order(string Id);

        [A2AAgent("shop", Description = "Sells things")]
        [PassportKeys("loyalty_tier")]
        public partial class ShopAgent
        {
            [Skill("act", Description = "Acts", Tags = ["demo"])]
            {{method}}
        }
        """;

    [Fact]
    public async Task A_second_input_is_reported_on_that_parameter_and_named()
    {
        await Verify.DiagnosticsAsync(
            Agent("public string Act(string text, Order {|#0:order|}) => text;"),
            Verify.Diagnostic(Id).WithLocation(0)
                .WithMessage("Skill 'act' cannot be dispatched: parameter 'order' is a second input after 'text'; a skill takes one input (text, data or message)"));
    }

    [Theory]
    [InlineData("public string Act(ref string [|text|]) => text;")]
    [InlineData("public string Act(out string [|text|]) { text = \"\"; return text; }")]
    [InlineData("public string Act(CancellationToken a, CancellationToken [|b|]) => \"\";")]
    [InlineData("public string Act(SkillContext a, SkillContext [|b|]) => \"\";")]
    [InlineData("public string Act(Message m, string [|text|]) => text;")]
    [InlineData("public string Act(Action [|callback|]) => \"\";")]
    [InlineData("public string Act(Task [|pending|]) => \"\";")]
    [InlineData("public string Act(Span<byte> [|bytes|]) => \"\";")]
    public Task An_unbindable_parameter_is_reported_on_the_parameter(string method) =>
        Verify.AnalyzerAsync(Id, Agent(method));

    [Fact]
    public Task A_second_passport_is_reported_and_the_skipped_agent_leaves_its_passport_type_undefined() =>
        Verify.AnalyzerAsync(
            Id,
            Agent("public string Act({|CS0246:ShopAgentPassport|} a, {|CS0246:ShopAgentPassport|}? [|b|]) => \"\";"));

    [Theory]
    [InlineData("public Action [|Act|]() => () => { };")]
    [InlineData("public Task<IAsyncEnumerable<string>> [|Act|]() => throw new InvalidOperationException();")]
    [InlineData("public async void [|Act|]() => await Task.Yield();")]
    [InlineData("public string [|Act|]<T>(string text) => text;")]
    public Task An_unbindable_method_or_return_type_is_reported_on_the_method(string method) =>
        Verify.AnalyzerAsync(Id, Agent(method));

    [Theory]
    [InlineData("public string Act(string text, ShopAgentPassport? passport, SkillContext context, CancellationToken cancellationToken) => text;")]
    [InlineData("public Task<Order> Act(Order order, CancellationToken cancellationToken) => Task.FromResult(order);")]
    [InlineData("public ValueTask<Message> Act(Message message) => ValueTask.FromResult(message);")]
    [InlineData("public Task Act(ShopAgentPassport passport) => Task.CompletedTask;")]
    [InlineData("public void Act() { }")]
    [InlineData("public async IAsyncEnumerable<Order> Act(string text) { await Task.Yield(); yield return new Order(text); }")]
    [InlineData("public static string Act(string text) => text;")]
    public Task Every_supported_shape_is_fine(string method) =>
        Verify.NoDiagnosticsAsync(Agent(method));
}
