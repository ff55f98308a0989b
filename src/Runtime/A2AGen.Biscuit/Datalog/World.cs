using System.Numerics;
using A2AGen.Biscuit.Crypto;

namespace A2AGen.Biscuit.Datalog;

/// <summary>A run limit that stopped the Datalog evaluation.</summary>
public enum RunLimit
{
    /// <summary>More facts than <see cref="AuthorizerLimits.MaxFacts"/>.</summary>
    TooManyFacts,
    /// <summary>More iterations than <see cref="AuthorizerLimits.MaxIterations"/>.</summary>
    TooManyIterations,
    /// <summary>Longer than <see cref="AuthorizerLimits.MaxTime"/>.</summary>
    Timeout,
}

/// <summary>The evaluation hit a run limit.</summary>
public sealed class DatalogRunLimitException(RunLimit limit) : Exception($"Datalog run limit reached: {limit}")
{
    /// <summary>The limit.</summary>
    public RunLimit Limit { get; } = limit;
}

/// <summary>
/// The set of block ids a fact comes from, as a bit mask: bit <c>i</c> for block <c>i</c> (tokens carry at most 63
/// blocks) and the top bit for the authorizer.
/// </summary>
internal static class Origins
{
    public const ulong Authorizer = 1UL << 63;
    public const int AuthorizerBlockId = 63;
    public const int MaxBlocks = 63;

    public static ulong Block(int i) => 1UL << i;

    public static ulong DefaultTrusted => Authorizer | Block(0);

    public static bool Trusts(ulong trusted, ulong origin) => (origin & ~trusted) == 0;

    /// <summary>The trusted origins of a rule or check (the specification's scope resolution).</summary>
    public static ulong FromScopes(IReadOnlyList<Scope> scopes, ulong defaults, int currentBlock, IReadOnlyDictionary<BiscuitPublicKey, ulong> blocksByKey)
    {
        var current = currentBlock == AuthorizerBlockId ? Authorizer : Block(currentBlock);
        if (scopes.Count == 0)
        {
            return defaults | current | Authorizer;
        }

        var result = Authorizer | current;
        foreach (var scope in scopes)
        {
            switch (scope.Kind)
            {
                case ScopeKind.Authority:
                    result |= Block(0);
                    break;
                case ScopeKind.Previous:
                    if (currentBlock != AuthorizerBlockId)
                    {
                        result |= currentBlock == 62 ? ~Authorizer : (1UL << (currentBlock + 1)) - 1;
                    }

                    break;
                default:
                    if (blocksByKey.TryGetValue(scope.Key!, out var blocks))
                    {
                        result |= blocks;
                    }

                    break;
            }
        }

        return result;
    }

    public static IReadOnlyList<int?> ToList(ulong origin)
    {
        var list = new List<int?>();
        if ((origin & Authorizer) != 0)
        {
            list.Add(null);
        }

        var rest = origin & ~Authorizer;
        while (rest != 0)
        {
            var i = BitOperations.TrailingZeroCount(rest);
            list.Add(i);
            rest &= rest - 1;
        }

        return list;
    }
}

/// <summary>Facts indexed by origin and predicate name.</summary>
internal sealed class FactSet
{
    private readonly Dictionary<ulong, Dictionary<string, HashSet<Fact>>> byOrigin = [];

    public int Count { get; private set; }

    public bool Contains(ulong origin, Fact fact) =>
        byOrigin.TryGetValue(origin, out var byName) && byName.TryGetValue(fact.Predicate.Name, out var set) && set.Contains(fact);

    public bool Add(ulong origin, Fact fact)
    {
        if (!byOrigin.TryGetValue(origin, out var byName))
        {
            byOrigin[origin] = byName = new Dictionary<string, HashSet<Fact>>(StringComparer.Ordinal);
        }

        if (!byName.TryGetValue(fact.Predicate.Name, out var set))
        {
            byName[fact.Predicate.Name] = set = [];
        }

        if (set.Add(fact))
        {
            Count++;
            return true;
        }

        return false;
    }

