using System.Collections.Immutable;
using A2AGen.Biscuit.Crypto;

namespace A2AGen.Biscuit.Datalog;

/// <summary>A predicate: <c>name(term, ...)</c>.</summary>
public sealed class Predicate : IEquatable<Predicate>
{
    private int hash;

    /// <summary>Creates a predicate.</summary>
    public Predicate(string name, ImmutableArray<Term> terms)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Terms = terms.IsDefault ? [] : terms;
    }

    /// <summary>Creates a predicate.</summary>
    public Predicate(string name, params Term[] terms)
        : this(name, ImmutableArray.Create(terms))
    {
    }

    /// <summary>The predicate name.</summary>
    public string Name { get; }

    /// <summary>The terms.</summary>
    public ImmutableArray<Term> Terms { get; }

    /// <inheritdoc />
    public bool Equals(Predicate? other)
    {
        if (other is null)
        {
            return false;
        }

        return ReferenceEquals(this, other) || (GetHashCode() == other.GetHashCode() && string.Equals(Name, other.Name, StringComparison.Ordinal) && Terms.AsSpan().SequenceEqual(other.Terms.AsSpan()));
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Predicate p && Equals(p);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        if (hash == 0)
        {
            var h = new HashCode();
            h.Add(Name, StringComparer.Ordinal);
            foreach (var t in Terms)
            {
                h.Add(t);
            }

            var v = h.ToHashCode();
            hash = v == 0 ? 1 : v;
        }

        return hash;
    }

    /// <inheritdoc />
    public override string ToString() => DatalogPrinter.Print(this);
}

/// <summary>A fact: a predicate without variables.</summary>
public sealed class Fact : IEquatable<Fact>
{
    /// <summary>Creates a fact.</summary>
    /// <exception cref="ArgumentException">The predicate contains a variable.</exception>
    public Fact(Predicate predicate)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        if (predicate.Terms.Any(t => t.ContainsVariable))
        {
            throw new ArgumentException("A fact cannot contain variables.", nameof(predicate));
        }

        Predicate = predicate;
    }

    /// <summary>Creates a fact.</summary>
    public Fact(string name, params Term[] terms)
        : this(new Predicate(name, terms))
    {
    }

    internal Fact(Predicate predicate, bool trusted) => Predicate = predicate;

    /// <summary>The predicate.</summary>
    public Predicate Predicate { get; }

    /// <inheritdoc />
    public bool Equals(Fact? other) => other is not null && Predicate.Equals(other.Predicate);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Fact f && Equals(f);

    /// <inheritdoc />
    public override int GetHashCode() => Predicate.GetHashCode();

    /// <inheritdoc />
    public override string ToString() => DatalogPrinter.Print(Predicate);
}

/// <summary>The kind of a trusted-origin annotation.</summary>
public enum ScopeKind
{
    /// <summary><c>trusting authority</c>: the authority block (the default).</summary>
    Authority = 0,
    /// <summary><c>trusting previous</c>: every earlier block (blocks only).</summary>
    Previous = 1,
    /// <summary><c>trusting &lt;public key&gt;</c>: blocks signed by that third-party key.</summary>
    PublicKey = 2,
}

/// <summary>A trusted-origin annotation (<c>trusting ...</c>).</summary>
public sealed record Scope
{
    private Scope(ScopeKind kind, BiscuitPublicKey? key)
    {
        Kind = kind;
        Key = key;
    }

    /// <summary>The kind.</summary>
    public ScopeKind Kind { get; }

    /// <summary>The key for <see cref="ScopeKind.PublicKey"/>.</summary>
    public BiscuitPublicKey? Key { get; }

    /// <summary><c>trusting authority</c>.</summary>
    public static Scope Authority { get; } = new(ScopeKind.Authority, null);

    /// <summary><c>trusting previous</c>.</summary>
    public static Scope Previous { get; } = new(ScopeKind.Previous, null);

    /// <summary><c>trusting &lt;key&gt;</c>.</summary>
    public static Scope PublicKey(BiscuitPublicKey key) => new(ScopeKind.PublicKey, key ?? throw new ArgumentNullException(nameof(key)));

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ScopeKind.Authority => "authority",
        ScopeKind.Previous => "previous",
        _ => Key!.ToString(),
    };
}

/// <summary>A rule: <c>head &lt;- body, expressions trusting scopes</c>. Check and policy queries are rules whose head is unused.</summary>
public sealed class Rule
{
    /// <summary>Creates a rule.</summary>
    public Rule(Predicate head, ImmutableArray<Predicate> body, ImmutableArray<Expression> expressions, ImmutableArray<Scope> scopes)
    {
        Head = head ?? throw new ArgumentNullException(nameof(head));
        Body = body.IsDefault ? [] : body;
        Expressions = expressions.IsDefault ? [] : expressions;
        Scopes = scopes.IsDefault ? [] : scopes;
    }

    /// <summary>The head (for a check or policy query, <c>query()</c>).</summary>
    public Predicate Head { get; }

