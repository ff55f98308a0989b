using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;

namespace A2AGen.Biscuit.Datalog;

/// <summary>Unary operations (values as in <c>schema.proto</c>).</summary>
public enum UnaryKind
{
    /// <summary><c>!x</c>.</summary>
    Negate = 0,
    /// <summary><c>(x)</c>: no-op, kept for printing.</summary>
    Parens = 1,
    /// <summary><c>x.length()</c>: UTF-8 bytes for strings, elements otherwise.</summary>
    Length = 2,
    /// <summary><c>x.type()</c> (v3.3).</summary>
    TypeOf = 3,
    /// <summary><c>x.extern::name()</c> (v3.3).</summary>
    Extern = 4,
}

/// <summary>Binary operations (values as in <c>schema.proto</c>).</summary>
public enum BinaryKind
{
    /// <summary><c>&lt;</c></summary>
    LessThan = 0,
    /// <summary><c>&gt;</c></summary>
    GreaterThan = 1,
    /// <summary><c>&lt;=</c></summary>
    LessOrEqual = 2,
    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual = 3,
    /// <summary><c>===</c>: strict equality, a type error across types.</summary>
    Equal = 4,
    /// <summary><c>.contains()</c></summary>
    Contains = 5,
    /// <summary><c>.starts_with()</c></summary>
    Prefix = 6,
    /// <summary><c>.ends_with()</c></summary>
    Suffix = 7,
    /// <summary><c>.matches()</c></summary>
    Regex = 8,
    /// <summary><c>+</c></summary>
    Add = 9,
    /// <summary><c>-</c></summary>
    Sub = 10,
    /// <summary><c>*</c></summary>
    Mul = 11,
    /// <summary><c>/</c></summary>
    Div = 12,
    /// <summary>Eager <c>&amp;&amp;</c> (printed <c>&amp;&amp;!</c>).</summary>
    And = 13,
    /// <summary>Eager <c>||</c> (printed <c>||!</c>).</summary>
    Or = 14,
    /// <summary><c>.intersection()</c></summary>
    Intersection = 15,
    /// <summary><c>.union()</c></summary>
    Union = 16,
    /// <summary><c>&amp;</c> (v3.1)</summary>
    BitwiseAnd = 17,
    /// <summary><c>|</c> (v3.1)</summary>
    BitwiseOr = 18,
    /// <summary><c>^</c> (v3.1)</summary>
    BitwiseXor = 19,
    /// <summary><c>!==</c> (v3.1)</summary>
    NotEqual = 20,
    /// <summary><c>==</c>: lenient equality, false across types (v3.3).</summary>
    HeterogeneousEqual = 21,
    /// <summary><c>!=</c>: lenient inequality (v3.3).</summary>
    HeterogeneousNotEqual = 22,
    /// <summary>Short-circuiting <c>&amp;&amp;</c> (v3.3).</summary>
    LazyAnd = 23,
    /// <summary>Short-circuiting <c>||</c> (v3.3).</summary>
    LazyOr = 24,
    /// <summary><c>.all($x -&gt; ...)</c> (v3.3).</summary>
    All = 25,
    /// <summary><c>.any($x -&gt; ...)</c> (v3.3).</summary>
    Any = 26,
    /// <summary><c>.get()</c> (v3.3).</summary>
    Get = 27,
    /// <summary><c>x.extern::name(y)</c> (v3.3).</summary>
    Extern = 28,
    /// <summary><c>x.try_or(y)</c> (v3.3).</summary>
    TryOr = 29,
}

/// <summary>One opcode of an expression's stack program.</summary>
public abstract class Op
{
    private protected Op()
    {
    }
}

/// <summary>Pushes a value (or a variable's value).</summary>
public sealed class ValueOp(Term value) : Op
{
    /// <summary>The value.</summary>
    public Term Value { get; } = value ?? throw new ArgumentNullException(nameof(value));
}

/// <summary>Applies a unary operation.</summary>
public sealed class UnaryOp(UnaryKind kind, string? externName = null) : Op
{
    /// <summary>The operation.</summary>
    public UnaryKind Kind { get; } = kind;

    /// <summary>The external function name for <see cref="UnaryKind.Extern"/>.</summary>
    public string? ExternName { get; } = externName;
}

/// <summary>Applies a binary operation.</summary>
public sealed class BinaryOp(BinaryKind kind, string? externName = null) : Op
{
    /// <summary>The operation.</summary>
    public BinaryKind Kind { get; } = kind;

    /// <summary>The external function name for <see cref="BinaryKind.Extern"/>.</summary>
    public string? ExternName { get; } = externName;
}

