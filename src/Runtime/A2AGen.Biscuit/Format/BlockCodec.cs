using System.Collections.Immutable;
using A2AGen.Biscuit.Crypto;
using A2AGen.Biscuit.Datalog;
using Google.Protobuf;
using Schema = global::Biscuit.Format.Schema;

namespace A2AGen.Biscuit.Format;

/// <summary>Datalog versions of the format (the <c>version</c> field of a block).</summary>
public static class DatalogVersion
{
    /// <summary>v3.0.</summary>
    public const uint V3_0 = 3;

    /// <summary>v3.1: <c>check all</c>, bitwise operators, <c>!==</c>, scopes.</summary>
    public const uint V3_1 = 4;

    /// <summary>v3.2: third-party blocks.</summary>
    public const uint V3_2 = 5;

    /// <summary>v3.3: <c>reject if</c>, null, arrays, maps, closures, lenient equality, <c>.type()</c>, external functions.</summary>
    public const uint V3_3 = 6;

    /// <summary>The oldest version read.</summary>
    public const uint Minimum = V3_0;

    /// <summary>The newest version read and written.</summary>
    public const uint Maximum = V3_3;
}

/// <summary>Converts blocks between <c>schema.proto</c> messages (interned symbols) and the Datalog model (text).</summary>
internal static class BlockCodec
{
    private static readonly Predicate QueryHead = new("query", ImmutableArray<Term>.Empty);

    public static DatalogSource Decode(Schema.Block block, SymbolTable symbols, uint version)
    {
        var facts = block.Facts.Select(f => new Fact(DecodePredicate(f.Predicate, symbols, fact: true), trusted: true)).ToImmutableArray();
        var rules = block.Rules.Select(r => DecodeRule(r, symbols, version)).ToImmutableArray();
        var checks = ImmutableArray.CreateBuilder<Check>();
        foreach (var c in block.Checks)
        {
            var kind = c.HasKind ? c.Kind switch
            {
                Schema.Check.Types.Kind.One => CheckKind.One,
                Schema.Check.Types.Kind.All => CheckKind.All,
                Schema.Check.Types.Kind.Reject => CheckKind.Reject,
                _ => throw Malformed("unknown check kind"),
            } : CheckKind.One;
            if (version < DatalogVersion.V3_3 && c.HasKind && version < DatalogVersion.V3_1)
            {
                throw Malformed("check kinds are only supported in datalog v3.1+ blocks");
            }

            if (version < DatalogVersion.V3_3 && kind == CheckKind.Reject)
            {
                throw Malformed("reject if is only supported in datalog v3.3+");
            }

            checks.Add(new Check(kind, c.Queries.Select(q => DecodeRule(q, symbols, version, check: true)).ToImmutableArray()));
        }

        var scopes = block.Scope.Select(s => DecodeScope(s, symbols)).ToImmutableArray();
        return new DatalogSource(facts, rules, checks.ToImmutable(), [], scopes);
    }

    public static void CheckVersionCompatibility(DatalogSource source, uint version)
    {
        var detected = FeaturesOf(source, forMinting: false);
        if (version < DatalogVersion.V3_1)
        {
            if (detected.Scopes)
            {
                throw Malformed("scopes are only supported in datalog v3.1+");
            }

            if (detected.V31)
            {
                throw Malformed("bitwise operators and !== are only supported in datalog v3.1+");
            }

            if (detected.CheckAll)
            {
                throw Malformed("check all is only supported in datalog v3.1+");
            }
        }
        else if (version < DatalogVersion.V3_3 && detected.V33)
        {
            throw Malformed("maps, arrays, null, closures are only supported in datalog v3.3+");
        }
    }

    /// <summary>The lowest version that can carry <paramref name="source"/>.</summary>
    public static uint RequiredVersion(DatalogSource source)
    {
        var f = FeaturesOf(source, forMinting: true);
        return f.V33 ? DatalogVersion.V3_3 : f.Scopes || f.V31 || f.CheckAll ? DatalogVersion.V3_1 : DatalogVersion.V3_0;
    }

