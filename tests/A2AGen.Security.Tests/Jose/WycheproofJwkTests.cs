using System.Text;
using System.Text.Json;
using A2AGen.Security.Tests.Support;

namespace A2AGen.Security.Tests.Jose;

/// <summary>
/// Wycheproof <c>json_web_key_test.json</c>. Applicable cases (EC keys, key-set policy) are rejected exactly as
/// Wycheproof expects. The remaining ones use RSA or symmetric keys, which A2AGen never accepts, so their sets are
/// refused as unsupported even where Wycheproof calls the token valid.
/// </summary>
public sealed class WycheproofJwkTests
{
    private static readonly WycheproofFile Vectors = new("json_web_key_test.json");

    public static TheoryData<int> Cases() => Vectors.CaseIds();

    [Fact]
    public void File_has_26_cases() => Assert.Equal(26, Cases().Count);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Key_set_and_token_are_handled(int tcId)
    {
        var (group, test) = Vectors.Find(tcId);
        bool expectedValid = test.GetProperty("result").GetString() == "valid";
        var set = group.TryGetProperty("public", out var pub) ? pub : group.GetProperty("private");
        var kinds = set.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kty").GetString()).ToList();
        bool applicable = kinds.All(k => k is "EC" or "OKP") || group.GetProperty("comment").GetString() is "jws_mixedSymmetryKeyset" or "jws_duplicate_kid";

        JsonWebKeySet? parsed = null;
        var parseError = Record.Exception(() => parsed = JsonWebKeySet.Parse(Encoding.UTF8.GetBytes(set.GetRawText())));
        bool accepted = false;
        if (parsed is not null)
        {
            var trust = new TrustStore();
            trust.Add("peer", parsed);
            accepted = new JwsVerifier(trust).Verify(test.GetProperty("jws").GetString()).IsValid;
        }

        if (applicable)
        {
            Assert.Equal(expectedValid, accepted);
        }
        else
        {
            Assert.False(accepted);
            var format = Assert.IsType<FormatException>(parseError);
            Assert.Matches("not supported|not allowed|private member", format.Message);
        }

    }

    [Fact]
    public void Public_set_with_a_private_member_is_rejected()
    {
        using var key = SigningKey.Create(SigningAlgorithm.Ed25519, new SigningKeyOptions { ExportPolicy = SigningKeyExportPolicies.AllowPlaintextExport });
        string x = StrictBase64Url.Encode(key.PublicKey.Export(KeyFormat.RawPublicKey));
        string d = StrictBase64Url.Encode(key.Export(KeyFormat.RawPrivateKey));
        string json = $$"""{"keys":[{"kty":"OKP","crv":"Ed25519","x":"{{x}}","d":"{{d}}"}]}""";
        var error = Assert.Throws<FormatException>(() => JsonWebKeySet.Parse(json));
        Assert.Contains("private member 'd'", error.Message);
        Assert.DoesNotContain(d, error.Message);
    }

    [Theory]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","alg":"ES256"}""", "'alg'")]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","use":"enc"}""", "'use'")]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","key_ops":["sign"]}""", "verify")]
    [InlineData("""{"kty":"OKP","crv":"Ed448","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""", "Ed448")]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo="}""", "base64url")]
    [InlineData("""{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURp"}""", "base64url")]
    [InlineData("""{"kty":"OKP","kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}""", "twice")]
    [InlineData("""{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"}""", "'y'")]
    public void Malformed_or_inconsistent_JWK_says_why(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => JsonWebKey.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Duplicate_kid_in_a_set_is_rejected()
    {
        string json = """{"keys":[{"kty":"OKP","crv":"Ed25519","kid":"a","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},{"kty":"OKP","crv":"Ed25519","kid":"a","x":"PUAXw-hDiVqStwqnTRt-vJyYLM8uxJaMwM1V8Sr0Zgw"}]}""";
        Assert.Contains("kid 'a'", Assert.Throws<FormatException>(() => JsonWebKeySet.Parse(json)).Message);
    }

    [Fact]
    public void Published_set_round_trips_and_never_has_d()
    {
        using var ed = SigningKey.Create(SigningAlgorithm.Ed25519);
        using var ec = SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256);
        var set = JsonWebKeySet.Create([ed.PublicKey, ec.PublicKey]);
        string json = set.ToJson();
        Assert.DoesNotContain("\"d\"", json);
        Assert.Contains("\"use\":\"sig\"", json);
        var again = JsonWebKeySet.Parse(json);
        Assert.Equal([ed.PublicKey, ec.PublicKey], again.Keys.Select(k => k.PublicKey));
        Assert.Equal(ed.PublicKey.Thumbprint, again.Keys[0].KeyId);
        Assert.Equal("ES256", again.Keys[1].Algorithm);
    }
}
