using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using A2AGen.Biscuit.Crypto;

namespace A2AGen.Biscuit.Datalog;

/// <summary>Datalog text is invalid: the message says what, and where (offset, line and column, all from the start).</summary>
#if A2AGEN_DATALOG_SYNTAX
internal
#else
public
#endif
sealed class DatalogParseException : FormatException
{
    internal DatalogParseException(string reason, string text, int offset)
        : base(string.Empty)
    {
        Reason = reason;
        Offset = offset;
        var line = 1;
        var column = 1;
        for (var i = 0; i < offset && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        Line = line;
        Column = column;
    }

    /// <summary>What is wrong.</summary>
    public string Reason { get; }

    /// <summary>Zero-based offset (UTF-16 code units) of the error in the text.</summary>
    public int Offset { get; }

    /// <summary>One-based line of the error.</summary>
    public int Line { get; }

    /// <summary>One-based column of the error (UTF-16 code units).</summary>
    public int Column { get; }

    /// <inheritdoc />
    public override string Message => $"invalid Datalog at line {Line}, column {Column}: {Reason}";
}

/// <summary>
/// Parses Biscuit Datalog text (the specification's grammar, v3.0–v3.3): facts, rules, checks (<c>check if</c>,
/// <c>check all</c>, <c>reject if</c>), policies (<c>allow if</c>, <c>deny if</c>), expressions with closures,
/// <c>trusting</c> annotations, and <c>//</c> and <c>/* */</c> comments.
/// </summary>
/// <remarks>
/// The analyzers and the generator compile this file too (netstandard2.0, with <c>A2AGEN_DATALOG_SYNTAX</c> and the
/// syntax-only model of <c>src/Common/Datalog</c>), so <c>[RequiresBiscuit]</c> policies are checked at compile time by
/// exactly this grammar. Keep it to APIs netstandard2.0 has.
/// </remarks>
#if A2AGEN_DATALOG_SYNTAX
internal
#else
public
#endif
static class DatalogParser
{
    /// <summary>Parses a whole source (a block's or an authorizer's).</summary>
    /// <exception cref="DatalogParseException">The text is invalid.</exception>
    public static DatalogSource ParseSource(string text) => new Reader(text ?? throw new ArgumentNullException(nameof(text))).Source(allowPolicies: true);

    /// <summary>Parses a block's source: like <see cref="ParseSource"/> but policies are refused.</summary>
    /// <exception cref="DatalogParseException">The text is invalid.</exception>
    public static DatalogSource ParseBlock(string text) => new Reader(text ?? throw new ArgumentNullException(nameof(text))).Source(allowPolicies: false);

    /// <summary>Parses one fact.</summary>
    /// <exception cref="DatalogParseException">The text is invalid.</exception>
    public static Fact ParseFact(string text) => Single(text, r => r.FactOrRule() as Fact, "a fact");

    /// <summary>Parses one rule.</summary>
    /// <exception cref="DatalogParseException">The text is invalid.</exception>
    public static Rule ParseRule(string text) => Single(text, r => r.FactOrRule() as Rule, "a rule");

    /// <summary>Parses one check.</summary>
    /// <exception cref="DatalogParseException">The text is invalid.</exception>
    public static Check ParseCheck(string text) => Single(text, r => r.CheckOrNull(), "a check");

    /// <summary>Parses one policy.</summary>
    /// <exception cref="DatalogParseException">The text is invalid.</exception>
    public static Policy ParsePolicy(string text) => Single(text, r => r.PolicyOrNull(), "a policy");

    /// <summary>Parses a single term (a value: no variables unless in a set... never).</summary>
    /// <exception cref="DatalogParseException">The text is invalid.</exception>
    public static Term ParseTerm(string text) => Single(text, r => r.Term(allowVariable: true), "a term");

    private static T Single<T>(string text, Func<Reader, T?> parse, string what)
        where T : class
    {
        var reader = new Reader(text ?? throw new ArgumentNullException(nameof(text)));
        reader.Skip();
        var start = reader.Position;
        var result = parse(reader) ?? throw reader.Error($"expected {what}", start);
        reader.Skip();
        reader.TryConsume(";");
        reader.Skip();
        return reader.AtEnd ? result : throw reader.Error("unexpected text after " + what);
    }

