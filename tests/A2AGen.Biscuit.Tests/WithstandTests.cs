using A2AGen.Biscuit.Crypto;
using A2AGen.Biscuit.Datalog;
using Google.Protobuf;
using Schema = global::Biscuit.Format.Schema;

namespace A2AGen.Biscuit.Tests;

/// <summary>Hostile and broken input: each is refused with a clear error, never an unexpected exception.</summary>
public sealed class WithstandTests
{
    private static readonly BiscuitKeyPair Root = BiscuitKeyPair.Create();

    private static BiscuitToken ThreeBlocks() => BiscuitToken.Create(Root, "right(\"file1\", \"read\");")
        .Attenuate("check if resource($r), right($r, \"read\");")
        .Attenuate("check if operation(\"read\");");

    private static BiscuitFormatError Refusal(byte[] bytes) =>
        Assert.Throws<BiscuitFormatException>(() => BiscuitToken.FromBytes(bytes, Root.PublicKey)).Error;

    [Fact]
    public void Every_truncation_of_a_token_is_refused_as_malformed()
    {
        var bytes = ThreeBlocks().ToBytes();
        for (var length = 0; length < bytes.Length; length++)
        {
            var error = Refusal(bytes[..length]);
            Assert.True(error is BiscuitFormatError.Deserialization or BiscuitFormatError.InvalidKey or BiscuitFormatError.BlockDeserialization or BiscuitFormatError.InvalidSignature or BiscuitFormatError.InvalidSignatureSize, $"length {length}: {error}");
        }
    }

    [Fact]
    public void Oversized_tokens_are_refused_before_parsing()
    {
        var bytes = ThreeBlocks().ToBytes();
        var small = new BiscuitReadOptions { MaxTokenBytes = bytes.Length - 1 };
        Assert.Equal(BiscuitFormatError.TooLarge, Assert.Throws<BiscuitFormatException>(() => BiscuitToken.FromBytes(bytes, Root.PublicKey, small)).Error);
        Assert.Equal(BiscuitFormatError.TooLarge, Assert.Throws<BiscuitFormatException>(() => BiscuitToken.FromBase64(new string('A', 200_000), Root.PublicKey)).Error);
        Assert.Equal(BiscuitFormatError.TooLarge, Refusal(new byte[100_000]));

        var token = BiscuitToken.Create(Root, "right(\"x\");");
        for (var i = 1; i < 63; i++)
        {
            token = token.Attenuate("check if true;");
        }

        Assert.Equal(BiscuitFormatError.TooLarge, Assert.Throws<BiscuitFormatException>(() => token.Attenuate("check if true;")).Error);
        var fewer = new BiscuitReadOptions { MaxBlocks = 10 };
        Assert.Equal(BiscuitFormatError.TooLarge, Assert.Throws<BiscuitFormatException>(() => BiscuitToken.FromBytes(token.ToBytes(), Root.PublicKey, fewer)).Error);
    }

    [Fact]
    public void A_block_signed_by_the_wrong_key_is_refused()
    {
        // Block 1 of another token from the same root was signed by that token's ephemeral key, not this one's.
        var mine = Schema.Biscuit.Parser.ParseFrom(ThreeBlocks().ToBytes());
        var other = Schema.Biscuit.Parser.ParseFrom(ThreeBlocks().ToBytes());
        mine.Blocks[0] = other.Blocks[0];
        Assert.Equal(BiscuitFormatError.InvalidSignature, Refusal(mine.ToByteArray()));
    }

    [Fact]
    public void A_forged_block_is_refused()
    {
        var message = Schema.Biscuit.Parser.ParseFrom(ThreeBlocks().ToBytes());
        var block = Schema.Block.Parser.ParseFrom(message.Authority.Block);
        block.Symbols[0] = "file2"; // grant file2 instead of file1
        message.Authority.Block = block.ToByteString();
        Assert.Equal(BiscuitFormatError.InvalidSignature, Refusal(message.ToByteArray()));

        var dropped = Schema.Biscuit.Parser.ParseFrom(ThreeBlocks().ToBytes());
        dropped.Blocks.RemoveAt(1); // remove the last restriction, keep the proof
        Assert.Equal(BiscuitFormatError.InvalidSignature, Refusal(dropped.ToByteArray()));
    }

    [Fact]
    public void Reordered_blocks_are_refused()
    {
        var message = Schema.Biscuit.Parser.ParseFrom(ThreeBlocks().ToBytes());
        (message.Blocks[0], message.Blocks[1]) = (message.Blocks[1], message.Blocks[0]);
        Assert.Equal(BiscuitFormatError.InvalidSignature, Refusal(message.ToByteArray()));
    }

