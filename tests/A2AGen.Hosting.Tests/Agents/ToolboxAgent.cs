using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using A2AGen.Passport;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Hosting.Tests.Agents;

public sealed record QuoteRequest(decimal Amount, string Currency);

public sealed record Quote(decimal Amount, string Currency, decimal Rate);

[JsonSerializable(typeof(QuoteRequest))]
[JsonSerializable(typeof(Quote))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
public sealed partial class ToolboxJsonContext : JsonSerializerContext;

/// <summary>Records what the skills of <see cref="ToolboxAgent"/> observed, for assertions (registered as a singleton).</summary>
public sealed class SkillProbe
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _canceled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Started => _started.Task;

    public Task Canceled => _canceled.Task;

    public PassportContext? LastPassport { get; set; }

    public SkillContext? LastContext { get; set; }

    public void MarkStarted() => _started.TrySetResult();

    public void MarkCanceled() => _canceled.TrySetResult();
}

/// <summary>
/// One skill per binding and return shape the generator supports, plus policy cases. The lower half is written the
/// way the generator emits dispatch: a switch on the skill id, binding through <see cref="SkillBinder"/>.
/// </summary>
public sealed partial class ToolboxAgent(SkillProbe probe)
{
    public const string PassportKeyTier = "loyalty_tier";

    public string Echo(string text) => text;

    public Quote Quote(QuoteRequest request) => new(request.Amount * 0.8m, "GBP", 0.8m);

    public Message Greet(string name) => Message.AgentText($"Hello, {name}!");

    public Message Mute(string text) => new() { Role = Role.Agent, Parts = [] };