    private sealed class Reader(string text)
    {
        // Nesting (parentheses, closures, arrays, sets, maps) deeper than this is refused rather than risking the stack.
        private const int MaxDepth = 64;
        private static readonly Predicate QueryHead = new("query", ImmutableArray<Term>.Empty);
        private int position;
        private int depth;

        public int Position => position;

        public bool AtEnd => position >= text.Length;

        private char Current => position < text.Length ? text[position] : '\0';

        public DatalogParseException Error(string reason, int? at = null) => new(reason, text, at ?? position);

        public DatalogSource Source(bool allowPolicies)
        {
            var facts = ImmutableArray.CreateBuilder<Fact>();
            var rules = ImmutableArray.CreateBuilder<Rule>();
            var checks = ImmutableArray.CreateBuilder<Check>();
            var policies = ImmutableArray.CreateBuilder<Policy>();
            var scopes = ImmutableArray<Scope>.Empty;
            Skip();
            if (PeekWord("trusting"))
            {
                scopes = Scopes();
                Skip();
                Expect(";");
            }

            while (true)
            {
                Skip();
                if (AtEnd)
                {
                    break;
                }

                var start = position;
                if (CheckOrNull() is { } check)
                {
                    checks.Add(check);
                }
                else if (PolicyOrNull() is { } policy)
                {
                    if (!allowPolicies)
                    {
                        throw Error("policies (allow if / deny if) are only allowed in an authorizer", start);
                    }

                    policies.Add(policy);
                }
                else
                {
                    switch (FactOrRule())
                    {
                        case Fact f:
                            facts.Add(f);
                            break;
                        case Rule r:
                            rules.Add(r);
                            break;
                    }
                }

                Skip();
                if (!AtEnd)
                {
                    Expect(";");
                }
            }

            return new DatalogSource(facts.ToImmutable(), rules.ToImmutable(), checks.ToImmutable(), policies.ToImmutable(), scopes);
        }

        public Check? CheckOrNull()
        {
            CheckKind kind;
            if (TryKeywords("check", "if"))
            {
                kind = CheckKind.One;
            }
            else if (TryKeywords("check", "all"))
            {
                kind = CheckKind.All;
            }
            else if (TryKeywords("reject", "if"))
            {
                kind = CheckKind.Reject;
            }
            else
            {
                return null;
            }

            return new Check(kind, Queries());
        }

        public Policy? PolicyOrNull()
        {
            PolicyKind kind;
            if (TryKeywords("allow", "if"))
            {
                kind = PolicyKind.Allow;
            }
            else if (TryKeywords("deny", "if"))
            {
                kind = PolicyKind.Deny;
            }
            else
            {
                return null;
            }

            return new Policy(kind, Queries());
        }

        public object FactOrRule()
        {
            var start = position;
            var head = Predicate(allowVariables: true) ?? throw Error("expected a fact, rule, check or policy");
            Skip();
            if (TryConsume("<-"))
            {
                var rule = Body(head);
                var unbound = rule.UnboundHeadVariables();
                if (unbound.Count > 0)
                {
                    throw Error("rule head contains variables that are not used in predicates of the rule's body: " + string.Join(", ", unbound.Select(v => "$" + v)), start);
                }

                return rule;
            }

            if (head.Terms.Any(t => t.ContainsVariable))
            {
                throw Error("variables are not allowed in facts", start);
            }

            return new Fact(head, trusted: true);
        }

        private ImmutableArray<Rule> Queries()
        {
            var queries = ImmutableArray.CreateBuilder<Rule>();
            queries.Add(Body(QueryHead));
            while (true)
            {
                var save = position;
                Skip();
                if (TryWord("or"))
                {
                    queries.Add(Body(QueryHead));
                }
                else
                {
                    position = save;
                    break;
                }
            }

            return queries.ToImmutable();
        }

        private Rule Body(Predicate head)
        {
            var body = ImmutableArray.CreateBuilder<Predicate>();
            var expressions = ImmutableArray.CreateBuilder<Expression>();
            do
            {
                Skip();
                var save = position;
                if (Predicate(allowVariables: true) is { } p)
                {
                    body.Add(p);
                }
                else
                {
                    position = save;
                    var ops = ImmutableArray.CreateBuilder<Op>();
                    Expr().Emit(ops);
                    expressions.Add(new Expression(ops.ToImmutable()));
                }

                Skip();
            }
            while (TryConsume(","));

            var scopes = ImmutableArray<Scope>.Empty;
            var beforeScopes = position;
            Skip();
            if (PeekWord("trusting"))
            {
                scopes = Scopes();
            }
            else
            {
                position = beforeScopes;
            }

            return new Rule(head, body.ToImmutable(), expressions.ToImmutable(), scopes);
        }