/// <summary>Pushes a closure (v3.3): parameters and a body.</summary>
public sealed class ClosureOp(ImmutableArray<string> parameters, ImmutableArray<Op> ops) : Op
{
    /// <summary>Parameter names (without <c>$</c>).</summary>
    public ImmutableArray<string> Parameters { get; } = parameters.IsDefault ? [] : parameters;

    /// <summary>The body.</summary>
    public ImmutableArray<Op> Ops { get; } = ops.IsDefault ? [] : ops;
}

/// <summary>Why an expression failed to evaluate.</summary>
public enum ExpressionError
{
    /// <summary>A variable had no value.</summary>
    UnknownVariable,
    /// <summary>An operation was applied to values of the wrong type (or the result was not a boolean).</summary>
    InvalidType,
    /// <summary>Integer overflow.</summary>
    Overflow,
    /// <summary>Division by zero.</summary>
    DivideByZero,
    /// <summary>The opcodes do not form a valid program.</summary>
    InvalidStack,
    /// <summary>A closure parameter shadows a variable in scope.</summary>
    ShadowedVariable,
    /// <summary>An external function is not registered.</summary>
    UndefinedExtern,
    /// <summary>An external function reported an error.</summary>
    ExternEvalError,
}

/// <summary>An expression failed: the Datalog evaluation stops with this error.</summary>
public sealed class DatalogExpressionException(ExpressionError error, string message) : Exception(message)
{
    /// <summary>The error.</summary>
    public ExpressionError Error { get; } = error;
}

/// <summary>
/// An external function (v3.3 <c>extern::name</c>): receives the left operand and, for the binary form, the right
/// one. Throw <see cref="ArgumentException"/> or <see cref="InvalidOperationException"/> to report an error.
/// </summary>
public delegate Term ExternalFunction(Term left, Term? right);

/// <summary>An expression: a stack program that must leave exactly one boolean.</summary>
public sealed class Expression(ImmutableArray<Op> ops)
{
    private static readonly ConcurrentDictionary<string, Regex?> RegexCache = new(StringComparer.Ordinal);

    /// <summary>The opcodes.</summary>
    public ImmutableArray<Op> Ops { get; } = ops.IsDefault ? [] : ops;

    /// <inheritdoc />
    public override string ToString() => DatalogPrinter.Print(this);

    /// <summary>Evaluates with the given variable values.</summary>
    /// <exception cref="DatalogExpressionException">The evaluation failed.</exception>
    public Term Evaluate(IReadOnlyDictionary<string, Term> variables, IReadOnlyDictionary<string, ExternalFunction>? externs = null)
    {
        var values = new Dictionary<string, Term>(variables, StringComparer.Ordinal);
        return Evaluate(Ops, values, externs);
    }

    internal static Term Evaluate(ImmutableArray<Op> ops, Dictionary<string, Term> values, IReadOnlyDictionary<string, ExternalFunction>? externs)
    {
        // A stack of terms and closures; closures are rare, so they ride in a parallel array.
        var stack = new List<object>(4);
        foreach (var op in ops)
        {
            switch (op)
            {
                case ValueOp { Value: VariableTerm v }:
                    if (!values.TryGetValue(v.Name, out var bound))
                    {
                        throw new DatalogExpressionException(ExpressionError.UnknownVariable, $"unknown variable ${v.Name}");
                    }

                    stack.Add(bound);
                    break;
                case ValueOp value:
                    stack.Add(value.Value);
                    break;
                case UnaryOp unary:
                    if (stack.Count < 1 || stack[^1] is not Term operand)
                    {
                        throw new DatalogExpressionException(ExpressionError.InvalidStack, "invalid expression stack");
                    }

                    stack[^1] = EvaluateUnary(unary, operand, externs);
                    break;
                case BinaryOp binary:
                {
                    if (stack.Count < 2)
                    {
                        throw new DatalogExpressionException(ExpressionError.InvalidStack, "invalid expression stack");
                    }

                    var right = stack[^1];
                    var left = stack[^2];
                    stack.RemoveRange(stack.Count - 2, 2);
                    stack.Add((left, right) switch
                    {
                        (Term l, Term r) => EvaluateBinary(binary, l, r, externs),
                        (Term l, ClosureOp c) => EvaluateWithClosure(binary.Kind, l, c, values, externs),
                        (ClosureOp c, Term r) => EvaluateWithClosure(binary.Kind, r, c, values, externs),
                        _ => throw new DatalogExpressionException(ExpressionError.InvalidStack, "invalid expression stack"),
                    });
                    break;
                }

                case ClosureOp closure:
                    stack.Add(closure);
                    break;
                default:
                    throw new DatalogExpressionException(ExpressionError.InvalidStack, "invalid expression stack");
            }
        }

        return stack.Count == 1 && stack[0] is Term result
            ? result
            : throw new DatalogExpressionException(ExpressionError.InvalidStack, "invalid expression stack");
    }