    /// <summary>The body predicates.</summary>
    public ImmutableArray<Predicate> Body { get; }

    /// <summary>The expressions: all must evaluate to <c>true</c>.</summary>
    public ImmutableArray<Expression> Expressions { get; }

    /// <summary>The trusted origins of this rule (empty: the block's default).</summary>
    public ImmutableArray<Scope> Scopes { get; }

    /// <summary>Head variables that no body predicate binds (a rule with any is refused when loaded from a block).</summary>
    public IReadOnlyList<string> UnboundHeadVariables()
    {
        var bound = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in Body)
        {
            foreach (var t in p.Terms)
            {
                if (t is VariableTerm v)
                {
                    bound.Add(v.Name);
                }
            }
        }

        return [.. Head.Terms.OfType<VariableTerm>().Select(v => v.Name).Where(n => !bound.Contains(n)).Distinct()];
    }

    /// <inheritdoc />
    public override string ToString() => DatalogPrinter.Print(this);
}

/// <summary>The kind of a check.</summary>
public enum CheckKind
{
    /// <summary><c>check if</c>: one match suffices.</summary>
    One = 0,
    /// <summary><c>check all</c>: every match must satisfy the expressions (v3.1).</summary>
    All = 1,
    /// <summary><c>reject if</c>: fails if anything matches (v3.3).</summary>
    Reject = 2,
}

/// <summary>A check: queries separated by <c>or</c>.</summary>
public sealed class Check
{
    /// <summary>Creates a check.</summary>
    public Check(CheckKind kind, ImmutableArray<Rule> queries)
    {
        Kind = kind;
        Queries = queries.IsDefault ? [] : queries;
    }

    /// <summary>The kind.</summary>
    public CheckKind Kind { get; }

    /// <summary>The queries (alternatives).</summary>
    public ImmutableArray<Rule> Queries { get; }

    /// <inheritdoc />
    public override string ToString() => DatalogPrinter.Print(this);
}

/// <summary>The kind of a policy.</summary>
public enum PolicyKind
{
    /// <summary><c>allow if</c>.</summary>
    Allow = 0,
    /// <summary><c>deny if</c>.</summary>
    Deny = 1,
}

/// <summary>An authorizer policy: <c>allow if ...</c> or <c>deny if ...</c>.</summary>
public sealed class Policy
{
    /// <summary>Creates a policy.</summary>
    public Policy(PolicyKind kind, ImmutableArray<Rule> queries)
    {
        Kind = kind;
        Queries = queries.IsDefault ? [] : queries;
    }

    /// <summary>The kind.</summary>
    public PolicyKind Kind { get; }

    /// <summary>The queries (alternatives).</summary>
    public ImmutableArray<Rule> Queries { get; }

    /// <inheritdoc />
    public override string ToString() => DatalogPrinter.Print(this);
}

/// <summary>
/// The Datalog content of a block or of an authorizer's source: facts, rules, checks, policies (authorizer only)
/// and block-level trusted origins.
/// </summary>
public sealed class DatalogSource
{
    /// <summary>Creates a source.</summary>
    public DatalogSource(ImmutableArray<Fact> facts, ImmutableArray<Rule> rules, ImmutableArray<Check> checks, ImmutableArray<Policy> policies, ImmutableArray<Scope> scopes)
    {
        Facts = facts.IsDefault ? [] : facts;
        Rules = rules.IsDefault ? [] : rules;
        Checks = checks.IsDefault ? [] : checks;
        Policies = policies.IsDefault ? [] : policies;
        Scopes = scopes.IsDefault ? [] : scopes;
    }

    /// <summary>An empty source.</summary>
    public static DatalogSource Empty { get; } = new([], [], [], [], []);

    /// <summary>Facts.</summary>
    public ImmutableArray<Fact> Facts { get; }

    /// <summary>Rules.</summary>
    public ImmutableArray<Rule> Rules { get; }

    /// <summary>Checks.</summary>
    public ImmutableArray<Check> Checks { get; }

    /// <summary>Policies (authorizer source only).</summary>
    public ImmutableArray<Policy> Policies { get; }

    /// <summary>Block-level trusted origins.</summary>
    public ImmutableArray<Scope> Scopes { get; }

    /// <summary>This source followed by <paramref name="other"/> (block scopes: the other's if it has any).</summary>
    public DatalogSource Concat(DatalogSource other) => new(
        Facts.AddRange(other.Facts),
        Rules.AddRange(other.Rules),
        Checks.AddRange(other.Checks),
        Policies.AddRange(other.Policies),
        other.Scopes.IsEmpty ? Scopes : Scopes.AddRange(other.Scopes));

    /// <summary>Parses Datalog text (see <see cref="DatalogParser"/>).</summary>
    public static DatalogSource Parse(string text) => DatalogParser.ParseSource(text);

    /// <inheritdoc />
    public override string ToString() => DatalogPrinter.Print(this);
}
