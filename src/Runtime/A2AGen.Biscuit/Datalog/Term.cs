using System.Collections.Immutable;
using System.Text;

namespace A2AGen.Biscuit.Datalog;

/// <summary>The kinds of Datalog values, in the order the specification's reference implementation sorts them.</summary>
public enum TermKind
{
    /// <summary>A variable (<c>$name</c>); never part of a fact.</summary>
    Variable = 0,
    /// <summary>A signed 64-bit integer.</summary>
    Integer = 1,
    /// <summary>A UTF-8 string.</summary>
    String = 2,
    /// <summary>A date: seconds since the Unix epoch, unsigned.</summary>
    Date = 3,
    /// <summary>A byte array.</summary>
    Bytes = 4,
    /// <summary>A boolean.</summary>
    Bool = 5,
    /// <summary>A set of values of one type (no variables, no sets).</summary>
    Set = 6,
    /// <summary><c>null</c> (v3.3).</summary>
    Null = 7,
    /// <summary>An ordered array (v3.3).</summary>
    Array = 8,
    /// <summary>A map with string or integer keys (v3.3).</summary>
    Map = 9,
}

/// <summary>
/// A Datalog value (or a variable). Immutable, compared structurally; strings are held as text (the symbol table
/// only matters on the wire), so values from blocks with different symbol tables compare correctly.
/// </summary>
public abstract class Term : IEquatable<Term>, IComparable<Term>
{
    private int hash;

    private protected Term()
    {
    }

    /// <summary>The kind of value.</summary>
    public abstract TermKind Kind { get; }

    /// <summary>The <c>null</c> value.</summary>
    public static Term Null { get; } = new NullTerm();

    /// <summary>The boolean <c>true</c>.</summary>
    public static Term True { get; } = new BoolTerm(true);

    /// <summary>The boolean <c>false</c>.</summary>
    public static Term False { get; } = new BoolTerm(false);

    /// <summary>An integer value.</summary>
    public static Term Integer(long value) => new IntegerTerm(value);

    /// <summary>A string value.</summary>
    public static Term String(string value) => new StringTerm(value);

    /// <summary>A date value (seconds since the Unix epoch).</summary>
    public static Term Date(ulong secondsSinceEpoch) => new DateTerm(secondsSinceEpoch);

    /// <summary>A date value, truncated to whole seconds; dates before 1970 are refused.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The date is before the Unix epoch.</exception>
    public static Term Date(DateTimeOffset value)
    {
        var seconds = value.ToUnixTimeSeconds();
        ArgumentOutOfRangeException.ThrowIfNegative(seconds, nameof(value));
        return new DateTerm((ulong)seconds);
    }

    /// <summary>A byte array value.</summary>
    public static Term Bytes(ReadOnlySpan<byte> value) => new BytesTerm(value.ToArray());

    /// <summary>A boolean value.</summary>
    public static Term Bool(bool value) => value ? True : False;

    /// <summary>A variable.</summary>
    public static Term Variable(string name) => new VariableTerm(name);

    /// <summary>A set (deduplicated and ordered).</summary>
    public static Term Set(IEnumerable<Term> values) => new SetTerm(values);

    /// <summary>An array.</summary>
    public static Term Array(IEnumerable<Term> values) => new ArrayTerm([.. values]);

    /// <summary>A map; later duplicate keys replace earlier ones.</summary>
    public static Term Map(IEnumerable<KeyValuePair<MapKey, Term>> entries) => new MapTerm(entries);

    /// <inheritdoc />
    public bool Equals(Term? other) => other is not null && (ReferenceEquals(this, other) || (Kind == other.Kind && GetHashCode() == other.GetHashCode() && EqualsSameKind(other)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Term t && Equals(t);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        if (hash == 0)
        {
            var h = HashCode.Combine((int)Kind, ComputeHash());
            hash = h == 0 ? 1 : h;
        }

        return hash;
    }

    /// <inheritdoc />
    public int CompareTo(Term? other)
    {
        if (other is null)
        {
            return 1;
        }

        return Kind != other.Kind ? ((int)Kind).CompareTo((int)other.Kind) : CompareSameKind(other);
    }

    /// <summary>The value in Datalog text form (as the reference implementation prints it).</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Write(builder);
        return builder.ToString();
    }

