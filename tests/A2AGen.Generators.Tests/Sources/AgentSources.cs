namespace A2AGen.Generators.Tests.Sources;

/// <summary>Agent declarations the tests compile: each exercises one area of the generator.</summary>
internal static class AgentSources
{
    /// <summary>The README's minimal agent.</summary>
    public const string Hello = """
        using A2AGen;

        namespace Samples;

        [A2AAgent("hello-agent", Description = "Says hello", Version = "1.0.0")]
        public partial class HelloAgent
        {
            [Skill("greet", Description = "Greets the caller by name", Tags = ["demo"])]
            public string Greet(string name) => $"Hello, {name}!";
        }
        """;

    /// <summary>DESIGN §4's currency agent: every card field, every scheme kind, requirements, string passport keys.</summary>
    public const string Currency = """
        using System.Threading;
        using System.Threading.Tasks;
        using A2AGen;

        namespace Shop;

        public sealed record ConvertRequest(decimal Amount, string From, string To);
        public sealed record Quote(decimal Amount, string Currency);
        public sealed record RefundRequest(string OrderId, decimal Amount);
        public sealed record RefundResult(string RefundId);

        [A2AAgent("currency-agent",
            Name = "Currency Agent", Description = "Converts money", Version = "1.2.0",
            Url = "https://currency.example.com/a2a",
            Organization = "Example Corp", OrganizationUrl = "https://example.com",
            DocumentationUrl = "https://example.com/docs", IconUrl = "https://example.com/icon.png",
            DefaultInputModes = ["application/json"], DefaultOutputModes = ["application/json", "text/plain"],
            Streaming = true, PushNotifications = false)]
        [PassportKeys("user_preferred_currency", "loyalty_tier", "access_scope", Required = true)]
        [MutualTlsAuth("mtls")]
        [BearerAuth("bearer", BearerFormat = "JWT", Description = "A JWT from the corporate IdP")]
        [BasicAuth("basic")]
        [HttpAuth("digest", "Digest")]
        [ApiKeyAuth("api-key", "X-API-Key", Location = ApiKeyLocation.Header)]
        [ApiKeyAuth("query-key", "key", Location = ApiKeyLocation.Query)]
        [OAuth2ClientCredentials("oauth", "https://auth.example.com/token", Scopes = ["payments:write=Move money", "rates:read"], RefreshUrl = "https://auth.example.com/refresh")]
        [OAuth2AuthorizationCode("oauth-code", "https://auth.example.com/authorize", "https://auth.example.com/token", PkceRequired = true, Scopes = ["payments:write"], MetadataUrl = "https://auth.example.com/.well-known/oauth-authorization-server")]
        [OAuth2DeviceCode("oauth-device", "https://auth.example.com/device", "https://auth.example.com/token")]
        [OpenIdConnectAuth("oidc", "https://auth.example.com/.well-known/openid-configuration")]
        [SecurityRequirement("mtls", "oauth", Scopes = ["rates:read"])]
        [SecurityRequirement("bearer")]
        [SecurityRequirement("oidc", "oauth-code", Scopes = ["openid"])]
        public partial class CurrencyAgent
        {
            [Skill("convert", Name = "Convert", Description = "Converts an amount between currencies", Tags = ["finance", "fx"],
                Examples = ["100 USD to GBP"], InputModes = ["application/json"], OutputModes = ["application/json"])]
            [DefaultSkill]
            public Task<Quote> ConvertAsync(ConvertRequest request, CurrencyAgentPassport? passport, CancellationToken cancellationToken) =>
                Task.FromResult(new Quote(request.Amount, passport?.UserPreferredCurrency ?? request.To));

            [Skill("refund", Description = "Refunds an order", Tags = ["finance"], Privilege = SkillPrivilege.High,
                RequiredPassportKeys = ["loyalty_tier"], RequiredScopes = ["payments:write"])]
            public Task<RefundResult> RefundAsync(RefundRequest request, CurrencyAgentPassport passport, SkillContext context, CancellationToken cancellationToken) =>
                Task.FromResult(new RefundResult("r-" + request.OrderId));

            [Skill("rates", Description = "Lists rates", Tags = ["finance"], RequestSignature = SignatureRequirement.Required)]
            public string Rates() => "USD/GBP 0.79";
        }
        """;

