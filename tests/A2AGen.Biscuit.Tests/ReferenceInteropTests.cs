using System.Text.Json.Nodes;
using A2AGen.Biscuit.Crypto;
using Xunit.Abstractions;

namespace A2AGen.Biscuit.Tests;

/// <summary>
/// Interop with the reference implementation (<c>@biscuit-auth/biscuit-wasm</c> 0.6.0): tokens minted, attenuated,
/// sealed and extended with third-party blocks by either side verify in the other and authorize with the same outcome.
/// </summary>
public sealed class ReferenceInteropTests(ITestOutputHelper output)
{
    private const string Authority = "right(\"file1\", \"read\"); right(\"file2\", \"read\"); right(\"file1\", \"write\"); user(\"alice\");";
    private const string Block1 = "check if resource($r), operation($op), right($r, $op);";
    private const string Block2 = "check if time($t), $t < 2030-01-01T00:00:00Z;";

    /// <summary>Authorizers with different outcomes: allowed, a failed check in each block, a deny policy, no policy.</summary>
    private static readonly string[] Authorizers =
    [
        "resource(\"file1\"); operation(\"read\"); time(2025-06-01T00:00:00Z); allow if user($u);",
        "resource(\"file2\"); operation(\"write\"); time(2025-06-01T00:00:00Z); allow if user($u);",
        "resource(\"file1\"); operation(\"write\"); time(2031-01-01T00:00:00Z); allow if user($u);",
        "resource(\"file1\"); operation(\"read\"); time(2025-06-01T00:00:00Z); deny if user(\"alice\"); allow if true;",
        "resource(\"file1\"); operation(\"read\"); time(2025-06-01T00:00:00Z); check if user(\"bob\");",
    ];

    [Theory]
    [InlineData(BiscuitAlgorithm.Ed25519)]
    [InlineData(BiscuitAlgorithm.Secp256r1)]
    public void Tokens_minted_by_the_reference_verify_and_authorize_the_same_here(BiscuitAlgorithm algorithm)
    {
        using var root = BiscuitKeyPair.Create(algorithm);
        var minted = BiscuitPeer.Run(Mint(root, Authority, [Block1, Block2]))[0]!;
        var base64 = (string)minted["token"]!;
        var token = BiscuitToken.FromBase64(base64, root.PublicKey);

        var inspected = BiscuitPeer.Run(Op("inspect", base64, root))[0]!;
        Assert.Equal(inspected["revocationIds"]!.AsArray().Select(i => (string)i!), token.RevocationIdsHex);
        Assert.Equal(inspected["blocks"]!.AsArray().Select(b => (string)b!), token.Blocks.Select(b => b.Source.ToString()));
        AssertSameOutcomes(base64, token, root);
    }

    [Theory]
    [InlineData(BiscuitAlgorithm.Ed25519)]
    [InlineData(BiscuitAlgorithm.Secp256r1)]
    public void Tokens_minted_here_verify_and_authorize_the_same_in_the_reference(BiscuitAlgorithm algorithm)
    {
        using var root = BiscuitKeyPair.Create(algorithm);
        var token = BiscuitToken.Create(root, Authority, rootKeyId: null).Attenuate(Block1).Attenuate(Block2);
        var inspected = BiscuitPeer.Run(Op("inspect", token.ToBase64(), root))[0]!;
        Assert.Equal(token.RevocationIdsHex, inspected["revocationIds"]!.AsArray().Select(i => (string)i!));
        AssertSameOutcomes(token.ToBase64(), token, root);

        // v3.3 features (reject if, closures, arrays and maps) and sealing travel too.
        var v33 = token.Attenuate("reject if operation(\"delete\"); check if [\"read\", \"write\"].any($o -> $o == \"read\"), {\"a\": 1}.get(\"a\") == 1;").Seal();
        AssertSameOutcomes(v33.ToBase64(), v33, root);
    }

    [Fact]
    public void Attenuations_made_by_the_other_side_verify_on_both_sides()
    {
        using var root = BiscuitKeyPair.Create();

        // Ours, attenuated by the reference.
        var ours = BiscuitToken.Create(root, Authority).Attenuate(Block1);
        var theirsOnOurs = (string)BiscuitPeer.Run(Op("attenuate", ours.ToBase64(), root, ("block", Block2)))[0]!["token"]!;
        AssertSameOutcomes(theirsOnOurs, BiscuitToken.FromBase64(theirsOnOurs, root.PublicKey), root);

        // The reference's, attenuated here (and sealed here).
        var theirs = (string)BiscuitPeer.Run(Mint(root, Authority, [Block1]))[0]!["token"]!;
        var oursOnTheirs = BiscuitToken.FromBase64(theirs, root.PublicKey).Attenuate(Block2);
        AssertSameOutcomes(oursOnTheirs.ToBase64(), oursOnTheirs, root);
        var sealedHere = oursOnTheirs.Seal();
        AssertSameOutcomes(sealedHere.ToBase64(), sealedHere, root);

        // Sealed by the reference, read here; attenuating it is refused here as it would be there.
        var sealedThere = (string)BiscuitPeer.Run(Mint(root, Authority, [Block1, Block2], seal: true))[0]!["token"]!;
        var read = BiscuitToken.FromBase64(sealedThere, root.PublicKey);
        Assert.True(read.IsSealed);
        Assert.Equal(BiscuitFormatError.Sealed, Assert.Throws<BiscuitFormatException>(() => read.Attenuate("check if true;")).Error);
        var refused = BiscuitPeer.Run(Op("attenuate", sealedThere, root, ("block", "check if true;")))[0]!;
        Assert.NotNull(refused["error"]);
    }