    [Fact]
    public void A_sealed_token_cannot_be_attenuated()
    {
        var sealedToken = BiscuitToken.FromBytes(ThreeBlocks().Seal().ToBytes(), Root.PublicKey);
        Assert.Equal(BiscuitFormatError.Sealed, Assert.Throws<BiscuitFormatException>(() => sealedToken.Attenuate("check if true;")).Error);
        Assert.Equal(BiscuitFormatError.Sealed, Assert.Throws<BiscuitFormatException>(() => sealedToken.Seal()).Error);
        Assert.Equal(BiscuitFormatError.Sealed, Assert.Throws<BiscuitFormatException>(() => sealedToken.CreateThirdPartyRequest()).Error);

        // Appending a block to the sealed bytes by hand breaks the seal.
        var message = Schema.Biscuit.Parser.ParseFrom(sealedToken.ToBytes());
        var extra = Schema.Biscuit.Parser.ParseFrom(ThreeBlocks().ToBytes()).Blocks[1];
        message.Blocks.Add(extra);
        Assert.Equal(BiscuitFormatError.InvalidSignature, Refusal(message.ToByteArray()));
    }

    [Fact]
    public void Datalog_that_does_not_finish_in_time_is_stopped()
    {
        // 30^4 combinations: far more work than the time limit allows. The clock advances 1 ms at every reading, so
        // the limit is reached deterministically after a bounded number of steps.
        var clock = new SteppingClock();
        var authorizer = new Authorizer(string.Concat(Enumerable.Range(0, 30).Select(i => $"n({i});")) + "p($a, $b, $c, $d) <- n($a), n($b), n($c), n($d); allow if true;")
        {
            Limits = new AuthorizerLimits { MaxFacts = int.MaxValue, MaxIterations = 100, MaxTime = TimeSpan.FromMilliseconds(50) },
            TimeProvider = clock,
        };
        var result = authorizer.Authorize(null);
        Assert.Equal(AuthorizationOutcome.RunLimitExceeded, result.Outcome);
        Assert.Equal(RunLimit.Timeout, result.RunLimit);
        Assert.Contains("Timeout", result.Reason, StringComparison.Ordinal);

        // With the real clock too, the evaluation stops close to the limit.
        authorizer.TimeProvider = TimeProvider.System;
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(RunLimit.Timeout, authorizer.Authorize(null).RunLimit);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), started.Elapsed.ToString());
    }

    [Fact]
    public void A_rule_generating_too_many_facts_is_stopped()
    {
        var token = BiscuitToken.FromBytes(BiscuitToken.Create(Root, string.Concat(Enumerable.Range(0, 50).Select(i => $"n({i});")) + "pair($a, $b) <- n($a), n($b);").ToBytes(), Root.PublicKey);
        var result = new Authorizer("allow if true;") { Limits = new AuthorizerLimits { MaxFacts = 1000, MaxTime = TimeSpan.FromSeconds(30) } }.Authorize(token);
        Assert.Equal(RunLimit.TooManyFacts, result.RunLimit);

        var chain = string.Concat(Enumerable.Range(0, 40).Select(i => $"edge({i}, {i + 1});")) + "path($a, $b) <- edge($a, $b); path($a, $c) <- path($a, $b), edge($b, $c); allow if true;";
        var deep = new Authorizer(chain) { Limits = new AuthorizerLimits { MaxFacts = 100_000, MaxIterations = 10, MaxTime = TimeSpan.FromSeconds(30) } }.Authorize(null);
        Assert.Equal(RunLimit.TooManyIterations, deep.RunLimit);
    }

    [Fact]
    public void A_revoked_token_is_refused()
    {
        var token = ThreeBlocks();
        var options = new BiscuitReadOptions { RevokedIds = new HashSet<string> { token.RevocationIdsHex[1] } };
        Assert.Equal(BiscuitFormatError.Revoked, Assert.Throws<BiscuitFormatException>(() => BiscuitToken.FromBytes(token.ToBytes(), Root.PublicKey, options)).Error);

        // Attenuating does not escape revocation: the revoked block's id is still in the token.
        var attenuated = token.Attenuate("check if true;");
        Assert.Equal(BiscuitFormatError.Revoked, Assert.Throws<BiscuitFormatException>(() => BiscuitToken.FromBytes(attenuated.ToBytes(), Root.PublicKey, options)).Error);
    }

    [Fact]
    public void A_token_for_another_agent_is_refused()
    {
        var token = BiscuitToken.FromBytes(BiscuitToken.Create(Root, "right(\"budget\", \"approve\");").Attenuate("check if agent(\"finance\");").ToBytes(), Root.PublicKey);
        var policy = new Authorizer("allow if right(\"budget\", \"approve\");") { Limits = TestLimits.Generous };
        var other = policy.Authorize(token, [new Fact("agent", Term.String("travel"))]);
        Assert.Equal(AuthorizationOutcome.Unauthorized, other.Outcome);
        Assert.Equal(new FailedCheck(1, 0, "check if agent(\"finance\")"), Assert.Single(other.FailedChecks));
        Assert.True(policy.Authorize(token, [new Fact("agent", Term.String("finance"))]).IsAllowed);

        // A block cannot satisfy the check by asserting the ambient fact itself: block 2's facts are not trusted by block 1.
        var selfServed = BiscuitToken.FromBytes(token.Attenuate("agent(\"finance\");").ToBytes(), Root.PublicKey);
        Assert.Equal(AuthorizationOutcome.Unauthorized, policy.Authorize(selfServed, [new Fact("agent", Term.String("travel"))]).Outcome);
    }

    [Theory]
    [InlineData("emoji 😁 and é")]
    [InlineData("combining e\u0301 vs \u00e9")]
    [InlineData("right-to-left \u202e evil")]
    [InlineData("zero\u200bwidth")]
    [InlineData("nul \0 inside")]
    [InlineData("quote \" and backslash \\ and newline \n")]
    [InlineData("")]
    public void Unicode_strings_survive_tokens_and_text(string value)
    {
        var token = BiscuitToken.Create(Root, new DatalogSource([new Fact("name", Term.String(value))], [], [], [], []));
        var read = BiscuitToken.FromBytes(token.ToBytes(), Root.PublicKey);
        Assert.Equal(value, ((StringTerm)read.Blocks[0].Source.Facts[0].Predicate.Terms[0]).Value);

        // Printed and parsed back, the string is the same; and .length() counts UTF-8 bytes.
        var printed = read.Blocks[0].Source.ToString();
        Assert.Equal(value, ((StringTerm)DatalogParser.ParseBlock(printed).Facts[0].Predicate.Terms[0]).Value);
        var bytes = System.Text.Encoding.UTF8.GetByteCount(value);
        Assert.True(new Authorizer($"check if name($n), $n.length() === {bytes}; allow if true;") { Limits = TestLimits.Generous }.Authorize(read).IsAllowed);

        // Equality is exact: a visually identical but differently encoded string does not match.
        var different = new Authorizer($"allow if name(\"{value.Normalize(System.Text.NormalizationForm.FormD).Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n")}\");") { Limits = TestLimits.Generous }.Authorize(read);
        Assert.Equal(value == value.Normalize(System.Text.NormalizationForm.FormD), different.IsAllowed);
    }

    [Fact]
    public void Invalid_unicode_is_refused()
    {
        Assert.Throws<DatalogParseException>(() => DatalogParser.ParseFact("name(\"lone \ud800 surrogate\");"));
        Assert.Equal(BiscuitFormatError.InvalidBlock, Assert.Throws<BiscuitFormatException>(() => BiscuitToken.Create(Root, new DatalogSource([new Fact("name", Term.String("lone \ud800"))], [], [], [], []))).Error);

        // A block whose symbol table holds invalid UTF-8, signed correctly, is refused as malformed.
        var block = new Schema.Block { Version = 3 };
        block.Symbols.Add("placeholder");
        block.Facts.Add(new Schema.Fact { Predicate = new Schema.Predicate { Name = 1024 } });
        var data = block.ToByteArray();
        var index = data.AsSpan().IndexOf("placeholder"u8);
        data[index] = 0xff;
        var forged = Sign(data);
        var e = Assert.Throws<BiscuitFormatException>(() => BiscuitToken.FromBytes(forged, Root.PublicKey));
        Assert.Equal(BiscuitFormatError.BlockDeserialization, e.Error);
    }

    private static byte[] Sign(byte[] data)
    {
        using var next = BiscuitKeyPair.Create();
        var signature = Root.Sign(Token.Signatures.BlockPayload(0, data, next.PublicKey, default, false, default, isAuthority: true));
        var message = new Schema.Biscuit
        {
            Authority = new Schema.SignedBlock { Block = ByteString.CopyFrom(data), NextKey = Format.BlockCodec.EncodeKey(next.PublicKey), Signature = ByteString.CopyFrom(signature) },
            Proof = new Schema.Proof { NextSecret = ByteString.CopyFrom(next.ExportPrivateKey()) },
        };
        return message.ToByteArray();
    }

    /// <summary>A fake clock that moves 1 ms forward every time it is read.</summary>
    private sealed class SteppingClock : FakeTimeProvider
    {
        public override long GetTimestamp()
        {
            Advance(TimeSpan.FromMilliseconds(1));
            return base.GetTimestamp();
        }
    }
}