    private static (bool Scopes, bool V31, bool CheckAll, bool V33) FeaturesOf(DatalogSource source, bool forMinting)
    {
        var rules = source.Rules.Concat(source.Checks.SelectMany(c => c.Queries)).ToList();
        var scopes = !source.Scopes.IsEmpty || rules.Any(r => !r.Scopes.IsEmpty);
        var checkAll = source.Checks.Any(c => c.Kind == CheckKind.All);
        var v33 = source.Checks.Any(c => c.Kind == CheckKind.Reject)
            || source.Facts.Any(f => f.Predicate.Terms.Any(IsV33Term))
            || source.Rules.Any(r => r.Head.Terms.Any(IsV33Term))
            || rules.Any(r => r.Body.Any(p => p.Terms.Any(IsV33Term)) || r.Expressions.Any(e => e.Ops.Any(o => IsV33Op(o, forMinting))));
        var v31 = rules.Any(r => r.Expressions.Any(e => e.Ops.Any(o => o is BinaryOp { Kind: BinaryKind.BitwiseAnd or BinaryKind.BitwiseOr or BinaryKind.BitwiseXor or BinaryKind.NotEqual })));
        return (scopes, v31, checkAll, v33);
    }

    private static bool IsV33Term(Term t) => t.Kind is TermKind.Null or TermKind.Array or TermKind.Map;

    private static bool IsV33Op(Op op, bool forMinting) => op switch
    {
        ValueOp v => IsV33Term(v.Value),
        ClosureOp => true,
        UnaryOp u => u.Kind is UnaryKind.TypeOf or UnaryKind.Extern,
        // Reading follows the reference implementation exactly; when minting, .get() and .try_or() count as v3.3 too.
        BinaryOp b => b.Kind is BinaryKind.HeterogeneousEqual or BinaryKind.HeterogeneousNotEqual or BinaryKind.LazyAnd or BinaryKind.LazyOr
            or BinaryKind.All or BinaryKind.Any or BinaryKind.Extern || (forMinting && b.Kind is BinaryKind.Get or BinaryKind.TryOr),
        _ => false,
    };

    private static Rule DecodeRule(Schema.Rule rule, SymbolTable symbols, uint version, bool check = false)
    {
        if (version < DatalogVersion.V3_1 && rule.Scope.Count > 0)
        {
            throw Malformed("scopes are only supported in datalog v3.1+");
        }

        var head = check ? QueryHead : DecodePredicate(rule.Head ?? throw Malformed("a rule has no head"), symbols, fact: false);
        return new Rule(
            head,
            rule.Body.Select(p => DecodePredicate(p, symbols, fact: false)).ToImmutableArray(),
            rule.Expressions.Select(e => new Expression(DecodeOps(e.Ops, symbols))).ToImmutableArray(),
            rule.Scope.Select(s => DecodeScope(s, symbols)).ToImmutableArray());
    }

    private static Scope DecodeScope(Schema.Scope scope, SymbolTable symbols) => scope.ContentCase switch
    {
        Schema.Scope.ContentOneofCase.ScopeType => scope.ScopeType switch
        {
            Schema.Scope.Types.ScopeType.Authority => Scope.Authority,
            Schema.Scope.Types.ScopeType.Previous => Scope.Previous,
            _ => throw Malformed("unknown scope type"),
        },
        Schema.Scope.ContentOneofCase.PublicKey => Scope.PublicKey(symbols.GetKey(scope.PublicKey)),
        _ => throw Malformed("empty scope"),
    };

    private static Predicate DecodePredicate(Schema.Predicate p, SymbolTable symbols, bool fact)
    {
        var terms = p.Terms.Select(t => DecodeTerm(t, symbols)).ToImmutableArray();
        if (fact && terms.Any(t => t.ContainsVariable))
        {
            throw Malformed("a fact contains a variable");
        }

        return new Predicate(symbols.Get(p.Name), terms);
    }