    [Theory]
    [InlineData(BiscuitAlgorithm.Ed25519)]
    [InlineData(BiscuitAlgorithm.Secp256r1)]
    public void Third_party_blocks_made_by_either_side_are_accepted_by_both(BiscuitAlgorithm thirdPartyAlgorithm)
    {
        using var root = BiscuitKeyPair.Create();
        using var thirdParty = BiscuitKeyPair.Create(thirdPartyAlgorithm);
        var authority = $"right(\"read\"); check if group(\"admin\") trusting {thirdParty.PublicKey};";
        const string allow = "allow if right(\"read\");";

        // Our token, third-party block signed by the reference, appended here.
        var ours = BiscuitToken.Create(root, authority);
        var block = BiscuitPeer.Run(new JsonObject
        {
            ["op"] = "thirdPartyBlock",
            ["request"] = ours.CreateThirdPartyRequest().ToBase64(),
            ["algorithm"] = Algorithm(thirdParty.Algorithm),
            ["privateKey"] = Convert.ToHexStringLower(thirdParty.ExportPrivateKey()),
            ["block"] = "group(\"admin\");",
        })[0]!;
        var extended = ours.AppendThirdPartyBlock(ThirdPartyBlock.FromBase64((string)block["block"]!));
        var here = new Authorizer(allow) { Limits = TestLimits.Generous }.Authorize(BiscuitToken.FromBase64(extended.ToBase64(), root.PublicKey));
        Assert.True(here.IsAllowed, here.Reason + "\n" + BiscuitToken.FromBase64(extended.ToBase64(), root.PublicKey));
        AssertSameOutcome(extended.ToBase64(), extended, root, allow);

        // The reference's token and third-party request; the block is signed here and appended here (biscuit-wasm
        // 0.6.0 cannot load a third-party block it did not create: its ThirdPartyBlock.fromBytes decodes a request).
        var theirs = (string)BiscuitPeer.Run(Mint(root, authority, []))[0]!["token"]!;
        var request = ThirdPartyRequest.FromBase64((string)BiscuitPeer.Run(Op("thirdPartyRequest", theirs, root))[0]!["request"]!);
        var ourBlock = request.CreateBlock(thirdParty, Datalog.DatalogParser.ParseBlock("group(\"admin\");"));
        var appended = BiscuitToken.FromBase64(theirs, root.PublicKey).AppendThirdPartyBlock(ourBlock);
        Assert.Equal(thirdParty.PublicKey, appended.Blocks[1].ExternalKey);
        AssertSameOutcome(appended.ToBase64(), appended, root, allow);
        AssertSameOutcome(appended.ToBase64(), appended, root, "allow if group(\"admin\");");
    }

    private void AssertSameOutcomes(string base64, BiscuitToken token, BiscuitKeyPair root)
    {
        var theirs = BiscuitPeer.Run([.. Authorizers.Select(a => Op("authorize", base64, root, ("authorizer", a)))]);
        for (var i = 0; i < Authorizers.Length; i++)
        {
            Compare(theirs[i]!, token, root, Authorizers[i]);
        }
    }

    private void AssertSameOutcome(string base64, BiscuitToken token, BiscuitKeyPair root, string authorizer) =>
        Compare(BiscuitPeer.Run(Op("authorize", base64, root, ("authorizer", authorizer)))[0]!, token, root, authorizer);

    private void Compare(JsonNode theirs, BiscuitToken token, BiscuitKeyPair root, string authorizer)
    {
        var expected = theirs["policy"] is { } policy ? new JsonObject { ["Ok"] = (int)policy } : new JsonObject { ["Err"] = theirs["error"]!.DeepClone() };
        var ours = new Authorizer(authorizer) { Limits = TestLimits.Generous }.Authorize(BiscuitToken.FromBytes(token.ToBytes(), root.PublicKey));
        output.WriteLine($"{authorizer}\n  reference: {expected.ToJsonString()}\n  ours:      {ours.Outcome} {ours.Reason}");
        var differences = ReferenceOutcome.Compare(expected.ToElement(), ours).ToList();
        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    private static string Algorithm(BiscuitAlgorithm algorithm) => algorithm == BiscuitAlgorithm.Ed25519 ? "ed25519" : "secp256r1";

    private static JsonObject Mint(BiscuitKeyPair root, string authority, string[] blocks, bool seal = false) => new()
    {
        ["op"] = "mint",
        ["algorithm"] = Algorithm(root.Algorithm),
        ["rootPrivateKey"] = Convert.ToHexStringLower(root.ExportPrivateKey()),
        ["authority"] = authority,
        ["blocks"] = new JsonArray([.. blocks.Select(b => (JsonNode)b)]),
        ["seal"] = seal,
    };

    private static JsonObject Op(string op, string token, BiscuitKeyPair root, params (string Key, string Value)[] extra)
    {
        var o = new JsonObject
        {
            ["op"] = op,
            ["token"] = token,
            ["algorithm"] = Algorithm(root.Algorithm),
            ["rootPublicKey"] = Convert.ToHexStringLower(root.PublicKey.Bytes),
        };
        foreach (var (key, value) in extra)
        {
            o[key] = value;
        }

        return o;
    }
}