    public IEnumerable<(ulong Origin, Fact Fact)> Candidates(string name, ulong trusted)
    {
        foreach (var (origin, byName) in byOrigin)
        {
            if (Origins.Trusts(trusted, origin) && byName.TryGetValue(name, out var set))
            {
                foreach (var f in set)
                {
                    yield return (origin, f);
                }
            }
        }
    }

    public IEnumerable<(ulong Origin, Fact Fact)> All() =>
        byOrigin.SelectMany(o => o.Value.Values.SelectMany(s => s.Select(f => (o.Key, f))));
}

/// <summary>Run limits, measured against a <see cref="TimeProvider"/>.</summary>
internal sealed class RunBudget(AuthorizerLimits limits, TimeProvider time)
{
    private readonly long start = time.GetTimestamp();
    private int ticks;

    public AuthorizerLimits Limits { get; } = limits;

    public TimeSpan Elapsed => time.GetElapsedTime(start);

    /// <summary>Called in inner loops: checks the clock every few hundred steps.</summary>
    public void Tick()
    {
        if (++ticks % 256 == 0)
        {
            CheckTime();
        }
    }

    public void CheckTime()
    {
        if (time.GetElapsedTime(start) >= Limits.MaxTime)
        {
            throw new DatalogRunLimitException(RunLimit.Timeout);
        }
    }
}

/// <summary>The Datalog world: facts tagged with origins, rules tagged with their block and trusted origins.</summary>
internal sealed class World(IReadOnlyDictionary<string, ExternalFunction>? externs)
{
    private readonly List<(int Block, ulong Trusted, Rule Rule)> rules = [];

    public FactSet Facts { get; } = new();

    public int Iterations { get; private set; }

    public IReadOnlyDictionary<string, ExternalFunction>? Externs { get; } = externs;

    public void AddRule(int block, ulong trusted, Rule rule) => rules.Add((block, trusted, rule));

    /// <summary>Applies the rules until no new fact appears, within the limits.</summary>
    /// <exception cref="DatalogRunLimitException">A limit was reached.</exception>
    /// <exception cref="DatalogExpressionException">An expression failed.</exception>
    public void Run(RunBudget budget)
    {
        var limits = budget.Limits;
        while (true)
        {
            var fresh = new List<(ulong, Fact)>();
            var pending = new HashSet<(ulong, Fact)>();
            foreach (var (block, trusted, rule) in rules)
            {
                var ruleOrigin = block == Origins.AuthorizerBlockId ? Origins.Authorizer : Origins.Block(block);
                foreach (var (origin, fact) in Apply(rule, trusted, budget))
                {
                    var tagged = (origin | ruleOrigin, fact);
                    if (!Facts.Contains(tagged.Item1, fact) && pending.Add(tagged))
                    {
                        fresh.Add(tagged);
                        if (Facts.Count + fresh.Count >= limits.MaxFacts)
                        {
                            // Stop as soon as the limit is certain, rather than after a (possibly huge) iteration.
                            throw new DatalogRunLimitException(RunLimit.TooManyFacts);
                        }
                    }
                }
            }

            if (fresh.Count == 0)
            {
                return;
            }

            foreach (var (origin, fact) in fresh)
            {
                Facts.Add(origin, fact);
            }

            Iterations++;
            if (Iterations >= limits.MaxIterations)
            {
                throw new DatalogRunLimitException(RunLimit.TooManyIterations);
            }

            budget.CheckTime();
        }
    }