    private static ImmutableArray<Op> DecodeOps(IEnumerable<Schema.Op> ops, SymbolTable symbols) => ops.Select(op => op.ContentCase switch
    {
        Schema.Op.ContentOneofCase.Value => (Op)new ValueOp(DecodeTerm(op.Value, symbols)),
        Schema.Op.ContentOneofCase.Unary => op.Unary.Kind switch
        {
            Schema.OpUnary.Types.Kind.Negate => new UnaryOp(UnaryKind.Negate),
            Schema.OpUnary.Types.Kind.Parens => new UnaryOp(UnaryKind.Parens),
            Schema.OpUnary.Types.Kind.Length => new UnaryOp(UnaryKind.Length),
            Schema.OpUnary.Types.Kind.TypeOf => new UnaryOp(UnaryKind.TypeOf),
            Schema.OpUnary.Types.Kind.Ffi => new UnaryOp(UnaryKind.Extern, op.Unary.HasFfiName ? symbols.Get(op.Unary.FfiName) : throw Malformed("an external call has no name")),
            _ => throw Malformed("unknown unary operation"),
        },
        Schema.Op.ContentOneofCase.Binary => (int)op.Binary.Kind is >= 0 and <= 29
            ? (Op)new BinaryOp((BinaryKind)(int)op.Binary.Kind, op.Binary.Kind == Schema.OpBinary.Types.Kind.Ffi ? (op.Binary.HasFfiName ? symbols.Get(op.Binary.FfiName) : throw Malformed("an external call has no name")) : null)
            : throw Malformed("unknown binary operation"),
        Schema.Op.ContentOneofCase.Closure => new ClosureOp(op.Closure.Params.Select(p => symbols.Get(p)).ToImmutableArray(), DecodeOps(op.Closure.Ops, symbols)),
        _ => throw Malformed("empty operation"),
    }).ToImmutableArray();

    private static Term DecodeTerm(Schema.Term term, SymbolTable symbols)
    {
        switch (term.ContentCase)
        {
            case Schema.Term.ContentOneofCase.Variable:
                return Term.Variable(symbols.Get(term.Variable));
            case Schema.Term.ContentOneofCase.Integer:
                return Term.Integer(term.Integer);
            case Schema.Term.ContentOneofCase.String:
                return Term.String(symbols.Get(term.String));
            case Schema.Term.ContentOneofCase.Date:
                return Term.Date(term.Date);
            case Schema.Term.ContentOneofCase.Bytes:
                return Term.Bytes(term.Bytes.Span);
            case Schema.Term.ContentOneofCase.Bool:
                return Term.Bool(term.Bool);
            case Schema.Term.ContentOneofCase.Set:
            {
                var values = term.Set.Set.Select(t => DecodeTerm(t, symbols)).ToList();
                if (values.Any(v => v.Kind is TermKind.Variable or TermKind.Set))
                {
                    throw Malformed("a set contains a variable or a set");
                }

                return Term.Set(values);
            }

            case Schema.Term.ContentOneofCase.Null:
                return Term.Null;
            case Schema.Term.ContentOneofCase.Array:
                return Term.Array(term.Array.Array_.Select(t => DecodeTerm(t, symbols)));
            case Schema.Term.ContentOneofCase.Map:
                return Term.Map(term.Map.Entries.Select(e => new KeyValuePair<MapKey, Term>(
                    e.Key?.ContentCase switch
                    {
                        Schema.MapKey.ContentOneofCase.Integer => MapKey.Of(e.Key.Integer),
                        Schema.MapKey.ContentOneofCase.String => MapKey.Of(symbols.Get(e.Key.String)),
                        _ => throw Malformed("a map key is neither an integer nor a string"),
                    },
                    DecodeTerm(e.Value ?? throw Malformed("a map entry has no value"), symbols))));
            default:
                throw Malformed("empty term");
        }
    }