    /// <summary>Every parameter binding and return shape, a typed passport with every readable kind.</summary>
    public const string Binding = """
        using System;
        using System.Collections.Generic;
        using System.Runtime.CompilerServices;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using A2AGen;
        using A2AGen.Protocol;

        namespace Behaviour;

        public sealed record Point(int X, int Y);
        public sealed record Sum(int Total);
        public enum Level { Low, Medium, [JsonStringEnumMemberName("very-high")] High }

        public class BaseState
        {
            public string? Region { get; init; }
        }

        public sealed class State : BaseState
        {
            public int Count { get; init; }
            public bool Active { get; init; }
            public byte Small { get; init; }
            public sbyte Signed { get; init; }
            public short Short { get; init; }
            public ushort UShort { get; init; }
            public uint UInt { get; init; }
            public long Big { get; init; }
            public ulong Huge { get; init; }
            public float Single { get; init; }
            public double Ratio { get; init; }
            public decimal Price { get; init; }
            public Guid Id { get; init; }
            public DateTimeOffset When { get; init; }
            public DateTime Day { get; init; }
            public Level Level { get; init; }
            public int? MaybeCount { get; init; }
            public string[]? Tags { get; init; }
            public IReadOnlyList<int>? Numbers { get; init; }
            public List<Level>? Levels { get; init; }
            public Point? Where { get; init; }
            [JsonPropertyName("custom-key")] public string? Custom { get; init; }
            [JsonIgnore] public string? Hidden { get; init; }
            public string? UserID { get; init; }
        }

        [A2AAgent("binding-agent", Description = "Exercises every binding and return shape", Streaming = true)]
        [PassportKeys(typeof(State))]
        public partial class BindingAgent
        {
            public List<string> Calls { get; } = new();

            [Skill("text", Description = "text in, text out", Tags = ["t"])]
            public string Echo(string text) => "echo:" + text;

            [Skill("data", Description = "data in, data out", Tags = ["t"])]
            public Sum Add(Point point) => new(point.X + point.Y);

            [Skill("message", Description = "message in, message out", Tags = ["t"])]
            public Message Raw(Message message) => Message.AgentText("parts:" + message.Parts.Count);

            [Skill("void", Description = "nothing", Tags = ["t"])]
            public void Nothing() => Calls.Add("void");

            [Skill("task", Description = "Task", Tags = ["t"])]
            public async Task DoAsync(CancellationToken cancellationToken) { await Task.Yield(); Calls.Add("task"); }

            [Skill("value-task", Description = "ValueTask", Tags = ["t"])]
            public ValueTask DoValueAsync() { Calls.Add("value-task"); return default; }

            [Skill("task-text", Description = "Task<string>", Tags = ["t"])]
            public async Task<string> UpperAsync(string text) { await Task.Yield(); return text.ToUpperInvariant(); }

            [Skill("value-task-data", Description = "ValueTask<T>", Tags = ["t"])]
            public ValueTask<Sum> MultiplyAsync(Point point) => new(new Sum(point.X * point.Y));

            [Skill("task-message", Description = "Task<Message>", Tags = ["t"])]
            public Task<Message> TaskIdAsync(SkillContext context) => Task.FromResult(Message.AgentText(context.TaskId));

            [Skill("value-task-text", Description = "ValueTask<string>", Tags = ["t"])]
            public ValueTask<string?> MaybeAsync(string text) => new(text.Length == 0 ? null : text);

            [Skill("text-stream", Description = "IAsyncEnumerable<string>", Tags = ["t"])]
            public async IAsyncEnumerable<string> WordsAsync(string text)
            {
                foreach (var word in text.Split(' '))
                {
                    await Task.Yield();
                    yield return word;
                }
            }

            [Skill("data-stream", Description = "IAsyncEnumerable<T>", Tags = ["t"])]
            public async IAsyncEnumerable<Point> CountAsync(Point until, [EnumeratorCancellation] CancellationToken cancellationToken)
            {
                for (var i = 0; i < until.X; i++)
                {
                    await Task.Yield();
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return new Point(i, until.Y);
                }
            }

            [Skill("static", Description = "a static method", Tags = ["t"])]
            public static string Static(string text) => "static:" + text;

            [Skill("context", Description = "SkillContext and CancellationToken", Tags = ["t"])]
            public string Context(SkillContext context, CancellationToken cancellationToken) =>
                context.AgentId + "/" + context.SkillId + "/" + context.TaskId + "/" + cancellationToken.CanBeCanceled;

            [Skill("optional-passport", Description = "optional passport", Tags = ["t"])]
            public string Optional(BindingAgentPassport? passport) =>
                passport is null ? "none" : passport.ClientId + ":" + passport.Region + ":" + passport.IsSignatureVerified;

            [Skill("required-passport", Description = "required passport", Tags = ["t"])]
            public string Required(string text, BindingAgentPassport passport) => text + ":" + passport.ClientId;

            [Skill("throws", Description = "throws synchronously", Tags = ["t"])]
            public string Throws() => throw new InvalidOperationException("boom");

            [Skill("throws-async", Description = "throws asynchronously", Tags = ["t"])]
            public async Task<string> ThrowsAsync() { await Task.Yield(); throw new InvalidOperationException("boom later"); }

            [Skill("nullable-value", Description = "nullable value-type data", Tags = ["t"])]
            public int? Twice(int? value) => value * 2;

            [Skill("json", Description = "raw JSON data", Tags = ["t"])]
            public JsonElement Json(JsonElement element) => element;

            [Skill("null-message", Description = "returns no message", Tags = ["t"])]
            public Message? NoMessage() => null;
        }
        """;

