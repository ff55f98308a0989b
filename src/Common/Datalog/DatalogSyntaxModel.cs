// The syntax-only Datalog model the analyzers and the generator compile the runtime's DatalogParser.cs against
// (A2AGEN_DATALOG_SYNTAX): the same names and constructors as A2AGen.Biscuit's model, holding only what the parser's
// own checks read (variables, term kinds, set and map shapes). Nothing here evaluates Datalog. See docs/biscuit.md.
#nullable enable
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace A2AGen.Biscuit.Crypto
{
    /// <summary>A public key in text form (<c>ed25519/&lt;64 hex&gt;</c> or <c>secp256r1/&lt;66 hex&gt;</c>); the curve check is left to run time.</summary>
    internal sealed class BiscuitPublicKey
    {
        private BiscuitPublicKey()
        {
        }

        public static bool TryParse(string? text, out BiscuitPublicKey? key)
        {
            key = null;
            if (text is null)
            {
                return false;
            }

            var (prefix, length) = text.StartsWith("ed25519/", StringComparison.Ordinal) ? ("ed25519/", 64)
                : text.StartsWith("secp256r1/", StringComparison.Ordinal) ? ("secp256r1/", 66)
                : ("", -1);
            if (length < 0 || text.Length != prefix.Length + length)
            {
                return false;
            }

            for (var i = prefix.Length; i < text.Length; i++)
            {
                var c = text[i];
                if (!(c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F')))
                {
                    return false;
                }
            }

            key = new BiscuitPublicKey();
            return true;
        }
    }
}

namespace A2AGen.Biscuit.Datalog
{
    using A2AGen.Biscuit.Crypto;

    internal enum TermKind
    {
        Variable,
        Integer,
        String,
        Date,
        Bytes,
        Bool,
        Set,
        Null,
        Array,
        Map,
    }

    internal class Term
    {
        protected Term(TermKind kind) => Kind = kind;

        public TermKind Kind { get; }

        public static Term Null { get; } = new Term(TermKind.Null);

        public static Term True { get; } = new Term(TermKind.Bool);

        public static Term False { get; } = new Term(TermKind.Bool);

        internal virtual bool ContainsVariable => false;

        public static Term Integer(long value) => new IntegerTerm(value);

        public static Term String(string value) => new StringTerm(value);

        public static Term Date(ulong secondsSinceEpoch) => new Term(TermKind.Date);

        public static Term Bytes(byte[] value) => new Term(TermKind.Bytes);

        public static Term Variable(string name) => new VariableTerm(name);

        public static Term Set(IEnumerable<Term> values) => new SetTerm(values);

        public static Term Array(IEnumerable<Term> values) => new ContainerTerm(TermKind.Array, values);

        public static Term Map(IEnumerable<KeyValuePair<MapKey, Term>> entries) => new ContainerTerm(TermKind.Map, entries.Select(e => e.Value));
    }

    internal sealed class IntegerTerm : Term
    {
        public IntegerTerm(long value) : base(TermKind.Integer) => Value = value;

        public long Value { get; }
    }

    internal sealed class StringTerm : Term
    {
        public StringTerm(string value) : base(TermKind.String) => Value = value;

        public string Value { get; }
    }

    internal sealed class VariableTerm : Term
    {
        public VariableTerm(string name) : base(TermKind.Variable) => Name = name;

        public string Name { get; }

        internal override bool ContainsVariable => true;
    }

    internal class ContainerTerm : Term
    {
        private readonly Term[] _values;

        public ContainerTerm(TermKind kind, IEnumerable<Term> values) : base(kind) => _values = values.ToArray();

        internal override bool ContainsVariable => _values.Any(v => v.ContainsVariable);
    }

    internal sealed class SetTerm : ContainerTerm
    {
        public SetTerm(IEnumerable<Term> values) : base(TermKind.Set, values)
        {
        }
    }

    internal readonly struct MapKey
    {
        public static MapKey Of(long value) => default;

        public static MapKey Of(string value) => default;
    }

    internal sealed class Predicate
    {
        public Predicate(string name, ImmutableArray<Term> terms)
        {
            Name = name;
            Terms = terms;
        }

        public string Name { get; }

        public ImmutableArray<Term> Terms { get; }
    }

    internal sealed class Fact
    {
        internal Fact(Predicate predicate, bool trusted) => Predicate = predicate;

        public Predicate Predicate { get; }
    }

    internal sealed class Rule
    {
        public Rule(Predicate head, ImmutableArray<Predicate> body, ImmutableArray<Expression> expressions, ImmutableArray<Scope> scopes)
        {
            Head = head;
            Body = body;
        }

        public Predicate Head { get; }

        public ImmutableArray<Predicate> Body { get; }

        public IReadOnlyList<string> UnboundHeadVariables()
        {
            var bound = new HashSet<string>(StringComparer.Ordinal);
            foreach (var predicate in Body)
            {
                foreach (var term in predicate.Terms)
                {
                    if (term is VariableTerm variable)
                    {
                        bound.Add(variable.Name);
                    }
                }
            }

            return Head.Terms.OfType<VariableTerm>().Select(v => v.Name).Where(n => !bound.Contains(n)).Distinct().ToList();
        }
    }

    internal enum CheckKind
    {
        One,
        All,
        Reject,
    }

    internal sealed class Check
    {
        public Check(CheckKind kind, ImmutableArray<Rule> queries) => Kind = kind;

        public CheckKind Kind { get; }
    }

    internal enum PolicyKind
    {
        Allow,
        Deny,
    }

    internal sealed class Policy
    {
        public Policy(PolicyKind kind, ImmutableArray<Rule> queries) => Kind = kind;

        public PolicyKind Kind { get; }
    }

    internal sealed class Scope
    {
        private Scope()
        {
        }

        public static Scope Authority { get; } = new Scope();

        public static Scope Previous { get; } = new Scope();

        public static Scope PublicKey(BiscuitPublicKey? key) => new Scope();
    }

    internal sealed class DatalogSource
    {
        public DatalogSource(ImmutableArray<Fact> facts, ImmutableArray<Rule> rules, ImmutableArray<Check> checks, ImmutableArray<Policy> policies, ImmutableArray<Scope> scopes)
        {
            Policies = policies;
        }

        public ImmutableArray<Policy> Policies { get; }
    }

    internal enum UnaryKind
    {
        Negate,
        Parens,
        Length,
        TypeOf,
        Extern,
    }

    internal enum BinaryKind
    {
        LessThan,
        GreaterThan,
        LessOrEqual,
        GreaterOrEqual,
        Equal,
        Contains,
        Prefix,
        Suffix,
        Regex,
        Add,
        Sub,
        Mul,
        Div,
        And,
        Or,
        Intersection,
        Union,
        BitwiseAnd,
        BitwiseOr,
        BitwiseXor,
        NotEqual,
        HeterogeneousEqual,
        HeterogeneousNotEqual,
        LazyAnd,
        LazyOr,
        All,
        Any,
        Get,
        Extern,
        TryOr,
    }

    internal abstract class Op
    {
    }

    internal sealed class ValueOp : Op
    {
        public ValueOp(Term value)
        {
        }
    }

    internal sealed class UnaryOp : Op
    {
        public UnaryOp(UnaryKind kind, string? externName = null)
        {
        }
    }

    internal sealed class BinaryOp : Op
    {
        public BinaryOp(BinaryKind kind, string? externName = null)
        {
        }
    }

    internal sealed class ClosureOp : Op
    {
        public ClosureOp(ImmutableArray<string> parameters, ImmutableArray<Op> ops)
        {
        }
    }

    internal sealed class Expression
    {
        public Expression(ImmutableArray<Op> ops)
        {
        }
    }
}
