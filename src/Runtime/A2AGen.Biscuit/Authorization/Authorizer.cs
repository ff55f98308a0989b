using System.Collections.Immutable;
using A2AGen.Biscuit.Crypto;
using A2AGen.Biscuit.Datalog;

namespace A2AGen.Biscuit;

/// <summary>
/// Authorizes tokens: the authorizer's own facts, rules, checks and allow/deny policies, plus per-request ambient
/// facts, evaluated with the token's blocks under the specification's scoping rules and within <see cref="Limits"/>.
/// Configure it once (e.g. a skill's policy), then call <see cref="Authorize"/> per request: each call evaluates in a
/// fresh world, so concurrent calls are safe once configuration is done.
/// </summary>
public sealed class Authorizer
{
    private readonly Dictionary<string, ExternalFunction> externs = new(StringComparer.Ordinal);
    private DatalogSource source = DatalogSource.Empty;

    /// <summary>An empty authorizer (it denies everything until a policy is added).</summary>
    public Authorizer()
    {
    }

    /// <summary>An authorizer from Datalog text (facts, rules, checks, policies).</summary>
    /// <exception cref="DatalogParseException">The text is invalid.</exception>
    public Authorizer(string datalog) => AddCode(datalog);

    /// <summary>The run limits.</summary>
    public AuthorizerLimits Limits { get; set; } = AuthorizerLimits.Default;

    /// <summary>The clock for <see cref="AuthorizerLimits.MaxTime"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The authorizer's Datalog.</summary>
    public DatalogSource Source => source;

    /// <summary>Adds Datalog text (facts, rules, checks, policies; an optional leading <c>trusting ...;</c>).</summary>
    /// <exception cref="DatalogParseException">The text is invalid.</exception>
    public Authorizer AddCode(string datalog)
    {
        source = source.Concat(DatalogParser.ParseSource(datalog));
        return this;
    }

    /// <summary>Adds parsed Datalog.</summary>
    public Authorizer Add(DatalogSource datalog)
    {
        source = source.Concat(datalog ?? throw new ArgumentNullException(nameof(datalog)));
        return this;
    }

    /// <summary>Adds a fact.</summary>
    public Authorizer AddFact(Fact fact) => Add(new DatalogSource([fact], [], [], [], []));

    /// <summary>Adds a policy.</summary>
    public Authorizer AddPolicy(Policy policy) => Add(new DatalogSource([], [], [], [policy], []));

    /// <summary>Adds a check.</summary>
    public Authorizer AddCheck(Check check) => Add(new DatalogSource([], [], [check], [], []));