    public async IAsyncEnumerable<string> Count(string text, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var n = int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 1; i <= n; i++)
        {
            await Task.Delay(20, cancellationToken);
            yield return i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public async IAsyncEnumerable<string> Ticks([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        probe.MarkStarted();
        var i = 0;
        try
        {
            while (true)
            {
                yield return $"tick {i++}";
                await Task.Delay(50, cancellationToken);
            }
        }
        finally
        {
            if (cancellationToken.IsCancellationRequested)
            {
                probe.MarkCanceled();
            }
        }
    }

    /// <summary>Yields as fast as it can, never waiting: a producer far quicker than any network.</summary>
    public async IAsyncEnumerable<string> Burst(string text)
    {
        var n = int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < n; i++)
        {
            yield return i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await Task.CompletedTask;
    }

    public async Task<string> SlowAsync(CancellationToken cancellationToken)
    {
        probe.MarkStarted();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            return "finished";
        }
        catch (OperationCanceledException)
        {
            probe.MarkCanceled();
            throw;
        }
    }

    public async Task<string> DelayAsync(string text, CancellationToken cancellationToken)
    {
        await Task.Delay(int.Parse(text, System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        return "done";
    }

    public string Fail(string text) => throw new InvalidOperationException("connection string Password=hunter2 leaked");

    public void Nothing(string text)
    {
    }

    public string Vip(string text, ToolboxPassport passport, SkillContext context)
    {
        probe.LastPassport = passport.Context;
        probe.LastContext = context;
        return $"{passport.ClientId} is {passport.LoyaltyTier}";
    }

    public string Refund(string text) => "refunded";

    public string Scoped(string text, SkillContext context) => "scoped " + context.User?.Identity?.Name;

    public string Image(Message message) => "image of " + message.Parts.Count;

    /// <summary>A buggy skill: its data holds an escaped lone surrogate, which no JSON writer can write back out.</summary>
    public static JsonElement Poison() => JsonDocument.Parse("{\"broken\":\"\\udc00\"}").RootElement.Clone();
}

/// <summary>What the generator emits for <c>[PassportKeys("loyalty_tier")]</c>.</summary>
public sealed class ToolboxPassport(PassportContext context, JsonSerializerOptions json) : AgentPassport(context, json)
{
    public string? LoyaltyTier => GetString(ToolboxAgent.PassportKeyTier);
}

public sealed partial class ToolboxAgent : IA2AAgent
{
    public static AgentDescriptor Descriptor { get; } = new("toolbox",
    [
        new SkillDescriptor("echo", nameof(Echo)) { Input = SkillInputKind.Text, Output = SkillOutputKind.Text, IsDefault = true },
        new SkillDescriptor("quote", nameof(Quote)) { Input = SkillInputKind.Data, InputTypeName = "QuoteRequest", Output = SkillOutputKind.Data, OutputTypeName = "Quote" },
        new SkillDescriptor("greet", nameof(Greet)) { Input = SkillInputKind.Text, Output = SkillOutputKind.Message },
        new SkillDescriptor("mute", nameof(Mute)) { Input = SkillInputKind.Text, Output = SkillOutputKind.Message },
        new SkillDescriptor("count", nameof(Count)) { Input = SkillInputKind.Text, Output = SkillOutputKind.Stream, OutputTypeName = "string", BindsCancellation = true },
        new SkillDescriptor("ticks", nameof(Ticks)) { Output = SkillOutputKind.Stream, OutputTypeName = "string", BindsCancellation = true },
        new SkillDescriptor("burst", nameof(Burst)) { Input = SkillInputKind.Text, Output = SkillOutputKind.Stream, OutputTypeName = "string" },
        new SkillDescriptor("slow", nameof(SlowAsync)) { Output = SkillOutputKind.Text, BindsCancellation = true },
        new SkillDescriptor("delay", nameof(DelayAsync)) { Input = SkillInputKind.Text, Output = SkillOutputKind.Text, BindsCancellation = true },
        new SkillDescriptor("fail", nameof(Fail)) { Input = SkillInputKind.Text, Output = SkillOutputKind.Text },
        new SkillDescriptor("nothing", nameof(Nothing)) { Input = SkillInputKind.Text, Output = SkillOutputKind.None },
        new SkillDescriptor("vip", nameof(Vip))
        {
            Input = SkillInputKind.Text, Output = SkillOutputKind.Text, BindsPassport = true, BindsContext = true,
            RequiresPassport = true, RequiredPassportKeys = [PassportKeyTier],
        },
        new SkillDescriptor("refund", nameof(Refund))
        {
            Input = SkillInputKind.Text, Output = SkillOutputKind.Text, Privilege = SkillPrivilege.High,
            RequestSignature = SignatureRequirement.Required, PassportSignature = SignatureRequirement.Required, RequiresPassport = true,
        },
        new SkillDescriptor("scoped", nameof(Scoped)) { Input = SkillInputKind.Text, Output = SkillOutputKind.Text, BindsContext = true, RequiredScopes = ["payments:write"] },
        new SkillDescriptor("image", nameof(Image)) { Input = SkillInputKind.Message, Output = SkillOutputKind.Text },
        new SkillDescriptor("poison", nameof(Poison)) { Output = SkillOutputKind.Data },
    ])
    {
        DefaultSkillId = "echo",
        PassportKeys = [PassportKeyTier],
    };

    public static AgentCard Card { get; } = new()
    {
        Name = "Toolbox",
        Description = "One skill per shape the generator supports.",
        Version = "2.1.0",
        SupportedInterfaces = [new AgentInterface { Url = "http://localhost/" }],
        Capabilities = new AgentCapabilities
        {
            Streaming = true,
            PushNotifications = false,
            Extensions =
            [
                TestExtensions.RequestSigning,
                new AgentExtension
                {
                    Uri = A2AProtocol.SecurePassportExtensionUri,
                    Params = new Dictionary<string, JsonElement> { ["supportedStateKeys"] = JsonSerializer.SerializeToElement(new[] { PassportKeyTier }, A2AJsonStrings.Default.StringArray) },
                },
            ],
        },
        DefaultInputModes = ["text/plain", "application/json"],
        DefaultOutputModes = ["text/plain", "application/json"],
        Skills = Descriptor.Skills.Select(s => new AgentSkill
        {
            Id = s.Id,
            Name = s.MethodName,
            Description = "Skill " + s.Id,
            Tags = ["test"],
            InputModes = s.Id == "image" ? ["image/png"] : null,
        }).ToArray(),
    };

    // Declared after Card: static fields initialize in declaration order.
    private static readonly byte[] s_cardJson = A2AJson.SerializeToUtf8Bytes(Card);

    public static ReadOnlySpan<byte> CardJson => s_cardJson;

    public async ValueTask<SkillResult> DispatchAsync(SkillInvocation invocation)
    {
        var message = invocation.Message;
        var ct = invocation.CancellationToken;
        switch (invocation.Skill.Id)
        {
            case "echo":
                return SkillResult.FromText(Echo(SkillBinder.GetText(message)));
            case "quote":
                var request = SkillBinder.GetData(message, SkillBinder.GetTypeInfo<QuoteRequest>(invocation.Json));
                return SkillResult.FromData(Quote(request), SkillBinder.GetTypeInfo<Quote>(invocation.Json));
            case "greet":
                return SkillResult.FromMessage(Greet(SkillBinder.GetText(message)));
            case "mute":
                return SkillResult.FromMessage(Mute(SkillBinder.GetText(message)));
            case "count":
                return SkillResult.FromTextStream(Count(SkillBinder.GetText(message), ct), ct);
            case "ticks":
                return SkillResult.FromTextStream(Ticks(ct), ct);
            case "burst":
                return SkillResult.FromTextStream(Burst(SkillBinder.GetText(message)), ct);
            case "slow":
                return SkillResult.FromText(await SlowAsync(ct));
            case "delay":
                var delay = SkillBinder.GetText(message);
                return SkillResult.FromText(await DelayAsync(delay, ct));
            case "fail":
                return SkillResult.FromText(Fail(SkillBinder.GetText(message)));
            case "nothing":
                Nothing(SkillBinder.GetText(message));
                return SkillResult.None;
            case "vip":
                var text = SkillBinder.GetText(message);
                return SkillResult.FromText(Vip(text, new ToolboxPassport(invocation.Passport!, invocation.Json), invocation.Context));
            case "refund":
                return SkillResult.FromText(Refund(SkillBinder.GetText(message)));
            case "scoped":
                return SkillResult.FromText(Scoped(SkillBinder.GetText(message), invocation.Context));
            case "image":
                return SkillResult.FromText(Image(message));
            case "poison":
                return SkillResult.FromData(Poison());
            default:
                throw new InvalidOperationException($"Unknown skill '{invocation.Skill.Id}'.");
        }
    }
}

[JsonSerializable(typeof(string[]))]
internal sealed partial class A2AJsonStrings : JsonSerializerContext;