    public static Schema.Block Encode(DatalogSource source, SymbolTable symbols, uint version, string? context)
    {
        var symbolsBefore = symbols.SymbolCount;
        var keysBefore = symbols.KeyCount;
        var block = new Schema.Block { Version = version };
        if (context is not null)
        {
            block.Context = context;
        }

        foreach (var f in source.Facts)
        {
            block.Facts.Add(new Schema.Fact { Predicate = EncodePredicate(f.Predicate, symbols) });
        }

        foreach (var r in source.Rules)
        {
            block.Rules.Add(EncodeRule(r, symbols));
        }

        foreach (var c in source.Checks)
        {
            var check = new Schema.Check();
            if (c.Kind != CheckKind.One)
            {
                check.Kind = c.Kind == CheckKind.All ? Schema.Check.Types.Kind.All : Schema.Check.Types.Kind.Reject;
            }

            check.Queries.AddRange(c.Queries.Select(q => EncodeRule(q, symbols)));
            block.Checks.Add(check);
        }

        block.Scope.AddRange(source.Scopes.Select(s => EncodeScope(s, symbols)));
        var added = symbols.Symbols.Skip(symbolsBefore).ToList();
        if (added.Any(s => !IsValidUtf16(s)) || (context is not null && !IsValidUtf16(context)))
        {
            throw new BiscuitFormatException(BiscuitFormatError.InvalidBlock, "a string is not valid Unicode (lone surrogate)");
        }

        block.Symbols.AddRange(added);
        block.PublicKeys.AddRange(symbols.Keys.Skip(keysBefore).Select(EncodeKey));
        return block;
    }

    public static Schema.PublicKey EncodeKey(BiscuitPublicKey key) => new()
    {
        Algorithm = key.Algorithm == BiscuitAlgorithm.Ed25519 ? Schema.PublicKey.Types.Algorithm.Ed25519 : Schema.PublicKey.Types.Algorithm.Secp256R1,
        Key = ByteString.CopyFrom(key.Bytes),
    };

    public static BiscuitPublicKey DecodeKey(Schema.PublicKey? key)
    {
        if (key is null || !key.HasAlgorithm || !key.HasKey)
        {
            throw new BiscuitFormatException(BiscuitFormatError.Deserialization, "a public key is missing");
        }

        return key.Algorithm switch
        {
            Schema.PublicKey.Types.Algorithm.Ed25519 => BiscuitPublicKey.FromBytes(BiscuitAlgorithm.Ed25519, key.Key.Span),
            Schema.PublicKey.Types.Algorithm.Secp256R1 => BiscuitPublicKey.FromBytes(BiscuitAlgorithm.Secp256r1, key.Key.Span),
            _ => throw new BiscuitFormatException(BiscuitFormatError.InvalidKey, "unknown key algorithm"),
        };
    }

    private static Schema.Rule EncodeRule(Rule r, SymbolTable symbols)
    {
        var rule = new Schema.Rule { Head = EncodePredicate(r.Head, symbols) };
        rule.Body.AddRange(r.Body.Select(p => EncodePredicate(p, symbols)));
        foreach (var e in r.Expressions)
        {
            var expression = new Schema.Expression();
            expression.Ops.AddRange(EncodeOps(e.Ops, symbols));
            rule.Expressions.Add(expression);
        }

        rule.Scope.AddRange(r.Scopes.Select(s => EncodeScope(s, symbols)));
        return rule;
    }

    private static Schema.Scope EncodeScope(Scope s, SymbolTable symbols) => s.Kind switch
    {
        ScopeKind.Authority => new Schema.Scope { ScopeType = Schema.Scope.Types.ScopeType.Authority },
        ScopeKind.Previous => new Schema.Scope { ScopeType = Schema.Scope.Types.ScopeType.Previous },
        _ => new Schema.Scope { PublicKey = symbols.InsertKey(s.Key!) },
    };