    /// <summary>Registers an external function for <c>.extern::name()</c> calls (v3.3).</summary>
    public Authorizer RegisterExternalFunction(string name, ExternalFunction function)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        externs[name] = function ?? throw new ArgumentNullException(nameof(function));
        return this;
    }

    /// <summary>
    /// Authorizes <paramref name="token"/> (or, if null, the authorizer's Datalog alone) with <paramref name="ambientFacts"/>
    /// added for this call (e.g. <c>time(...)</c>, <c>agent(...)</c>, <c>operation(...)</c>).
    /// </summary>
    /// <exception cref="InvalidOperationException">The token was parsed without verification.</exception>
    public AuthorizationResult Authorize(BiscuitToken? token, IEnumerable<Fact>? ambientFacts = null, AuthorizerLimits? limits = null)
    {
        if (token is { IsVerified: false })
        {
            throw new InvalidOperationException("An unverified token cannot be authorized: read it with BiscuitToken.FromBytes/FromBase64 and a root key.");
        }

        var budget = new RunBudget(limits ?? Limits, TimeProvider);
        var world = new World(externs.Count > 0 ? externs : null);
        var blocks = token?.Blocks ?? [];
        var byKey = new Dictionary<BiscuitPublicKey, ulong>();
        foreach (var b in blocks)
        {
            if (b.ExternalKey is not null)
            {
                byKey[b.ExternalKey] = byKey.GetValueOrDefault(b.ExternalKey) | Origins.Block(b.Index);
            }
        }

        var ruleList = new List<(int? Block, Rule Rule)>();
        var checkList = new List<(int? Block, Check Check)>();
        var blockTrusted = new ulong[blocks.Count];
        foreach (var b in blocks)
        {
            foreach (var rule in b.Source.Rules)
            {
                if (rule.UnboundHeadVariables().Count > 0)
                {
                    return new AuthorizationResult(AuthorizationOutcome.InvalidBlockRule) { InvalidRule = (b.Index, rule.ToString()), Elapsed = budget.Elapsed };
                }
            }

            blockTrusted[b.Index] = Origins.FromScopes(b.Source.Scopes, Origins.DefaultTrusted, b.Index, byKey);
            foreach (var fact in b.Source.Facts)
            {
                world.Facts.Add(Origins.Block(b.Index), fact);
            }

            foreach (var rule in b.Source.Rules)
            {
                world.AddRule(b.Index, Origins.FromScopes(rule.Scopes, blockTrusted[b.Index], b.Index, byKey), rule);
                ruleList.Add((b.Index, rule));
            }

            checkList.AddRange(b.Source.Checks.Select(c => ((int?)b.Index, c)));
        }

        var authorizerTrusted = Origins.FromScopes(source.Scopes, Origins.DefaultTrusted, Origins.AuthorizerBlockId, byKey);
        foreach (var fact in source.Facts.Concat(ambientFacts ?? []))
        {
            world.Facts.Add(Origins.Authorizer, fact);
        }

        foreach (var rule in source.Rules)
        {
            world.AddRule(Origins.AuthorizerBlockId, Origins.FromScopes(rule.Scopes, authorizerTrusted, Origins.AuthorizerBlockId, byKey), rule);
            ruleList.Add((null, rule));
        }

        checkList.AddRange(source.Checks.Select(c => ((int?)null, c)));
        AuthorizerWorld Snapshot() => new(
            [.. world.Facts.All().Select(f => (Origins.ToList(f.Origin), f.Fact))],
            ruleList,
            checkList,
            source.Policies);

        try
        {
            world.Run(budget);
            var failed = new List<FailedCheck>();
            RunChecks(world, source.Checks, null, Origins.AuthorizerBlockId, authorizerTrusted, byKey, budget, failed);
            if (blocks.Count > 0)
            {
                RunChecks(world, blocks[0].Source.Checks, 0, 0, blockTrusted[0], byKey, budget, failed);
            }

            (PolicyKind Kind, int Index)? matched = null;
            for (var i = 0; i < source.Policies.Length && matched is null; i++)
            {
                var policy = source.Policies[i];
                foreach (var query in policy.Queries)
                {
                    var trusted = Origins.FromScopes(query.Scopes, authorizerTrusted, Origins.AuthorizerBlockId, byKey);
                    var hit = world.QueryMatch(query, trusted, budget);
                    budget.CheckTime();
                    if (hit)
                    {
                        matched = (policy.Kind, i);
                        break;
                    }
                }
            }

            for (var i = 1; i < blocks.Count; i++)
            {
                RunChecks(world, blocks[i].Source.Checks, i, i, blockTrusted[i], byKey, budget, failed);
            }

            var outcome = matched switch
            {
                null => AuthorizationOutcome.NoMatchingPolicy,
                { Kind: PolicyKind.Allow } when failed.Count == 0 => AuthorizationOutcome.Allowed,
                _ => AuthorizationOutcome.Unauthorized,
            };
            return new AuthorizationResult(outcome) { MatchedPolicy = matched, FailedChecks = failed, World = Snapshot(), Iterations = world.Iterations, Elapsed = budget.Elapsed };
        }
        catch (DatalogRunLimitException e)
        {
            return new AuthorizationResult(AuthorizationOutcome.RunLimitExceeded) { RunLimit = e.Limit, World = Snapshot(), Iterations = world.Iterations, Elapsed = budget.Elapsed };
        }
        catch (DatalogExpressionException e)
        {
            return new AuthorizationResult(AuthorizationOutcome.ExecutionError) { ExpressionError = e.Error, World = Snapshot(), Iterations = world.Iterations, Elapsed = budget.Elapsed };
        }
    }

    /// <summary>Runs a query against the authorizer's Datalog and <paramref name="token"/>: the facts the rule produces.</summary>
    /// <exception cref="DatalogRunLimitException">A run limit was reached.</exception>
    /// <exception cref="DatalogExpressionException">An expression failed.</exception>
    public IReadOnlyList<Fact> Query(BiscuitToken? token, Rule query, IEnumerable<Fact>? ambientFacts = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        var result = Authorize(token, ambientFacts);
        if (result.World is null)
        {
            return [];
        }

        var world = new World(externs.Count > 0 ? externs : null);
        foreach (var (origin, fact) in result.World.Facts)
        {
            var mask = origin.Aggregate(0UL, (m, o) => m | (o is { } i ? Origins.Block(i) : Origins.Authorizer));
            world.Facts.Add(mask, fact);
        }

        var budget = new RunBudget(Limits, TimeProvider);
        var trusted = Origins.FromScopes(query.Scopes, Origins.DefaultTrusted, Origins.AuthorizerBlockId, new Dictionary<BiscuitPublicKey, ulong>());
        return [.. world.Apply(query, trusted, budget).Select(f => f.Fact).Distinct()];
    }

    private static void RunChecks(World world, ImmutableArray<Check> checks, int? blockId, int currentBlock, ulong blockTrusted, Dictionary<BiscuitPublicKey, ulong> byKey, RunBudget budget, List<FailedCheck> failed)
    {
        for (var j = 0; j < checks.Length; j++)
        {
            var check = checks[j];
            var ok = false;
            foreach (var query in check.Queries)
            {
                var trusted = Origins.FromScopes(query.Scopes, blockTrusted, currentBlock, byKey);
                var hit = check.Kind switch
                {
                    CheckKind.One => world.QueryMatch(query, trusted, budget),
                    CheckKind.All => world.QueryMatchAll(query, trusted, budget),
                    _ => !world.QueryMatch(query, trusted, budget),
                };
                budget.CheckTime();
                if (hit)
                {
                    ok = true;
                    break;
                }
            }

            if (!ok)
            {
                failed.Add(new FailedCheck(blockId, j, check.ToString()));
            }
        }
    }
}
