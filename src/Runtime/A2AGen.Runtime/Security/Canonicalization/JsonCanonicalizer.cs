using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace A2AGen.Security;

/// <summary>
/// The JSON Canonicalization Scheme (RFC 8785) over UTF-8 JSON: no whitespace, object members sorted by their
/// UTF-16 code units, strings with only the mandatory escapes, numbers in ECMAScript form. Duplicate member names,
/// lone surrogates, invalid UTF-8 and numbers beyond the double range are errors (<see cref="FormatException"/>).
/// A plain static API: the same bytes the generator computes at compile time for <c>CardJson</c>.
/// </summary>
public static class JsonCanonicalizer
{
    private const int MaxDepth = 64;
    private const int MaxRetainedBuffer = 1 << 20;
    private const int InsertionSortLimit = 24;

    [ThreadStatic]
    private static State? t_state;

    /// <summary>Canonicalizes UTF-8 JSON.</summary>
    /// <param name="utf8Json">Any JSON value.</param>
    /// <exception cref="FormatException">The JSON is invalid or cannot be canonicalized (the message says why).</exception>
    public static byte[] Canonicalize(ReadOnlySpan<byte> utf8Json) => CanonicalizeWithout(utf8Json, default);

    /// <summary>Canonicalizes a JSON string.</summary>
    /// <param name="json">Any JSON value.</param>
    /// <exception cref="FormatException">The JSON is invalid or cannot be canonicalized.</exception>
    public static byte[] Canonicalize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Canonicalize(Encoding.UTF8.GetBytes(json));
    }

    /// <summary>Canonicalizes UTF-8 JSON into <paramref name="destination"/>.</summary>
    /// <param name="utf8Json">Any JSON value.</param>
    /// <param name="destination">Receives the canonical bytes.</param>
    /// <exception cref="FormatException">The JSON is invalid or cannot be canonicalized.</exception>
    public static void Canonicalize(ReadOnlySpan<byte> utf8Json, IBufferWriter<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var state = Rent();
        try
        {
            Run(state, utf8Json, default);
            destination.Write(state.Output.AsSpan(0, state.Length));
        }
        finally
        {
            Return(state);
        }
    }

    /// <summary>Whether <paramref name="utf8Json"/> is already in canonical form.</summary>
    /// <param name="utf8Json">Any JSON value.</param>
    public static bool IsCanonical(ReadOnlySpan<byte> utf8Json)
    {
        var state = Rent();
        try
        {
            Run(state, utf8Json, default);
            return state.Output.AsSpan(0, state.Length).SequenceEqual(utf8Json);
        }
        catch (FormatException)
        {
            return false;
        }
        finally
        {
            Return(state);
        }
    }

    /// <summary>The ECMAScript string of a number, as canonical JSON writes it (e.g. <c>1e+21</c>, <c>0.000001</c>, <c>5e-7</c>).</summary>
    /// <param name="value">A finite double.</param>
    public static string FormatNumber(double value) => EcmaScriptNumber.ToString(value);

    /// <summary>Canonicalizes, leaving out one member of the top-level object (an Agent Card's <c>signatures</c>).</summary>
    internal static byte[] CanonicalizeWithout(ReadOnlySpan<byte> utf8Json, ReadOnlySpan<byte> omittedTopLevelMember)
    {
        var state = Rent();
        try
        {
            Run(state, utf8Json, omittedTopLevelMember);
            return state.Output.AsSpan(0, state.Length).ToArray();
        }
        finally
        {
            Return(state);
        }
    }

    private static void Run(State state, ReadOnlySpan<byte> utf8Json, ReadOnlySpan<byte> omitted)
    {
        state.Reset();
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            if (!reader.Read())
            {
                throw new FormatException("The JSON is empty.");
            }

            WriteValue(ref reader, state, omitted, topLevel: true);
            if (reader.Read())
            {
                throw new FormatException("The JSON has more than one top-level value.");
            }
        }
        catch (JsonException e)
        {
            // In A2AGen's words: System.Text.Json's message quotes the input, control characters and all.
            throw new FormatException($"The JSON is invalid: {A2AGen.Protocol.Serialization.JsonTextCheck.DescribeSyntaxError(utf8Json, MaxDepth)}.", e);
        }
    }

    private static void WriteValue(ref Utf8JsonReader reader, State state, ReadOnlySpan<byte> omitted, bool topLevel)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                WriteObject(ref reader, state, topLevel ? omitted : default);
                break;

            case JsonTokenType.StartArray:
                state.Append((byte)'[');
                bool first = true;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (!first)
                    {
                        state.Append((byte)',');
                    }

                    first = false;
                    WriteValue(ref reader, state, default, topLevel: false);
                }

                state.Append((byte)']');
                break;

            case JsonTokenType.String:
                WriteString(ref reader, state);
                break;

            case JsonTokenType.Number:
                WriteNumber(reader.ValueSpan, state);
                break;

            case JsonTokenType.True:
                state.Append("true"u8);
                break;

            case JsonTokenType.False:
                state.Append("false"u8);
                break;

            case JsonTokenType.Null:
                state.Append("null"u8);
                break;

            default:
                throw new FormatException($"Unexpected JSON token {reader.TokenType}.");
        }
    }

    private static void WriteObject(ref Utf8JsonReader reader, State state, ReadOnlySpan<byte> omitted)
    {
        state.Append((byte)'{');
        int memberBase = state.MemberCount;
        int keysBase = state.KeysLength;
        int regionStart = state.Length;
        bool sorted = true;
        int emitted = 0;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var member = new Member { KeyStart = state.KeysLength };
            bool escaped = reader.ValueIsEscaped;
            var rawName = reader.ValueSpan;
            member.KeyLength = DecodeString(rawName, escaped, state);
            bool omit = !omitted.IsEmpty && !escaped && rawName.SequenceEqual(omitted);

            if (state.MemberCount > memberBase)
            {
                int order = state.Key(member).SequenceCompareTo(state.Key(state.Members[state.MemberCount - 1]));
                if (order == 0)
                {
                    throw Duplicate(state.Key(member));
                }

                sorted &= order > 0;
            }

            reader.Read();
            if (omit)
            {
                reader.Skip();
                member.Start = -1;
            }
            else
            {
                if (emitted++ > 0)
                {
                    state.Append((byte)',');
                }

                member.Start = state.Length;
                if (escaped)
                {
                    WriteEscaped(state.Key(member), state);
                }
                else
                {
                    state.Append((byte)'"');
                    state.Append(rawName);
                    state.Append((byte)'"');
                }

                state.Append((byte)':');
                WriteValue(ref reader, state, default, topLevel: false);
                member.Length = state.Length - member.Start;
            }

            state.PushMember(member);
        }

        if (!sorted)
        {
            Reorder(state, memberBase, regionStart);
        }

        state.Append((byte)'}');
        state.MemberCount = memberBase;
        state.KeysLength = keysBase;
    }

    // Members were written in input order; sort them by key and rewrite the region in that order.
    private static void Reorder(State state, int memberBase, int regionStart)
    {
        var members = state.Members.AsSpan(memberBase, state.MemberCount - memberBase);
        if (members.Length <= InsertionSortLimit)
        {
            for (int i = 1; i < members.Length; i++)
            {
                var current = members[i];
                int j = i - 1;
                while (j >= 0 && state.Key(members[j]).SequenceCompareTo(state.Key(current)) > 0)
                {
                    members[j + 1] = members[j];
                    j--;
                }

                members[j + 1] = current;
            }
        }
        else
        {
            var keys = state.Keys;
            members.Sort((a, b) => keys.AsSpan(a.KeyStart, a.KeyLength).SequenceCompareTo(keys.AsSpan(b.KeyStart, b.KeyLength)));
        }

        for (int i = 1; i < members.Length; i++)
        {
            if (state.Key(members[i]).SequenceEqual(state.Key(members[i - 1])))
            {
                throw Duplicate(state.Key(members[i]));
            }
        }

        int regionLength = state.Length - regionStart;
        var scratch = ArrayPool<byte>.Shared.Rent(regionLength);
        try
        {
            int position = 0;
            foreach (var member in members)
            {
                if (member.Start < 0)
                {
                    continue;
                }

                if (position > 0)
                {
                    scratch[position++] = (byte)',';
                }

                state.Output.AsSpan(member.Start, member.Length).CopyTo(scratch.AsSpan(position));
                position += member.Length;
            }

            scratch.AsSpan(0, position).CopyTo(state.Output.AsSpan(regionStart));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private static void WriteString(ref Utf8JsonReader reader, State state)
    {
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            // A raw JSON string has no quote, backslash or control character, so it needs no escape: copy it.
            if (!Utf8.IsValid(raw))
            {
                throw new FormatException("A JSON string is not valid UTF-8.");
            }

            state.Append((byte)'"');
            state.Append(raw);
            state.Append((byte)'"');
            return;
        }

        int keysBase = state.KeysLength;
        int length = DecodeString(raw, escaped: true, state);
        WriteEscaped(state.Keys.AsSpan(keysBase, length), state);
        state.KeysLength = keysBase;
    }

    private static void WriteNumber(ReadOnlySpan<byte> text, State state)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
        {
            throw new FormatException($"The number {CallerText.Sanitize(Encoding.ASCII.GetString(text), 40)} is outside the range of an IEEE 754 double.");
        }

        state.Reserve(EcmaScriptNumber.MaxLength);
        state.Length += EcmaScriptNumber.Format(value, state.Output.AsSpan(state.Length));
    }

    // Decodes a string's raw token into UTF-16 at the end of the key arena; returns its length in chars.
    private static int DecodeString(ReadOnlySpan<byte> raw, bool escaped, State state)
    {
        state.ReserveKeys(raw.Length);
        var destination = state.Keys.AsSpan(state.KeysLength);
        int written = escaped ? Unescape(raw, destination) : Transcode(raw, destination);
        state.KeysLength += written;
        return written;
    }

    private static int Transcode(ReadOnlySpan<byte> utf8, Span<char> destination)
    {
        if (Utf8.ToUtf16(utf8, destination, out _, out int written, replaceInvalidSequences: false) != OperationStatus.Done)
        {
            throw new FormatException("A JSON string is not valid UTF-8.");
        }

        return written;
    }

    private static int Unescape(ReadOnlySpan<byte> raw, Span<char> destination)
    {
        int written = 0;
        int i = 0;
        while (i < raw.Length)
        {
            int backslash = raw[i..].IndexOf((byte)'\\');
            int runEnd = backslash < 0 ? raw.Length : i + backslash;
            if (runEnd > i)
            {
                written += Transcode(raw[i..runEnd], destination[written..]);
                i = runEnd;
                continue;
            }

            byte kind = raw[i + 1];
            if (kind != (byte)'u')
            {
                destination[written++] = kind switch
                {
                    (byte)'"' => '"',
                    (byte)'\\' => '\\',
                    (byte)'/' => '/',
                    (byte)'b' => '\b',
                    (byte)'f' => '\f',
                    (byte)'n' => '\n',
                    (byte)'r' => '\r',
                    (byte)'t' => '\t',
                    _ => throw new FormatException("A JSON string has an invalid escape."),
                };
                i += 2;
                continue;
            }

            char unit = Hex4(raw.Slice(i + 2, 4));
            i += 6;
            if (char.IsHighSurrogate(unit))
            {
                if (i + 6 > raw.Length || raw[i] != (byte)'\\' || raw[i + 1] != (byte)'u' || !char.IsLowSurrogate(Hex4(raw.Slice(i + 2, 4))))
                {
                    throw new FormatException("A JSON string has a lone surrogate (a high surrogate escape without its low surrogate).");
                }

                destination[written++] = unit;
                destination[written++] = Hex4(raw.Slice(i + 2, 4));
                i += 6;
            }
            else if (char.IsLowSurrogate(unit))
            {
                throw new FormatException("A JSON string has a lone surrogate (a low surrogate escape without a high surrogate).");
            }
            else
            {
                destination[written++] = unit;
            }
        }

        return written;
    }

    private static char Hex4(ReadOnlySpan<byte> hex) =>
        (char)int.Parse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    // RFC 8785 §3.2.2.2: escape '"', '\' and U+0000–U+001F (\b \t \n \f \r short forms, else \u00xx lowercase); everything else as UTF-8.
    private static void WriteEscaped(ReadOnlySpan<char> value, State state)
    {
        state.Append((byte)'"');
        int start = 0;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }

            AppendUtf8(value[start..i], state);
            start = i + 1;
            switch (c)
            {
                case '"':
                    state.Append("\\\""u8);
                    break;
                case '\\':
                    state.Append("\\\\"u8);
                    break;
                case '\b':
                    state.Append("\\b"u8);
                    break;
                case '\t':
                    state.Append("\\t"u8);
                    break;
                case '\n':
                    state.Append("\\n"u8);
                    break;
                case '\f':
                    state.Append("\\f"u8);
                    break;
                case '\r':
                    state.Append("\\r"u8);
                    break;
                default:
                    state.Append("\\u00"u8);
                    state.Append((byte)"0123456789abcdef"[c >> 4]);
                    state.Append((byte)"0123456789abcdef"[c & 0xf]);
                    break;
            }
        }

        AppendUtf8(value[start..], state);
        state.Append((byte)'"');
    }

    private static void AppendUtf8(ReadOnlySpan<char> chars, State state)
    {
        if (chars.IsEmpty)
        {
            return;
        }

        state.Reserve(chars.Length * 3);
        state.Length += Encoding.UTF8.GetBytes(chars, state.Output.AsSpan(state.Length));
    }

    private static FormatException Duplicate(ReadOnlySpan<char> key) =>
        new($"The JSON object has the member \"{CallerText.Sanitize(key)}\" more than once.");

    private static State Rent()
    {
        var state = t_state ?? new State();
        t_state = null;
        return state;
    }

    private static void Return(State state)
    {
        if (state.Output.Length <= MaxRetainedBuffer && state.Keys.Length <= MaxRetainedBuffer)
        {
            t_state = state;
        }
    }

    private struct Member
    {
        public int KeyStart;
        public int KeyLength;
        public int Start; // of "key":value in Output; -1 when the member is left out
        public int Length;
    }

    // Per-thread buffers: the output, a stack of object members and an arena of their UTF-16 keys.
    private sealed class State
    {
        public byte[] Output = new byte[4096];
        public int Length;
        public Member[] Members = new Member[64];
        public int MemberCount;
        public char[] Keys = new char[1024];
        public int KeysLength;

        public void Reset()
        {
            Length = 0;
            MemberCount = 0;
            KeysLength = 0;
        }

        public ReadOnlySpan<char> Key(in Member member) => Keys.AsSpan(member.KeyStart, member.KeyLength);

        public void Append(byte value)
        {
            if (Length == Output.Length)
            {
                Reserve(1);
            }

            Output[Length++] = value;
        }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            Reserve(bytes.Length);
            bytes.CopyTo(Output.AsSpan(Length));
            Length += bytes.Length;
        }

        public void Reserve(int count)
        {
            if (Length + count > Output.Length)
            {
                Array.Resize(ref Output, Math.Max(Output.Length * 2, Length + count));
            }
        }

        public void ReserveKeys(int count)
        {
            if (KeysLength + count > Keys.Length)
            {
                Array.Resize(ref Keys, Math.Max(Keys.Length * 2, KeysLength + count));
            }
        }

        public void PushMember(Member member)
        {
            if (MemberCount == Members.Length)
            {
                Array.Resize(ref Members, Members.Length * 2);
            }

            Members[MemberCount++] = member;
        }
    }
}