    private static Term EvaluateWithClosure(BinaryKind kind, Term left, ClosureOp closure, Dictionary<string, Term> values, IReadOnlyDictionary<string, ExternalFunction>? externs)
    {
        foreach (var p in closure.Parameters)
        {
            if (values.ContainsKey(p))
            {
                throw new DatalogExpressionException(ExpressionError.ShadowedVariable, $"closure parameter ${p} shadows a variable");
            }
        }

        switch (kind, left, closure.Parameters.Length)
        {
            case (BinaryKind.TryOr, _, 0):
                try
                {
                    return Evaluate(closure.Ops, values, externs);
                }
                catch (DatalogExpressionException)
                {
                    return left;
                }

            case (BinaryKind.LazyOr, BoolTerm { Value: true }, 0):
                return Term.True;
            case (BinaryKind.LazyOr, BoolTerm { Value: false }, 0):
                return Evaluate(closure.Ops, values, externs);
            case (BinaryKind.LazyAnd, BoolTerm { Value: false }, 0):
                return Term.False;
            case (BinaryKind.LazyAnd, BoolTerm { Value: true }, 0):
                return Evaluate(closure.Ops, values, externs);
            case (BinaryKind.All or BinaryKind.Any, SetTerm or ArrayTerm or MapTerm, 1):
            {
                var param = closure.Parameters[0];
                var any = kind == BinaryKind.Any;
                foreach (var element in Elements(left))
                {
                    values[param] = element;
                    Term result;
                    try
                    {
                        result = Evaluate(closure.Ops, values, externs);
                    }
                    finally
                    {
                        values.Remove(param);
                    }

                    switch (result)
                    {
                        case BoolTerm { Value: var b } when b == any:
                            return Term.Bool(any);
                        case BoolTerm:
                            break;
                        default:
                            throw InvalidType();
                    }
                }

                return Term.Bool(!any);
            }

            default:
                throw InvalidType();
        }
    }

    private static IEnumerable<Term> Elements(Term collection) => collection switch
    {
        SetTerm s => s.Values,
        ArrayTerm a => a.Values,
        MapTerm m => m.Entries.Select(e => Term.Array([e.Key.ToTerm(), e.Value])),
        _ => [],
    };

    private static DatalogExpressionException InvalidType() => new(ExpressionError.InvalidType, "invalid type");

    private static Term EvaluateUnary(UnaryOp op, Term value, IReadOnlyDictionary<string, ExternalFunction>? externs) =>
        (op.Kind, value) switch
        {
            (UnaryKind.Negate, BoolTerm b) => Term.Bool(!b.Value),
            (UnaryKind.Parens, _) => value,
            (UnaryKind.Length, StringTerm s) => Term.Integer(Encoding.UTF8.GetByteCount(s.Value)),
            (UnaryKind.Length, BytesTerm b) => Term.Integer(b.Value.Length),
            (UnaryKind.Length, SetTerm s) => Term.Integer(s.Values.Length),
            (UnaryKind.Length, ArrayTerm a) => Term.Integer(a.Values.Length),
            (UnaryKind.Length, MapTerm m) => Term.Integer(m.Entries.Length),
            (UnaryKind.TypeOf, VariableTerm) => throw InvalidType(),
            (UnaryKind.TypeOf, _) => Term.String(TypeName(value.Kind)),
            (UnaryKind.Extern, _) => CallExtern(op.ExternName, value, null, externs),
            _ => throw InvalidType(),
        };

    internal static string TypeName(TermKind kind) => kind switch
    {
        TermKind.Integer => "integer",
        TermKind.String => "string",
        TermKind.Date => "date",
        TermKind.Bytes => "bytes",
        TermKind.Bool => "bool",
        TermKind.Set => "set",
        TermKind.Null => "null",
        TermKind.Array => "array",
        TermKind.Map => "map",
        _ => "variable",
    };

    private static Term CallExtern(string? name, Term left, Term? right, IReadOnlyDictionary<string, ExternalFunction>? externs)
    {
        if (name is null || externs is null || !externs.TryGetValue(name, out var function))
        {
            throw new DatalogExpressionException(ExpressionError.UndefinedExtern, $"undefined external function {name}");
        }

        try
        {
            return function(left, right) ?? throw new InvalidOperationException("no result");
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new DatalogExpressionException(ExpressionError.ExternEvalError, $"external function {name} failed");
        }
    }