    private static IEnumerable<Schema.Op> EncodeOps(IEnumerable<Op> ops, SymbolTable symbols)
    {
        foreach (var op in ops)
        {
            switch (op)
            {
                case ValueOp v:
                    yield return new Schema.Op { Value = EncodeTerm(v.Value, symbols) };
                    break;
                case UnaryOp u:
                {
                    var unary = new Schema.OpUnary { Kind = (Schema.OpUnary.Types.Kind)(int)u.Kind };
                    if (u.Kind == UnaryKind.Extern)
                    {
                        unary.FfiName = symbols.Insert(u.ExternName!);
                    }

                    yield return new Schema.Op { Unary = unary };
                    break;
                }

                case BinaryOp b:
                {
                    var binary = new Schema.OpBinary { Kind = (Schema.OpBinary.Types.Kind)(int)b.Kind };
                    if (b.Kind == BinaryKind.Extern)
                    {
                        binary.FfiName = symbols.Insert(b.ExternName!);
                    }

                    yield return new Schema.Op { Binary = binary };
                    break;
                }

                case ClosureOp c:
                {
                    var closure = new Schema.OpClosure();
                    closure.Params.AddRange(c.Parameters.Select(p => checked((uint)symbols.Insert(p))));
                    closure.Ops.AddRange(EncodeOps(c.Ops, symbols));
                    yield return new Schema.Op { Closure = closure };
                    break;
                }
            }
        }
    }

    private static Schema.Predicate EncodePredicate(Predicate p, SymbolTable symbols)
    {
        var predicate = new Schema.Predicate { Name = symbols.Insert(p.Name) };
        predicate.Terms.AddRange(p.Terms.Select(t => EncodeTerm(t, symbols)));
        return predicate;
    }

    private static Schema.Term EncodeTerm(Term term, SymbolTable symbols)
    {
        switch (term)
        {
            case VariableTerm v:
                return new Schema.Term { Variable = checked((uint)symbols.Insert(v.Name)) };
            case IntegerTerm i:
                return new Schema.Term { Integer = i.Value };
            case StringTerm s:
                return new Schema.Term { String = symbols.Insert(s.Value) };
            case DateTerm d:
                return new Schema.Term { Date = d.Seconds };
            case BytesTerm b:
                return new Schema.Term { Bytes = ByteString.CopyFrom(b.Span) };
            case BoolTerm b:
                return new Schema.Term { Bool = b.Value };
            case SetTerm set:
            {
                var s = new Schema.TermSet();
                s.Set.AddRange(set.Values.Select(v => EncodeTerm(v, symbols)));
                return new Schema.Term { Set = s };
            }

            case NullTerm:
                return new Schema.Term { Null = new Schema.Empty() };
            case ArrayTerm array:
            {
                var a = new Schema.Array();
                a.Array_.AddRange(array.Values.Select(v => EncodeTerm(v, symbols)));
                return new Schema.Term { Array = a };
            }

            case MapTerm map:
            {
                var m = new Schema.Map();
                foreach (var (key, value) in map.Entries)
                {
                    m.Entries.Add(new Schema.MapEntry
                    {
                        Key = key.IsString ? new Schema.MapKey { String = symbols.Insert(key.Text!) } : new Schema.MapKey { Integer = key.Integer },
                        Value = EncodeTerm(value, symbols),
                    });
                }

                return new Schema.Term { Map = m };
            }

            default:
                throw new BiscuitFormatException(BiscuitFormatError.InvalidBlock, "unknown term");
        }
    }

    /// <summary>
    /// Checks that the block's strings (symbols, context) are valid UTF-8 before protobuf decodes them: the C# runtime
    /// would silently replace invalid bytes, and two readers must never see different strings in one signed block.
    /// </summary>
    public static void RequireValidUtf8(byte[] data)
    {
        try
        {
            var input = new CodedInputStream(data);
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                var field = WireFormat.GetTagFieldNumber(tag);
                if ((field == 1 || field == 2) && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
                {
                    if (!System.Text.Unicode.Utf8.IsValid(input.ReadBytes().Span))
                    {
                        throw Malformed("a block string is not valid UTF-8");
                    }
                }
                else
                {
                    input.SkipLastField();
                }
            }
        }
        catch (InvalidProtocolBufferException)
        {
            throw Malformed("a block is not valid protobuf");
        }
    }

    private static bool IsValidUtf16(string s) => System.Text.Unicode.Utf8.FromUtf16(s, new byte[System.Text.Encoding.UTF8.GetMaxByteCount(s.Length)], out _, out _, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done;

    private static BiscuitFormatException Malformed(string message) => new(BiscuitFormatError.BlockDeserialization, message);
}
