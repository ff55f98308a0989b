using System.Globalization;
using System.Text;

namespace A2AGen.Biscuit.Datalog;

/// <summary>Prints Datalog back to text, in the reference implementation's layout (so printed rules compare as text).</summary>
public static class DatalogPrinter
{
    /// <summary>Prints a predicate.</summary>
    public static string Print(Predicate predicate)
    {
        var b = new StringBuilder();
        Write(b, predicate);
        return b.ToString();
    }

    /// <summary>Prints an expression.</summary>
    public static string Print(Expression expression) => PrintOps(expression.Ops) ?? "<invalid expression>";

    /// <summary>Prints a rule: <c>head &lt;- body</c>.</summary>
    public static string Print(Rule rule)
    {
        var b = new StringBuilder();
        Write(b, rule.Head);
        b.Append(" <- ");
        WriteBody(b, rule);
        return b.ToString();
    }

    /// <summary>Prints a check: <c>check if ...</c>, <c>check all ...</c> or <c>reject if ...</c>.</summary>
    public static string Print(Check check)
    {
        var b = new StringBuilder(check.Kind switch
        {
            CheckKind.All => "check all ",
            CheckKind.Reject => "reject if ",
            _ => "check if ",
        });
        WriteQueries(b, check.Queries);
        return b.ToString();
    }

    /// <summary>Prints a policy: <c>allow if ...</c> or <c>deny if ...</c>.</summary>
    public static string Print(Policy policy)
    {
        var b = new StringBuilder(policy.Kind == PolicyKind.Allow ? "allow if " : "deny if ");
        WriteQueries(b, policy.Queries);
        return b.ToString();
    }

    /// <summary>Prints a source: block scopes, facts, rules, checks and policies, one per line ending in <c>;</c>.</summary>
    public static string Print(DatalogSource source)
    {
        var b = new StringBuilder();
        if (!source.Scopes.IsEmpty)
        {
            b.Append("trusting ").AppendJoin(", ", source.Scopes.Select(s => s.ToString())).Append(";\n");
        }

        foreach (var f in source.Facts)
        {
            b.Append(f).Append(";\n");
        }

        foreach (var r in source.Rules)
        {
            b.Append(Print(r)).Append(";\n");
        }

        foreach (var c in source.Checks)
        {
            b.Append(Print(c)).Append(";\n");
        }

        foreach (var p in source.Policies)
        {
            b.Append(Print(p)).Append(";\n");
        }

        return b.ToString();
    }

    internal static void WriteString(StringBuilder b, string value)
    {
        b.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    b.Append("\\\"");
                    break;
                case '\\':
                    b.Append("\\\\");
                    break;
                case '\n':
                    b.Append("\\n");
                    break;
                default:
                    b.Append(c);
                    break;
            }
        }

        b.Append('"');
    }

    internal static void WriteDate(StringBuilder b, ulong seconds)
    {
        if (seconds > (ulong)DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            b.Append("<invalid date>");
            return;
        }

        b.Append(DateTimeOffset.FromUnixTimeSeconds((long)seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    private static void Write(StringBuilder b, Predicate p)
    {
        b.Append(p.Name).Append('(');
        for (var i = 0; i < p.Terms.Length; i++)
        {
            if (i > 0)
            {
                b.Append(", ");
            }

            p.Terms[i].Write(b);
        }

        b.Append(')');
    }

    private static void WriteQueries(StringBuilder b, IReadOnlyList<Rule> queries)
    {
        for (var i = 0; i < queries.Count; i++)
        {
            if (i > 0)
            {
                b.Append(" or ");
            }

            WriteBody(b, queries[i]);
        }
    }

    private static void WriteBody(StringBuilder b, Rule rule)
    {
        for (var i = 0; i < rule.Body.Length; i++)
        {
            if (i > 0)
            {
                b.Append(", ");
            }

            Write(b, rule.Body[i]);
        }

        for (var i = 0; i < rule.Expressions.Length; i++)
        {
            if (i > 0 || !rule.Body.IsEmpty)
            {
                b.Append(", ");
            }

            b.Append(Print(rule.Expressions[i]));
        }

        if (!rule.Scopes.IsEmpty)
        {
            b.Append(" trusting ").AppendJoin(", ", rule.Scopes.Select(s => s.ToString()));
        }
    }

    private static string? PrintOps(IEnumerable<Op> ops)
    {
        var stack = new Stack<string>();
        foreach (var op in ops)
        {
            switch (op)
            {
                case ValueOp v:
                    stack.Push(v.Value.ToString());
                    break;
                case UnaryOp u:
                {
                    if (stack.Count < 1)
                    {
                        return null;
                    }

                    var value = stack.Pop();
                    stack.Push(u.Kind switch
                    {
                        UnaryKind.Negate => $"!{value}",
                        UnaryKind.Parens => $"({value})",
                        UnaryKind.Length => $"{value}.length()",
                        UnaryKind.TypeOf => $"{value}.type()",
                        _ => $"{value}.extern::{u.ExternName}()",
                    });
                    break;
                }

                case BinaryOp bin:
                {
                    if (stack.Count < 2)
                    {
                        return null;
                    }

                    var right = stack.Pop();
                    var left = stack.Pop();
                    stack.Push(bin.Kind switch
                    {
                        BinaryKind.LessThan => $"{left} < {right}",
                        BinaryKind.GreaterThan => $"{left} > {right}",
                        BinaryKind.LessOrEqual => $"{left} <= {right}",
                        BinaryKind.GreaterOrEqual => $"{left} >= {right}",
                        BinaryKind.Equal => $"{left} === {right}",
                        BinaryKind.HeterogeneousEqual => $"{left} == {right}",
                        BinaryKind.NotEqual => $"{left} !== {right}",
                        BinaryKind.HeterogeneousNotEqual => $"{left} != {right}",
                        BinaryKind.Contains => $"{left}.contains({right})",
                        BinaryKind.Prefix => $"{left}.starts_with({right})",
                        BinaryKind.Suffix => $"{left}.ends_with({right})",
                        BinaryKind.Regex => $"{left}.matches({right})",
                        BinaryKind.Add => $"{left} + {right}",
                        BinaryKind.Sub => $"{left} - {right}",
                        BinaryKind.Mul => $"{left} * {right}",
                        BinaryKind.Div => $"{left} / {right}",
                        BinaryKind.And => $"{left} &&! {right}",
                        BinaryKind.Or => $"{left} ||! {right}",
                        BinaryKind.Intersection => $"{left}.intersection({right})",
                        BinaryKind.Union => $"{left}.union({right})",
                        BinaryKind.BitwiseAnd => $"{left} & {right}",
                        BinaryKind.BitwiseOr => $"{left} | {right}",
                        BinaryKind.BitwiseXor => $"{left} ^ {right}",
                        BinaryKind.LazyAnd => $"{left} && {right}",
                        BinaryKind.LazyOr => $"{left} || {right}",
                        BinaryKind.All => $"{left}.all({right})",
                        BinaryKind.Any => $"{left}.any({right})",
                        BinaryKind.Get => $"{left}.get({right})",
                        BinaryKind.TryOr => $"{left}.try_or({right})",
                        _ => $"{left}.extern::{bin.ExternName}({right})",
                    });
                    break;
                }

                case ClosureOp c:
                {
                    var body = PrintOps(c.Ops);
                    if (body is null)
                    {
                        return null;
                    }

                    stack.Push(c.Parameters.IsEmpty ? body : $"{string.Join(", ", c.Parameters.Select(p => "$" + p))} -> {body}");
                    break;
                }
            }
        }

        return stack.Count == 1 ? stack.Pop() : null;
    }
}