    /// <summary>Placement: the global namespace, a record, nesting in partial types, keyword names.</summary>
    public const string Placement = """
        using A2AGen;

        [A2AAgent("global-agent", Description = "Lives in the global namespace")]
        public partial record GlobalAgent
        {
            [Skill("hi", Description = "Says hi", Tags = ["demo"])]
            public string Hi() => "hi";
        }

        namespace Outer.Space
        {
            internal class NestedAgentA2AGenData { }

            public partial class Host
            {
                public partial struct Inner
                {
                    [A2AAgent("nested-agent", Description = "Nested two levels deep")]
                    [PassportKeys("user_preferred_currency")]
                    internal partial class NestedAgent
                    {
                        [Skill("class", Description = "A method named with a keyword", Tags = ["demo"])]
                        public string @class(NestedAgentPassport? passport) => passport?.UserPreferredCurrency ?? "none";
                    }
                }
            }
        }

        namespace @event
        {
            [A2AAgent("keyword-namespace", Description = "In a namespace named with a keyword")]
            public partial class @object
            {
                [Skill("run", Description = "Runs", Tags = ["demo"])]
                public string Run() => "ran";
            }
        }
        """;

    /// <summary>Text that needs JSON, C# and XML escaping.</summary>
    public const string Escaping = """
        using A2AGen;

        namespace Texts;

        [A2AAgent("escaping-agent",
            Name = "Quote \" Backslash \\ Slash / Tab \t Newline \n Return \r Bell \a Nul \0 Del \u007f",
            Description = "Line separators \u2028 \u2029 and NEL \u0085, bidi \u202E override, BOM \uFEFF, emoji 😀 \U0001F680, accents éàü, CJK 漢字",
            Version = "2.0.0-beta.1+build.5")]
        public partial class EscapingAgent
        {
            [Skill("odd", Description = "Skill text with </summary> and */ and {braces}", Tags = ["<tag> & \"quoted\"", "\u0001\u001f"])]
            public string Odd() => "ok";
        }
        """;