    internal abstract void Write(StringBuilder builder);

    private protected abstract bool EqualsSameKind(Term other);

    private protected abstract int ComputeHash();

    private protected abstract int CompareSameKind(Term other);

    /// <summary>True if this value or any value inside it is a variable.</summary>
    internal virtual bool ContainsVariable => false;
}

/// <summary>A map key: an integer or a string.</summary>
public readonly struct MapKey : IEquatable<MapKey>, IComparable<MapKey>
{
    private MapKey(long integer, string? text)
    {
        Integer = integer;
        Text = text;
    }

    /// <summary>The integer key (when <see cref="IsString"/> is false).</summary>
    public long Integer { get; }

    /// <summary>The string key, or null for an integer key.</summary>
    public string? Text { get; }

    /// <summary>True for a string key.</summary>
    public bool IsString => Text is not null;

    /// <summary>An integer key.</summary>
    public static MapKey Of(long value) => new(value, null);

    /// <summary>A string key.</summary>
    public static MapKey Of(string value) => new(0, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>The key as a term.</summary>
    public Term ToTerm() => IsString ? Term.String(Text!) : Term.Integer(Integer);

    /// <inheritdoc />
    public bool Equals(MapKey other) => IsString == other.IsString && (IsString ? string.Equals(Text, other.Text, StringComparison.Ordinal) : Integer == other.Integer);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is MapKey k && Equals(k);

    /// <inheritdoc />
    public override int GetHashCode() => IsString ? StringComparer.Ordinal.GetHashCode(Text!) : Integer.GetHashCode();

    /// <inheritdoc />
    public int CompareTo(MapKey other) =>
        IsString != other.IsString ? (IsString ? 1 : -1) : IsString ? string.CompareOrdinal(Text, other.Text) : Integer.CompareTo(other.Integer);

    /// <summary>Equality.</summary>
    public static bool operator ==(MapKey left, MapKey right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(MapKey left, MapKey right) => !left.Equals(right);

    /// <summary>Ordering (integers before strings).</summary>
    public static bool operator <(MapKey left, MapKey right) => left.CompareTo(right) < 0;

    /// <summary>Ordering (integers before strings).</summary>
    public static bool operator >(MapKey left, MapKey right) => left.CompareTo(right) > 0;

    /// <summary>Ordering (integers before strings).</summary>
    public static bool operator <=(MapKey left, MapKey right) => left.CompareTo(right) <= 0;

    /// <summary>Ordering (integers before strings).</summary>
    public static bool operator >=(MapKey left, MapKey right) => left.CompareTo(right) >= 0;

    /// <inheritdoc />
    public override string ToString() => ToTerm().ToString();
}

/// <summary>A variable: <c>$name</c>.</summary>
public sealed class VariableTerm : Term
{
    internal VariableTerm(string name) => Name = name ?? throw new ArgumentNullException(nameof(name));

    /// <summary>The variable's name, without <c>$</c>.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public override TermKind Kind => TermKind.Variable;

    internal override bool ContainsVariable => true;

    internal override void Write(StringBuilder builder) => builder.Append('$').Append(Name);

    private protected override bool EqualsSameKind(Term other) => string.Equals(Name, ((VariableTerm)other).Name, StringComparison.Ordinal);

    private protected override int ComputeHash() => StringComparer.Ordinal.GetHashCode(Name);

    private protected override int CompareSameKind(Term other) => string.CompareOrdinal(Name, ((VariableTerm)other).Name);
}

/// <summary>A signed 64-bit integer.</summary>
public sealed class IntegerTerm : Term
{
    internal IntegerTerm(long value) => Value = value;

    /// <summary>The value.</summary>
    public long Value { get; }

    /// <inheritdoc />
    public override TermKind Kind => TermKind.Integer;

    internal override void Write(StringBuilder builder) => builder.Append(Value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private protected override bool EqualsSameKind(Term other) => Value == ((IntegerTerm)other).Value;

    private protected override int ComputeHash() => Value.GetHashCode();

    private protected override int CompareSameKind(Term other) => Value.CompareTo(((IntegerTerm)other).Value);
}

/// <summary>A UTF-8 string.</summary>
public sealed class StringTerm : Term
{
    internal StringTerm(string value) => Value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The value.</summary>
    public string Value { get; }

    /// <inheritdoc />
    public override TermKind Kind => TermKind.String;

    internal override void Write(StringBuilder builder) => DatalogPrinter.WriteString(builder, Value);

    private protected override bool EqualsSameKind(Term other) => string.Equals(Value, ((StringTerm)other).Value, StringComparison.Ordinal);

    private protected override int ComputeHash() => StringComparer.Ordinal.GetHashCode(Value);

    private protected override int CompareSameKind(Term other) => string.CompareOrdinal(Value, ((StringTerm)other).Value);
}

/// <summary>A date: whole seconds since 1970-01-01T00:00:00Z.</summary>
public sealed class DateTerm : Term
{
    internal DateTerm(ulong seconds) => Seconds = seconds;

    /// <summary>Seconds since the Unix epoch.</summary>
    public ulong Seconds { get; }

    /// <inheritdoc />
    public override TermKind Kind => TermKind.Date;

    internal override void Write(StringBuilder builder) => DatalogPrinter.WriteDate(builder, Seconds);

    private protected override bool EqualsSameKind(Term other) => Seconds == ((DateTerm)other).Seconds;

    private protected override int ComputeHash() => Seconds.GetHashCode();

    private protected override int CompareSameKind(Term other) => Seconds.CompareTo(((DateTerm)other).Seconds);
}

/// <summary>A byte array.</summary>
public sealed class BytesTerm : Term
{
    private readonly byte[] value;

    internal BytesTerm(byte[] value) => this.value = value;

    /// <summary>The bytes.</summary>
    public ReadOnlyMemory<byte> Value => value;

    internal ReadOnlySpan<byte> Span => value;

    /// <inheritdoc />
    public override TermKind Kind => TermKind.Bytes;

    internal override void Write(StringBuilder builder) => builder.Append("hex:").Append(Convert.ToHexStringLower(value));

    private protected override bool EqualsSameKind(Term other) => value.AsSpan().SequenceEqual(((BytesTerm)other).value);

    private protected override int ComputeHash()
    {
        var h = new HashCode();
        h.AddBytes(value);
        return h.ToHashCode();
    }

    private protected override int CompareSameKind(Term other) => value.AsSpan().SequenceCompareTo(((BytesTerm)other).value);
}

/// <summary>A boolean.</summary>
public sealed class BoolTerm : Term
{
    internal BoolTerm(bool value) => Value = value;

    /// <summary>The value.</summary>
    public bool Value { get; }

    /// <inheritdoc />
    public override TermKind Kind => TermKind.Bool;

    internal override void Write(StringBuilder builder) => builder.Append(Value ? "true" : "false");

    private protected override bool EqualsSameKind(Term other) => Value == ((BoolTerm)other).Value;

    private protected override int ComputeHash() => Value ? 1 : 2;

    private protected override int CompareSameKind(Term other) => Value.CompareTo(((BoolTerm)other).Value);
}

/// <summary><c>null</c>.</summary>
public sealed class NullTerm : Term
{
    internal NullTerm()
    {
    }

    /// <inheritdoc />
    public override TermKind Kind => TermKind.Null;

    internal override void Write(StringBuilder builder) => builder.Append("null");

    private protected override bool EqualsSameKind(Term other) => true;

    private protected override int ComputeHash() => 7;

    private protected override int CompareSameKind(Term other) => 0;
}

/// <summary>A set: deduplicated, kept in the reference implementation's order.</summary>
public sealed class SetTerm : Term
{
    internal SetTerm(IEnumerable<Term> values)
    {
        var sorted = new SortedSet<Term>(values);
        Values = [.. sorted];
    }

    /// <summary>The elements, ordered.</summary>
    public ImmutableArray<Term> Values { get; }

    /// <inheritdoc />
    public override TermKind Kind => TermKind.Set;

    internal override bool ContainsVariable => Values.Any(v => v.ContainsVariable);

    /// <summary>True if the set holds a value equal to <paramref name="term"/>.</summary>
    public bool Contains(Term term) => Values.AsSpan().BinarySearch(term) >= 0;

    internal override void Write(StringBuilder builder)
    {
        if (Values.Length == 0)
        {
            builder.Append("{,}");
            return;
        }

        builder.Append('{');
        for (var i = 0; i < Values.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            Values[i].Write(builder);
        }

        builder.Append('}');
    }

    private protected override bool EqualsSameKind(Term other) => Values.AsSpan().SequenceEqual(((SetTerm)other).Values.AsSpan());

    private protected override int ComputeHash()
    {
        var h = new HashCode();
        foreach (var v in Values)
        {
            h.Add(v);
        }

        return h.ToHashCode();
    }

    private protected override int CompareSameKind(Term other) => Values.AsSpan().SequenceCompareTo(((SetTerm)other).Values.AsSpan());
}

/// <summary>An ordered array (v3.3).</summary>
public sealed class ArrayTerm : Term
{
    internal ArrayTerm(ImmutableArray<Term> values) => Values = values;

    /// <summary>The elements.</summary>
    public ImmutableArray<Term> Values { get; }

    /// <inheritdoc />
    public override TermKind Kind => TermKind.Array;

    internal override bool ContainsVariable => Values.Any(v => v.ContainsVariable);

    internal override void Write(StringBuilder builder)
    {
        builder.Append('[');
        for (var i = 0; i < Values.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            Values[i].Write(builder);
        }

        builder.Append(']');
    }

    private protected override bool EqualsSameKind(Term other) => Values.AsSpan().SequenceEqual(((ArrayTerm)other).Values.AsSpan());

    private protected override int ComputeHash()
    {
        var h = new HashCode();
        foreach (var v in Values)
        {
            h.Add(v);
        }

        return h.ToHashCode();
    }

    private protected override int CompareSameKind(Term other) => Values.AsSpan().SequenceCompareTo(((ArrayTerm)other).Values.AsSpan());
}

/// <summary>A map with integer or string keys (v3.3), kept ordered by key (integers first).</summary>
public sealed class MapTerm : Term
{
    internal MapTerm(IEnumerable<KeyValuePair<MapKey, Term>> entries)
    {
        var sorted = new SortedDictionary<MapKey, Term>();
        foreach (var (key, value) in entries)
        {
            sorted[key] = value;
        }

        Entries = [.. sorted];
    }

    /// <summary>The entries, ordered by key.</summary>
    public ImmutableArray<KeyValuePair<MapKey, Term>> Entries { get; }

    /// <inheritdoc />
    public override TermKind Kind => TermKind.Map;

    internal override bool ContainsVariable => Entries.Any(e => e.Value.ContainsVariable);

    /// <summary>The value for <paramref name="key"/>, or null.</summary>
    public Term? Get(MapKey key)
    {
        foreach (var entry in Entries)
        {
            if (entry.Key == key)
            {
                return entry.Value;
            }
        }

        return null;
    }

    internal override void Write(StringBuilder builder)
    {
        builder.Append('{');
        for (var i = 0; i < Entries.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            Entries[i].Key.ToTerm().Write(builder);
            builder.Append(": ");
            Entries[i].Value.Write(builder);
        }

        builder.Append('}');
    }

    private protected override bool EqualsSameKind(Term other)
    {
        var o = ((MapTerm)other).Entries;
        if (o.Length != Entries.Length)
        {
            return false;
        }

        for (var i = 0; i < o.Length; i++)
        {
            if (Entries[i].Key != o[i].Key || !Entries[i].Value.Equals(o[i].Value))
            {
                return false;
            }
        }

        return true;
    }

    private protected override int ComputeHash()
    {
        var h = new HashCode();
        foreach (var (k, v) in Entries)
        {
            h.Add(k);
            h.Add(v);
        }

        return h.ToHashCode();
    }

    private protected override int CompareSameKind(Term other)
    {
        var o = ((MapTerm)other).Entries;
        for (var i = 0; i < Math.Min(o.Length, Entries.Length); i++)
        {
            var c = Entries[i].Key.CompareTo(o[i].Key);
            if (c != 0)
            {
                return c;
            }

            c = Entries[i].Value.CompareTo(o[i].Value);
            if (c != 0)
            {
                return c;
            }
        }

        return Entries.Length.CompareTo(o.Length);
    }
}