        private ImmutableArray<Scope> Scopes()
        {
            TryWord("trusting");
            var scopes = ImmutableArray.CreateBuilder<Scope>();
            do
            {
                Skip();
                var start = position;
                if (TryWord("authority"))
                {
                    scopes.Add(Scope.Authority);
                }
                else if (TryWord("previous"))
                {
                    scopes.Add(Scope.Previous);
                }
                else
                {
                    var token = ReadWhile(c => Ascii.IsLetterOrDigit(c) || c == '/' || c == '_');
                    if (!BiscuitPublicKey.TryParse(token, out var key))
                    {
                        throw Error("expected authority, previous, or a public key (ed25519/<hex> or secp256r1/<hex>)", start);
                    }

                    scopes.Add(Scope.PublicKey(key));
                }

                Skip();
            }
            while (TryConsume(","));

            return scopes.ToImmutable();
        }

        private Predicate? Predicate(bool allowVariables)
        {
            var start = position;
            if (!IsNameStart(Current))
            {
                return null;
            }

            var name = Name();
            SkipSpaces();
            if (!TryConsume("("))
            {
                position = start;
                return null;
            }

            var terms = ImmutableArray.CreateBuilder<Term>();
            Skip();
            if (!TryConsume(")"))
            {
                do
                {
                    Skip();
                    terms.Add(Term(allowVariables));
                    Skip();
                }
                while (TryConsume(","));

                Expect(")");
            }

            return new Predicate(name, terms.ToImmutable());
        }

        public Term Term(bool allowVariable)
        {
            Enter();
            try
            {
                return TermCore(allowVariable);
            }
            finally
            {
                depth--;
            }
        }

        private void Enter()
        {
            if (++depth > MaxDepth)
            {
                throw Error($"nesting deeper than {MaxDepth} levels");
            }
        }

        private Term TermCore(bool allowVariable)
        {
            Skip();
            var start = position;
            var c = Current;
            if (c == '$')
            {
                if (!allowVariable)
                {
                    throw Error("variables are not allowed here");
                }

                position++;
                if (!IsNameChar(Current))
                {
                    throw Error("expected a variable name");
                }

                return Datalog.Term.Variable(Name());
            }

            if (c == '"')
            {
                return Datalog.Term.String(StringLiteral());
            }

            if (StartsWith("hex:"))
            {
                position += 4;
                var hex = ReadWhile(Ascii.IsHexDigit);
                if (hex.Length % 2 != 0)
                {
                    throw Error("invalid hex bytes", start);
                }

                return Datalog.Term.Bytes(Ascii.FromHex(hex));
            }

            if (Ascii.IsDigit(c) || (c == '-' && Ascii.IsDigit(Peek(1))))
            {
                return DateOrInteger();
            }

            if (TryWord("true"))
            {
                return Datalog.Term.True;
            }

            if (TryWord("false"))
            {
                return Datalog.Term.False;
            }

            if (TryWord("null"))
            {
                return Datalog.Term.Null;
            }

            if (c == '[')
            {
                position++;
                var values = new List<Term>();
                Skip();
                if (!TryConsume("]"))
                {
                    do
                    {
                        values.Add(Term(allowVariable: false));
                        Skip();
                    }
                    while (TryConsume(","));

                    Expect("]");
                }

                return Datalog.Term.Array(values);
            }

            if (c == '{')
            {
                return SetOrMap();
            }

            throw Error("expected a term");
        }