    /// <summary>Skills that return <c>SkillResult</c> (an answer or an interruption), synchronous and awaitable.</summary>
    public const string MultiTurn = """
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;
        using A2AGen;

        namespace Conversations;

        [A2AAgent("interview-agent", Description = "Asks before it answers")]
        public partial class InterviewAgent
        {
            [Skill("book", Description = "Books once it knows the date", Tags = ["travel"])]
            [DefaultSkill]
            public SkillResult Book(string text, SkillContext context) =>
                context.History.Count == 1 ? SkillResult.InputRequired("Which date?") : "booked " + text;

            [Skill("pay", Description = "Pays once approved", Tags = ["finance"])]
            public async Task<SkillResult> PayAsync(string text, CancellationToken cancellationToken)
            {
                await Task.Delay(1, cancellationToken);
                return text == "approved" ? "paid" : SkillResult.AuthRequired("Approve the payment first.");
            }

            [Skill("check", Description = "Checks the conversation", Tags = ["travel"])]
            public static ValueTask<SkillResult> CheckAsync(SkillContext context) =>
                new(SkillResult.FromText(context.History.Count.ToString()));
        }
        """;

    /// <summary><c>[Provenance]</c> on an agent (every skill signs) and on one skill of another agent.</summary>
    public const string Provenance = """
        using System.Collections.Generic;
        using A2AGen;

        namespace Custody;

        [A2AAgent("notary-agent", Description = "Signs everything it says")]
        [Provenance]
        public partial class NotaryAgent
        {
            [Skill("attest", Description = "Attests a statement", Tags = ["custody"])]
            [DefaultSkill]
            public string Attest(string text) => "attested: " + text;

            [Skill("witness", Description = "Witnesses line by line", Tags = ["custody"])]
            public async IAsyncEnumerable<string> WitnessAsync(string text)
            {
                await System.Threading.Tasks.Task.Yield();
                yield return text;
            }
        }

        [A2AAgent("ledger-agent", Description = "Signs only its figures")]
        public partial class LedgerAgent
        {
            [Skill("figure", Description = "A signed figure", Tags = ["finance"])]
            [Provenance]
            [DefaultSkill]
            public decimal Figure(SkillContext context) => 42m;

            [Skill("chat", Description = "Unsigned small talk", Tags = ["chat"])]
            public string Chat(string text) => text;
        }
        """;
}

/// <summary>Payload encryption required on one skill, and agent-wide (a skill cannot weaken it).</summary>
public static class EncryptionSources
{
    public const string Encryption = """
        using A2AGen;

        namespace Vault;

        [A2AAgent("vault-agent", Description = "Takes secrets encrypted")]
        public partial class VaultAgent
        {
            [Skill("store", Description = "Stores a secret", Tags = ["vault"], Encryption = EncryptionRequirement.Required)]
            [DefaultSkill]
            public string Store(string text) => "stored";

            [Skill("chat", Description = "Plain small talk", Tags = ["chat"])]
            public string Chat(string text) => text;
        }

        [A2AAgent("bunker-agent", Description = "Everything encrypted", Encryption = EncryptionRequirement.Required)]
        public partial class BunkerAgent
        {
            [Skill("keep", Description = "Keeps", Tags = ["vault"])]
            [DefaultSkill]
            public string Keep(string text) => "kept";

            [Skill("peek", Description = "Asks for less, gets the agent's rule", Tags = ["vault"], Encryption = EncryptionRequirement.Optional)]
            public string Peek(string text) => "peeked";
        }
        """;
}

/// <summary>Named access to the sources, for theories.</summary>
internal static class AgentSourcesByName
{
    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        [nameof(AgentSources.Hello)] = AgentSources.Hello,
        [nameof(AgentSources.Currency)] = AgentSources.Currency,
        [nameof(AgentSources.Binding)] = AgentSources.Binding,
        [nameof(AgentSources.Placement)] = AgentSources.Placement,
        [nameof(AgentSources.Escaping)] = AgentSources.Escaping,
        [nameof(AgentSources.MultiTurn)] = AgentSources.MultiTurn,
        [nameof(AgentSources.Provenance)] = AgentSources.Provenance,
        [nameof(EncryptionSources.Encryption)] = EncryptionSources.Encryption,
    };

    public static TheoryData<string> Names => new(All.Keys);
}