    /// <summary>The facts a rule produces: (origin of the matched facts, head fact).</summary>
    public IEnumerable<(ulong Origin, Fact Fact)> Apply(Rule rule, ulong trusted, RunBudget budget)
    {
        foreach (var (origin, bindings) in Matches(rule, trusted, budget))
        {
            if (!ExpressionsHold(rule, bindings))
            {
                continue;
            }

            var terms = new Term[rule.Head.Terms.Length];
            var complete = true;
            for (var i = 0; i < terms.Length; i++)
            {
                var t = rule.Head.Terms[i];
                if (t is VariableTerm v)
                {
                    if (!bindings.TryGetValue(v.Name, out var value))
                    {
                        complete = false;
                        break;
                    }

                    terms[i] = value;
                }
                else
                {
                    terms[i] = t;
                }
            }

            if (complete)
            {
                yield return (origin, new Fact(new Predicate(rule.Head.Name, System.Collections.Immutable.ImmutableArray.Create(terms)), trusted: true));
            }
        }
    }

    /// <summary><c>check if</c> / policy: does any combination satisfy the body and expressions?</summary>
    public bool QueryMatch(Rule rule, ulong trusted, RunBudget budget)
    {
        foreach (var (_, bindings) in Matches(rule, trusted, budget))
        {
            if (ExpressionsHold(rule, bindings))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>check all</c>: at least one combination, and every combination satisfies the expressions.</summary>
    public bool QueryMatchAll(Rule rule, ulong trusted, RunBudget budget)
    {
        var found = false;
        foreach (var (_, bindings) in Matches(rule, trusted, budget))
        {
            found = true;
            if (!ExpressionsHold(rule, bindings))
            {
                return false;
            }
        }

        return found;
    }

    private bool ExpressionsHold(Rule rule, Dictionary<string, Term> bindings)
    {
        foreach (var e in rule.Expressions)
        {
            switch (Expression.Evaluate(e.Ops, bindings, Externs))
            {
                case BoolTerm { Value: true }:
                    continue;
                case BoolTerm:
                    return false;
                default:
                    throw new DatalogExpressionException(ExpressionError.InvalidType, "an expression did not evaluate to a boolean");
            }
        }

        return true;
    }

    private IEnumerable<(ulong Origin, Dictionary<string, Term> Bindings)> Matches(Rule rule, ulong trusted, RunBudget budget)
    {
        if (rule.Body.IsEmpty)
        {
            yield return (0UL, new Dictionary<string, Term>(StringComparer.Ordinal));
            yield break;
        }

        foreach (var match in Join(rule.Body, 0, 0UL, new Dictionary<string, Term>(StringComparer.Ordinal), trusted, budget))
        {
            yield return match;
        }
    }

    private IEnumerable<(ulong Origin, Dictionary<string, Term> Bindings)> Join(
        System.Collections.Immutable.ImmutableArray<Predicate> body, int index, ulong origin, Dictionary<string, Term> bindings, ulong trusted, RunBudget budget)
    {
        var predicate = body[index];
        var arity = predicate.Terms.Length;
        foreach (var (factOrigin, fact) in Facts.Candidates(predicate.Name, trusted))
        {
            budget.Tick();
            var terms = fact.Predicate.Terms;
            if (terms.Length != arity)
            {
                continue;
            }

            List<string>? added = null;
            var matches = true;
            for (var i = 0; i < arity; i++)
            {
                var pattern = predicate.Terms[i];
                if (pattern is VariableTerm v)
                {
                    if (bindings.TryGetValue(v.Name, out var bound))
                    {
                        if (!bound.Equals(terms[i]))
                        {
                            matches = false;
                            break;
                        }
                    }
                    else
                    {
                        bindings[v.Name] = terms[i];
                        (added ??= []).Add(v.Name);
                    }
                }
                else if (!pattern.Equals(terms[i]))
                {
                    matches = false;
                    break;
                }
            }

            if (matches)
            {
                if (index == body.Length - 1)
                {
                    yield return (origin | factOrigin, new Dictionary<string, Term>(bindings, StringComparer.Ordinal));
                }
                else
                {
                    foreach (var m in Join(body, index + 1, origin | factOrigin, bindings, trusted, budget))
                    {
                        yield return m;
                    }
                }
            }

            if (added is not null)
            {
                foreach (var name in added)
                {
                    bindings.Remove(name);
                }
            }
        }
    }
}