        private Term SetOrMap()
        {
            var start = position;
            position++;
            Skip();
            if (TryConsume(","))
            {
                Skip();
                Expect("}");
                return Datalog.Term.Set([]);
            }

            if (TryConsume("}"))
            {
                return Datalog.Term.Map([]);
            }

            var first = Term(allowVariable: false);
            Skip();
            if (Current == ':')
            {
                var entries = new List<KeyValuePair<MapKey, Term>>();
                var key = first;
                while (true)
                {
                    var mapKey = key switch
                    {
                        StringTerm s => MapKey.Of(s.Value),
                        IntegerTerm i => MapKey.Of(i.Value),
                        _ => throw Error("map keys must be strings or integers", start),
                    };
                    Skip();
                    Expect(":");
                    var value = Term(allowVariable: false);
                    entries.Add(new(mapKey, value));
                    Skip();
                    if (!TryConsume(","))
                    {
                        break;
                    }

                    key = Term(allowVariable: false);
                }

                Skip();
                Expect("}");
                return Datalog.Term.Map(entries);
            }

            var elements = new List<Term> { first };
            while (TryConsume(","))
            {
                elements.Add(Term(allowVariable: false));
                Skip();
            }

            Expect("}");
            if (elements.Any(e => e is SetTerm))
            {
                throw Error("sets cannot contain other sets", start);
            }

            if (elements.Select(e => e.Kind).Distinct().Count() > 1)
            {
                throw Error("set elements must have the same type", start);
            }

            return Datalog.Term.Set(elements);
        }

        private Term DateOrInteger()
        {
            var start = position;
            var digitsEnd = position + (Current == '-' ? 1 : 0);
            while (digitsEnd < text.Length && Ascii.IsDigit(text[digitsEnd]))
            {
                digitsEnd++;
            }

            if (digitsEnd < text.Length && text[digitsEnd] == '-' && Current != '-')
            {
                var token = ReadWhile(ch => ch is not (',' or ' ' or ')' or ']' or ';' or '}' or '\t' or '\n' or '\r'));
                if (!DateTimeOffset.TryParseExact(token, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFFFK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    || date.ToUnixTimeSeconds() < 0)
                {
                    throw Error("invalid date (expected RFC 3339, e.g. 2025-01-31T12:00:00Z)", start);
                }

                return Datalog.Term.Date((ulong)date.ToUnixTimeSeconds());
            }

            var number = text.Substring(start, digitsEnd - start);
            position = digitsEnd;
            return long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? Datalog.Term.Integer(value)
                : throw Error("integer out of range (64-bit signed)", start);
        }

        private string StringLiteral()
        {
            var start = position;
            position++;
            var b = new System.Text.StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    throw Error("unterminated string", start);
                }

                var c = text[position++];
                if (c == '"')
                {
                    return b.ToString();
                }

                if (c == '\\')
                {
                    if (AtEnd)
                    {
                        throw Error("unterminated string", start);
                    }

                    var e = text[position++];
                    b.Append(e switch
                    {
                        '\\' => '\\',
                        '"' => '"',
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        _ => throw Error("invalid escape in string (\\\\, \\\", \\n, \\t, \\r are allowed)", position - 2),
                    });
                    continue;
                }

                if (char.IsSurrogate(c))
                {
                    if (!char.IsHighSurrogate(c) || AtEnd || !char.IsLowSurrogate(text[position]))
                    {
                        throw Error("invalid UTF-16 (lone surrogate) in string", position - 1);
                    }

                    b.Append(c).Append(text[position++]);
                    continue;
                }

                b.Append(c);
            }
        }

        // Expressions, by precedence (loosest first): ||, &&, comparisons (not associative), ^, |, &, + -, * /, !, methods.
        private Node Expr()
        {
            Enter();
            try
            {
                return LeftAssoc(Expr1, () => TryOperator("||") ? BinaryKind.LazyOr : null);
            }
            finally
            {
                depth--;
            }
        }

        private Node Expr1() => LeftAssoc(Expr2, () => TryOperator("&&") ? BinaryKind.LazyAnd : null);

        private Node Expr2()
        {
            var left = Expr3();
            var save = position;
            Skip();
            BinaryKind? op =
                TryOperator("===") ? BinaryKind.Equal :
                TryOperator("!==") ? BinaryKind.NotEqual :
                TryOperator("==") ? BinaryKind.HeterogeneousEqual :
                TryOperator("!=") ? BinaryKind.HeterogeneousNotEqual :
                TryOperator("<=") ? BinaryKind.LessOrEqual :
                TryOperator(">=") ? BinaryKind.GreaterOrEqual :
                TryOperator("<") ? BinaryKind.LessThan :
                TryOperator(">") ? BinaryKind.GreaterThan : null;
            if (op is null)
            {
                position = save;
                return left;
            }

            return new Node.Binary(op.Value, left, Expr3());
        }

