using System.Collections.Generic;
using System.Globalization;
using A2AGen.Declarations.Model;

namespace A2AGen.Generators.Emit;

/// <summary>
/// Writes <c>DispatchAsync</c>: a switch on the skill id that binds each parameter through <c>SkillBinder</c>,
/// calls the method and wraps its result in a <c>SkillResult</c>. Synchronous skills complete without an async
/// state machine; awaitable ones go through one local async function each. No reflection, no <c>dynamic</c>.
/// </summary>
internal static class DispatchEmitter
{
    private const string ValueTask = "global::System.Threading.Tasks.ValueTask";
    private const string Result = "global::A2AGen.SkillResult";
    private const string Binder = "global::A2AGen.SkillBinder";

    public static void Write(SourceWriter w, AgentSpec agent)
    {
        var asyncSkills = new List<(int Index, SkillSpec Skill)>();
        w.Line("/// <summary>");
        w.Line("/// Binds the invocation's message, passport and context to the skill method's parameters, calls it and wraps");
        w.Line("/// what it returns. Generated from the agent's <c>[Skill]</c> methods.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"invocation\">The routed, policy-checked request.</param>");
        w.Line("/// <returns>What the skill produced.</returns>");
        w.Line($"[{AgentEmitter.GeneratedCodeAttribute}]");
        w.Open($"public {ValueTask}<{Result}> DispatchAsync(global::A2AGen.SkillInvocation invocation)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(invocation);");
        w.Open("try");
        w.Open("switch (invocation.Skill.Id)");
        for (var i = 0; i < agent.Skills.Count; i++)
        {
            var skill = agent.Skills[i];
            w.Line($"case {CSharp.Literal(skill.Id)}:");
            w.PushIndent();
            if (skill.Return.Wrapper != ReturnWrapper.None)
            {
                asyncSkills.Add((i, skill));
                w.Line($"return {LocalName(i)}(this, invocation);");
            }
            else
            {
                WriteSynchronous(w, agent, skill);
            }

            w.PopIndent();
        }

        w.Line("default:");
        w.PushIndent();
        w.Line($"throw new global::A2AGen.SkillBindingException(\"skill\", {CSharp.Literal($"Agent '{agent.Id}' has no skill '")} + invocation.Skill.Id + \"'.\");");
        w.PopIndent();
        w.Close();
        w.Close();
        w.Open("catch (global::System.Exception exception)");
        w.Line("// Failures surface when the result is awaited, whether the skill is synchronous or not.");
        w.Line($"return {ValueTask}.FromException<{Result}>(exception);");
        w.Close();

        foreach (var (index, skill) in asyncSkills)
        {
            w.Line();
            w.Open($"static async {ValueTask}<{Result}> {LocalName(index)}({agent.Type.FullyQualifiedName} self, global::A2AGen.SkillInvocation invocation)");
            var call = $"await {Call(agent, skill, "self")}.ConfigureAwait(false)";
            switch (skill.Return.Shape)
            {
                case ReturnShape.None:
                    w.Line($"{call};");
                    w.Line($"return {Result}.None;");
                    break;
                default:
                    w.Line($"return {Wrap(skill, call)};");
                    break;
            }

            w.Close();
        }

        w.Close();
    }

    private static void WriteSynchronous(SourceWriter w, AgentSpec agent, SkillSpec skill)
    {
        var call = Call(agent, skill, "this");
        if (skill.Return.Shape == ReturnShape.None)
        {
            w.Line($"{call};");
            w.Line($"return new {ValueTask}<{Result}>({Result}.None);");
            return;
        }

        w.Line($"return new {ValueTask}<{Result}>({Wrap(skill, call)});");
    }

    private static string Wrap(SkillSpec skill, string value)
    {
        var type = skill.Return.TypeName;
        return skill.Return.Shape switch
        {
            ReturnShape.Text => $"{Result}.FromText({value})",
            ReturnShape.Data => $"{Result}.FromData<{type}>({value}, {Binder}.GetTypeInfo<{type}>(invocation.Json))",
            ReturnShape.Result => $"{value} ?? throw new global::System.InvalidOperationException({CSharp.Literal($"Skill '{skill.Id}' returned no result.")})",
            ReturnShape.Message => $"{Result}.FromMessage({value} ?? throw new global::System.InvalidOperationException({CSharp.Literal($"Skill '{skill.Id}' returned no message.")}))",
            ReturnShape.TextStream => $"{Result}.FromTextStream({value}{(skill.Return.ElementMayBeNull ? "!" : "")}, invocation.CancellationToken)",
            _ => $"{Result}.FromDataStream<{type}>({value}, {Binder}.GetTypeInfo<{type}>(invocation.Json), invocation.CancellationToken)",
        };
    }

    private static string Call(AgentSpec agent, SkillSpec skill, string self)
    {
        var receiver = skill.IsStatic ? agent.Type.FullyQualifiedName : self;
        var arguments = new List<string>(skill.Parameters.Count);
        foreach (var parameter in skill.Parameters)
        {
            arguments.Add(Argument(agent, skill, parameter));
        }

        return $"{receiver}.{Declarations.Parsing.KnownSymbols.Identifier(skill.MethodName)}({string.Join(", ", arguments)})";
    }

    private static string Argument(AgentSpec agent, SkillSpec skill, SkillParameterSpec parameter)
    {
        switch (parameter.Binding)
        {
            case ParameterBinding.Text:
                return $"{Binder}.GetText(invocation.Message)";
            case ParameterBinding.Data:
                return $"{Binder}.GetData<{parameter.TypeName}>(invocation.Message, {Binder}.GetTypeInfo<{parameter.TypeName}>(invocation.Json))";
            case ParameterBinding.Message:
                return "invocation.Message";
            case ParameterBinding.Context:
                return "invocation.Context";
            case ParameterBinding.CancellationToken:
                return "invocation.CancellationToken";
            case ParameterBinding.OptionalPassport:
                return $"{PassportEmitter.FullyQualifiedName(agent)}.FromInvocation(invocation)";
            default:
                var message = CSharp.Literal($"Skill '{skill.Id}' requires a Secure Passport.");
                return $"{PassportEmitter.FullyQualifiedName(agent)}.FromInvocation(invocation) ?? throw new global::A2AGen.SkillBindingException(\"message.metadata\", {message})";
        }
    }

    private static string LocalName(int index) => "InvokeSkill" + index.ToString(CultureInfo.InvariantCulture) + "Async";
}
