using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace A2AGen.Benchmarks.Generator;

/// <summary>
/// A synthetic project for generator and analyzer benchmarks: <c>agents</c> agent classes with
/// <c>skillsPerAgent</c> skills each, among <c>plainClasses</c> ordinary classes, one class per file, all with
/// realistic method bodies (so that binding them, the yardstick, costs what a real project costs). Also produces the
/// edited compilations the incremental benchmarks need.
/// </summary>
public sealed class SyntheticProject
{
    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private readonly ImmutableArray<SyntaxTree> _agentTrees;

    private SyntheticProject(CSharpCompilation compilation, ImmutableArray<SyntaxTree> agentTrees)
    {
        Compilation = compilation;
        _agentTrees = agentTrees;
    }

    /// <summary>The whole project, compiled against the framework and A2AGen.Runtime.</summary>
    public CSharpCompilation Compilation { get; }

    /// <summary>The number of agent classes.</summary>
    public int AgentCount => _agentTrees.Length;

    /// <summary>Builds the project (parsing happens here, not in the measured code).</summary>
    public static SyntheticProject Create(int agents = 200, int skillsPerAgent = 10, int plainClasses = 2000)
    {
        var agentTrees = Enumerable.Range(0, agents)
            .Select(i => Parse(AgentSource(i, skillsPerAgent, description: "Agent number " + i.ToString(CultureInfo.InvariantCulture), extraStatement: ""), $"Agents/Agent{i}.cs"))
            .ToImmutableArray();
        var plainTrees = Enumerable.Range(0, plainClasses).Select(i => Parse(PlainSource(i), $"Model/Plain{i}.cs"));
        var compilation = CSharpCompilation.Create(
            "SyntheticAgents",
            agentTrees.Concat(plainTrees),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        return new SyntheticProject(compilation, agentTrees);
    }

    /// <summary>A parsed edit of agent <paramref name="index"/>'s file: one statement added to a skill method body.</summary>
    public SyntaxTree SkillBodyEdit(int index) =>
        Parse(AgentSource(index, SkillsPerAgentOf(index), "Agent number " + index.ToString(CultureInfo.InvariantCulture), extraStatement: "total += 1;"), _agentTrees[index].FilePath);

    /// <summary>A parsed edit of agent <paramref name="index"/>'s file: its <c>[A2AAgent]</c> description changed.</summary>
    public SyntaxTree AttributeEdit(int index) =>
        Parse(AgentSource(index, SkillsPerAgentOf(index), "Agent number " + index.ToString(CultureInfo.InvariantCulture) + ", edited", extraStatement: ""), _agentTrees[index].FilePath);

    /// <summary>The compilation with agent <paramref name="index"/>'s file replaced by <paramref name="edited"/>.</summary>
    public CSharpCompilation With(int index, SyntaxTree edited) => Compilation.ReplaceSyntaxTree(_agentTrees[index], edited);

    private int SkillsPerAgentOf(int index) =>
        _agentTrees[index].GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().Count();

    private static SyntaxTree Parse(string source, string path) => CSharpSyntaxTree.ParseText(source, ParseOptions, path, Encoding.UTF8);

    private static string AgentSource(int index, int skills, string description, string extraStatement)
    {
        var n = index.ToString(CultureInfo.InvariantCulture);
        var builder = new StringBuilder();
        builder.Append($$"""
            using System;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using A2AGen;
            using A2AGen.Protocol;

            namespace Synthetic.Agents{{n}};

            public sealed record Request{{n}}(string Name, int Count, decimal Amount, IReadOnlyList<string> Tags);
            public sealed record Response{{n}}(string Summary, decimal Total, DateTimeOffset At);

            [A2AAgent("agent-{{n}}", Name = "Agent {{n}}", Description = "{{description}}", Version = "1.{{n}}.0",
                Url = "https://agents.example.com/{{n}}/a2a", Organization = "Example", OrganizationUrl = "https://example.com")]
            [PassportKeys("user_region", "loyalty_tier", "preferred_currency")]
            [BearerAuth("bearer", BearerFormat = "JWT")]
            [OAuth2ClientCredentials("oauth", "https://auth.example.com/token", Scopes = ["orders:read", "orders:write"])]
            public partial class Agent{{n}}
            {
                private readonly Dictionary<string, decimal> _prices = new() { ["a"] = 1.5m, ["b"] = 2.25m };

            """);
        for (var s = 0; s < skills; s++)
        {
            var k = s.ToString(CultureInfo.InvariantCulture);
            var extra = s == 0 ? extraStatement : "";
            var attribute = s % 5 == 4
                ? $$"""[Skill("refund-{{k}}", Description = "Refunds order lines ({{k}})", Tags = ["orders", "refunds"], Privilege = SkillPrivilege.High, RequiredPassportKeys = ["loyalty_tier"], RequiredScopes = ["orders:write"])]"""
                : $$"""[Skill("skill-{{k}}", Name = "Skill {{k}}", Description = "Handles request kind {{k}}", Tags = ["orders", "kind-{{k}}"], Examples = ["example {{k}}"])]""";
            builder.Append((s % 4) switch
            {
                0 => $$"""
                        {{attribute}}
                        public async Task<Response{{n}}> Handle{{k}}Async(Request{{n}} request, Agent{{n}}Passport? passport, CancellationToken cancellationToken)
                        {
                            decimal total = 0;
                            foreach (var tag in request.Tags.Where(t => t.Length > 0))
                            {
                                total += _prices.TryGetValue(tag, out var price) ? price * request.Count : request.Amount;
                            }
                            {{extra}}
                            await Task.Yield();
                            return new Response{{n}}($"{request.Name} in {passport?.UserRegion ?? "anywhere"}: {total}", total, DateTimeOffset.UnixEpoch);
                        }

                    """,
                1 => $$"""
                        {{attribute}}
                        public string Describe{{k}}(string text, SkillContext context)
                        {
                            var total = 0;
                            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                            for (var i = 0; i < words.Length; i++) { total += words[i].Length * (i + 1); }
                            {{extra}}
                            return $"{context.SkillId}: {words.Length} words, weight {total}";
                        }

                    """,
                2 => $$"""
                        {{attribute}}
                        public async IAsyncEnumerable<Response{{n}}> Stream{{k}}Async(Request{{n}} request)
                        {
                            var total = 0m;
                            for (var i = 0; i < request.Count; i++)
                            {
                                total += request.Amount;
                                {{extra}}
                                await Task.Yield();
                                yield return new Response{{n}}(request.Name + i, total, DateTimeOffset.UnixEpoch);
                            }
                        }

                    """,
                _ => $$"""
                        {{attribute}}
                        public Message Echo{{k}}(Message message, Agent{{n}}Passport passport)
                        {
                            var total = message.Parts.Count(p => p.Text is not null);
                            {{extra}}
                            return Message.AgentText($"{passport.ClientId} sent {total} text parts", message.ContextId, message.TaskId);
                        }

                    """,
            });
        }

        builder.Append("}\n");
        return builder.ToString();
    }

    private static string PlainSource(int index)
    {
        var n = index.ToString(CultureInfo.InvariantCulture);
        var next = ((index + 1) % 2000).ToString(CultureInfo.InvariantCulture);
        return $$"""
            using System;
            using System.Collections.Generic;
            using System.Linq;

            namespace Synthetic.Model{{(index / 100).ToString(CultureInfo.InvariantCulture)}};

            /// <summary>An ordinary class of the project.</summary>
            public sealed class Plain{{n}}
            {
                private readonly List<int> _values = new();

                public string Name { get; set; } = "plain {{n}}";

                public int Count => _values.Count;

                public decimal Price { get; init; }

                public void Add(int value)
                {
                    if (value < 0)
                    {
                        throw new ArgumentOutOfRangeException(nameof(value), value, "Values are not negative.");
                    }

                    _values.Add(value);
                }

                public double Average() => _values.Count == 0 ? 0 : _values.Average();

                public IEnumerable<string> Describe(IEnumerable<int> filter)
                {
                    var set = new HashSet<int>(filter);
                    foreach (var value in _values.Where(set.Contains).OrderBy(v => v))
                    {
                        yield return $"{Name}: {value} ({value * Price:F2})";
                    }
                }

                public override string ToString()
                {
                    var text = new System.Text.StringBuilder(Name);
                    for (var i = 0; i < Math.Min(_values.Count, 10); i++)
                    {
                        text.Append(i == 0 ? " [" : ", ").Append(_values[i]);
                    }

                    return text.Append(_values.Count > 0 ? "]" : "").ToString() + " -> Plain{{next}}";
                }
            }
            """;
    }

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(path => Path.GetFileName(path) is var name && (name.StartsWith("System.", StringComparison.Ordinal) || name is "mscorlib.dll" or "netstandard.dll"))
            .Append(typeof(A2AGen.IA2AAgent).Assembly.Location)
            .Distinct(StringComparer.Ordinal);
        return [.. paths.Select(path => MetadataReference.CreateFromFile(path))];
    });
}