        private Node Expr3() => LeftAssoc(Expr4, () => TryOperator("^") ? BinaryKind.BitwiseXor : null);

        private Node Expr4() => LeftAssoc(Expr5, () => !StartsWith("||") && TryOperator("|") ? BinaryKind.BitwiseOr : null);

        private Node Expr5() => LeftAssoc(Expr6, () => !StartsWith("&&") && TryOperator("&") ? BinaryKind.BitwiseAnd : null);

        private Node Expr6() => LeftAssoc(Expr7, () => TryOperator("+") ? BinaryKind.Add : !StartsWith("->") && TryOperator("-") ? BinaryKind.Sub : null);

        private Node Expr7() => LeftAssoc(Expr8, () => !StartsWith("//") && !StartsWith("/*") && TryOperator("/") ? BinaryKind.Div : TryOperator("*") ? BinaryKind.Mul : null);

        private Node Expr8()
        {
            Skip();
            if (Current == '!' && Peek(1) != '=')
            {
                position++;
                Skip();
                Enter();
                try
                {
                    return new Node.Unary(UnaryKind.Negate, null, Expr6());
                }
                finally
                {
                    depth--;
                }
            }

            return Expr9();
        }

        private Node Expr9()
        {
            Skip();
            Node node;
            if (TryConsume("("))
            {
                var inner = Expr();
                Skip();
                Expect(")");
                node = new Node.Unary(UnaryKind.Parens, null, inner);
            }
            else
            {
                node = new Node.Value(Term(allowVariable: true));
            }

            while (Current == '.' )
            {
                position++;
                var start = position;
                var method = ReadWhile(c => Ascii.IsLetterOrDigit(c) || c == '_' || c == ':');
                string? externName = null;
                if (method.StartsWith("extern::", StringComparison.Ordinal))
                {
                    externName = method.Substring("extern::".Length);
                    if (externName.Length == 0 || !IsNameStart(externName[0]))
                    {
                        throw Error("invalid external function name", start);
                    }
                }

                Expect("(");
                Skip();
                if (method is "length" or "type" || (externName is not null && Current == ')'))
                {
                    Expect(")");
                    node = new Node.Unary(method switch { "length" => UnaryKind.Length, "type" => UnaryKind.TypeOf, _ => UnaryKind.Extern }, externName, node);
                    continue;
                }

                BinaryKind kind = method switch
                {
                    "contains" => BinaryKind.Contains,
                    "starts_with" => BinaryKind.Prefix,
                    "ends_with" => BinaryKind.Suffix,
                    "matches" => BinaryKind.Regex,
                    "intersection" => BinaryKind.Intersection,
                    "union" => BinaryKind.Union,
                    "all" => BinaryKind.All,
                    "any" => BinaryKind.Any,
                    "get" => BinaryKind.Get,
                    "try_or" => BinaryKind.TryOr,
                    _ when externName is not null => BinaryKind.Extern,
                    _ => throw Error($"unknown method .{method}()", start),
                };

                if (kind is BinaryKind.All or BinaryKind.Any)
                {
                    Expect("$");
                    var param = Name();
                    Skip();
                    Expect("->");
                    var body = Expr();
                    Skip();
                    Expect(")");
                    node = new Node.Binary(kind, node, new Node.Closure([param], body));
                    continue;
                }

                var argument = Expr();
                Skip();
                Expect(")");
                node = kind == BinaryKind.TryOr
                    ? new Node.Binary(kind, new Node.Closure([], node), argument)
                    : new Node.Binary(kind, node, argument, externName);
            }

            return node;
        }

        private Node LeftAssoc(Func<Node> operand, Func<BinaryKind?> op)
        {
            var left = operand();
            while (true)
            {
                var save = position;
                Skip();
                var kind = op();
                if (kind is null)
                {
                    position = save;
                    return left;
                }

                var right = operand();
                left = kind is BinaryKind.LazyAnd or BinaryKind.LazyOr
                    ? new Node.Binary(kind.Value, left, new Node.Closure([], right))
                    : new Node.Binary(kind.Value, left, right);
            }
        }

        private bool TryOperator(string op) => TryConsume(op);