    private static Term EvaluateBinary(BinaryOp op, Term left, Term right, IReadOnlyDictionary<string, ExternalFunction>? externs)
    {
        var kind = op.Kind;
        switch (left, right)
        {
            case (IntegerTerm a, IntegerTerm b):
            {
                var i = a.Value;
                var j = b.Value;
                return kind switch
                {
                    BinaryKind.LessThan => Term.Bool(i < j),
                    BinaryKind.GreaterThan => Term.Bool(i > j),
                    BinaryKind.LessOrEqual => Term.Bool(i <= j),
                    BinaryKind.GreaterOrEqual => Term.Bool(i >= j),
                    BinaryKind.Equal or BinaryKind.HeterogeneousEqual => Term.Bool(i == j),
                    BinaryKind.NotEqual or BinaryKind.HeterogeneousNotEqual => Term.Bool(i != j),
                    BinaryKind.Add => Checked(() => checked(i + j)),
                    BinaryKind.Sub => Checked(() => checked(i - j)),
                    BinaryKind.Mul => Checked(() => checked(i * j)),
                    BinaryKind.Div => j == 0 || (i == long.MinValue && j == -1)
                        ? throw new DatalogExpressionException(ExpressionError.DivideByZero, "division by zero or overflow")
                        : Term.Integer(i / j),
                    BinaryKind.BitwiseAnd => Term.Integer(i & j),
                    BinaryKind.BitwiseOr => Term.Integer(i | j),
                    BinaryKind.BitwiseXor => Term.Integer(i ^ j),
                    _ => Fallback(op, left, right, externs),
                };
            }

            case (StringTerm a, StringTerm b):
            {
                var s = a.Value;
                var t = b.Value;
                return kind switch
                {
                    BinaryKind.Prefix => Term.Bool(s.StartsWith(t, StringComparison.Ordinal)),
                    BinaryKind.Suffix => Term.Bool(s.EndsWith(t, StringComparison.Ordinal)),
                    BinaryKind.Regex => Term.Bool(GetRegex(t)?.IsMatch(s) ?? false),
                    BinaryKind.Contains => Term.Bool(s.Contains(t, StringComparison.Ordinal)),
                    BinaryKind.Add => Term.String(s + t),
                    BinaryKind.Equal or BinaryKind.HeterogeneousEqual => Term.Bool(string.Equals(s, t, StringComparison.Ordinal)),
                    BinaryKind.NotEqual or BinaryKind.HeterogeneousNotEqual => Term.Bool(!string.Equals(s, t, StringComparison.Ordinal)),
                    _ => Fallback(op, left, right, externs),
                };
            }

            case (DateTerm a, DateTerm b):
            {
                var i = a.Seconds;
                var j = b.Seconds;
                return kind switch
                {
                    BinaryKind.LessThan => Term.Bool(i < j),
                    BinaryKind.GreaterThan => Term.Bool(i > j),
                    BinaryKind.LessOrEqual => Term.Bool(i <= j),
                    BinaryKind.GreaterOrEqual => Term.Bool(i >= j),
                    BinaryKind.Equal or BinaryKind.HeterogeneousEqual => Term.Bool(i == j),
                    BinaryKind.NotEqual or BinaryKind.HeterogeneousNotEqual => Term.Bool(i != j),
                    _ => Fallback(op, left, right, externs),
                };
            }

            case (BytesTerm a, BytesTerm b):
                return kind switch
                {
                    BinaryKind.Equal or BinaryKind.HeterogeneousEqual => Term.Bool(a.Equals(b)),
                    BinaryKind.NotEqual or BinaryKind.HeterogeneousNotEqual => Term.Bool(!a.Equals(b)),
                    _ => Fallback(op, left, right, externs),
                };
            case (SetTerm a, SetTerm b):
                return kind switch
                {
                    BinaryKind.Equal or BinaryKind.HeterogeneousEqual => Term.Bool(a.Equals(b)),
                    BinaryKind.NotEqual or BinaryKind.HeterogeneousNotEqual => Term.Bool(!a.Equals(b)),
                    BinaryKind.Intersection => Term.Set(a.Values.Where(b.Contains)),
                    BinaryKind.Union => Term.Set(a.Values.Concat(b.Values)),
                    BinaryKind.Contains => Term.Bool(b.Values.All(a.Contains)),
                    _ => Fallback(op, left, right, externs),
                };
            case (SetTerm a, IntegerTerm or DateTerm or BoolTerm or StringTerm or BytesTerm) when kind == BinaryKind.Contains:
                return Term.Bool(a.Contains(right));
            case (BoolTerm a, BoolTerm b):
                return kind switch
                {
                    BinaryKind.And => Term.Bool(a.Value & b.Value),
                    BinaryKind.Or => Term.Bool(a.Value | b.Value),
                    BinaryKind.Equal or BinaryKind.HeterogeneousEqual => Term.Bool(a.Value == b.Value),
                    BinaryKind.NotEqual or BinaryKind.HeterogeneousNotEqual => Term.Bool(a.Value != b.Value),
                    _ => Fallback(op, left, right, externs),
                };
            case (NullTerm, NullTerm):
                return kind switch
                {
                    BinaryKind.Equal or BinaryKind.HeterogeneousEqual => Term.True,
                    BinaryKind.NotEqual or BinaryKind.HeterogeneousNotEqual => Term.False,
                    _ => Fallback(op, left, right, externs),
                };
            case (NullTerm, _) or (_, NullTerm) when kind is BinaryKind.HeterogeneousEqual or BinaryKind.HeterogeneousNotEqual:
                return Term.Bool(kind == BinaryKind.HeterogeneousNotEqual);
            case (ArrayTerm a, ArrayTerm b) when kind is BinaryKind.Equal or BinaryKind.HeterogeneousEqual or BinaryKind.NotEqual or BinaryKind.HeterogeneousNotEqual or BinaryKind.Prefix or BinaryKind.Suffix:
                return kind switch
                {
                    BinaryKind.Equal or BinaryKind.HeterogeneousEqual => Term.Bool(a.Equals(b)),
                    BinaryKind.NotEqual or BinaryKind.HeterogeneousNotEqual => Term.Bool(!a.Equals(b)),
                    BinaryKind.Prefix => Term.Bool(a.Values.AsSpan().StartsWith(b.Values.AsSpan())),
                    _ => Term.Bool(a.Values.AsSpan().EndsWith(b.Values.AsSpan())),
                };
            case (ArrayTerm a, _) when kind == BinaryKind.Contains:
                return Term.Bool(a.Values.Contains(right));
            case (ArrayTerm a, IntegerTerm index) when kind == BinaryKind.Get:
                return index.Value >= 0 && index.Value < a.Values.Length ? a.Values[(int)index.Value] : Term.Null;
            case (MapTerm a, MapTerm b) when kind is BinaryKind.Equal or BinaryKind.HeterogeneousEqual or BinaryKind.NotEqual or BinaryKind.HeterogeneousNotEqual:
                return Term.Bool(a.Equals(b) == kind is BinaryKind.Equal or BinaryKind.HeterogeneousEqual);
            case (MapTerm a, _) when kind == BinaryKind.Contains:
                return Term.Bool(right switch
                {
                    IntegerTerm i => a.Get(MapKey.Of(i.Value)) is not null,
                    StringTerm s => a.Get(MapKey.Of(s.Value)) is not null,
                    _ => false,
                });
            case (MapTerm a, IntegerTerm i) when kind == BinaryKind.Get:
                return a.Get(MapKey.Of(i.Value)) ?? Term.Null;
            case (MapTerm a, StringTerm s) when kind == BinaryKind.Get:
                return a.Get(MapKey.Of(s.Value)) ?? Term.Null;
        }

        return Fallback(op, left, right, externs);
    }

    private static Term Fallback(BinaryOp op, Term left, Term right, IReadOnlyDictionary<string, ExternalFunction>? externs) => op.Kind switch
    {
        BinaryKind.HeterogeneousEqual => Term.False,
        BinaryKind.HeterogeneousNotEqual => Term.True,
        BinaryKind.Extern => CallExtern(op.ExternName, left, right, externs),
        _ => throw InvalidType(),
    };

    private static Term Checked(Func<long> operation)
    {
        try
        {
            return Term.Integer(operation());
        }
        catch (OverflowException)
        {
            throw new DatalogExpressionException(ExpressionError.Overflow, "integer overflow");
        }
    }

    private static Regex? GetRegex(string pattern) =>
        RegexCache.TryGetValue(pattern, out var cached) ? cached
        : RegexCache.Count < 1024 ? RegexCache.GetOrAdd(pattern, CreateRegex)
        : CreateRegex(pattern); // bounded cache: hostile tokens cannot grow it without limit

    private static Regex? CreateRegex(string p)
    {
        // Non-backtracking: linear time like the reference implementation's regex engine, so a hostile pattern cannot
        // stall the authorizer. A pattern the engine refuses evaluates to false, as in the reference implementation.
        try
        {
            return new Regex(p, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}