        private string Name()
        {
            var start = position;
            while (!AtEnd && IsNameChar(Current))
            {
                position++;
            }

            return text.Substring(start, position - start);
        }

        private static bool IsNameStart(char c) => char.IsLetter(c);

        private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is '_' or ':';

        private string ReadWhile(Func<char, bool> predicate)
        {
            var start = position;
            while (!AtEnd && predicate(Current))
            {
                position++;
            }

            return text.Substring(start, position - start);
        }

        private char Peek(int ahead) => position + ahead < text.Length ? text[position + ahead] : '\0';

        private bool StartsWith(string s) => string.CompareOrdinal(text, position, s, 0, s.Length) == 0;

        public bool TryConsume(string s)
        {
            if (StartsWith(s))
            {
                position += s.Length;
                return true;
            }

            return false;
        }

        private void Expect(string s)
        {
            if (!TryConsume(s))
            {
                throw Error(AtEnd ? $"expected '{s}' but the text ended" : $"expected '{s}'");
            }
        }

        private bool PeekWord(string word) =>
            StartsWith(word) && (position + word.Length >= text.Length || !IsNameChar(text[position + word.Length]));

        private bool TryWord(string word)
        {
            if (PeekWord(word))
            {
                position += word.Length;
                return true;
            }

            return false;
        }

        private bool TryKeywords(string first, string second)
        {
            var save = position;
            if (TryWord(first))
            {
                var afterFirst = position;
                Skip();
                if (position > afterFirst && TryWord(second))
                {
                    return true;
                }
            }

            position = save;
            return false;
        }

        private void SkipSpaces()
        {
            while (Current is ' ' or '\t')
            {
                position++;
            }
        }

        public void Skip()
        {
            while (!AtEnd)
            {
                var c = Current;
                if (char.IsWhiteSpace(c))
                {
                    position++;
                }
                else if (StartsWith("//"))
                {
                    while (!AtEnd && Current != '\n')
                    {
                        position++;
                    }
                }
                else if (StartsWith("/*"))
                {
                    var end = text.IndexOf("*/", position + 2, StringComparison.Ordinal);
                    if (end < 0)
                    {
                        throw Error("unterminated comment");
                    }

                    position = end + 2;
                }
                else
                {
                    return;
                }
            }
        }
    }

    private abstract record Node
    {
        public abstract void Emit(ImmutableArray<Op>.Builder ops);

        public sealed record Value(Term Term) : Node
        {
            public override void Emit(ImmutableArray<Op>.Builder ops) => ops.Add(new ValueOp(Term));
        }

        public sealed record Unary(UnaryKind Kind, string? ExternName, Node Operand) : Node
        {
            public override void Emit(ImmutableArray<Op>.Builder ops)
            {
                Operand.Emit(ops);
                ops.Add(new UnaryOp(Kind, ExternName));
            }
        }

        public sealed record Binary(BinaryKind Kind, Node Left, Node Right, string? ExternName = null) : Node
        {
            public override void Emit(ImmutableArray<Op>.Builder ops)
            {
                Left.Emit(ops);
                Right.Emit(ops);
                ops.Add(new BinaryOp(Kind, ExternName));
            }
        }

        public sealed record Closure(ImmutableArray<string> Parameters, Node Body) : Node
        {
            public override void Emit(ImmutableArray<Op>.Builder ops)
            {
                var inner = ImmutableArray.CreateBuilder<Op>();
                Body.Emit(inner);
                ops.Add(new ClosureOp(Parameters, inner.ToImmutable()));
            }
        }
    }

    /// <summary>ASCII character classes and hex decoding, spelled out because netstandard2.0 (the analyzers' build) lacks <c>char.IsAscii*</c> and <c>Convert.FromHexString</c>.</summary>
    private static class Ascii
    {
        public static bool IsDigit(char c) => c is >= '0' and <= '9';

        public static bool IsHexDigit(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'f') or (>= 'A' and <= 'F');

        public static bool IsLetterOrDigit(char c) => c is (>= '0' and <= '9') or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

        public static byte[] FromHex(string hex)
        {
            var bytes = new byte[hex.Length / 2];
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)((Value(hex[2 * i]) << 4) | Value(hex[(2 * i) + 1]));
            }

            return bytes;
        }

        private static int Value(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }
}
