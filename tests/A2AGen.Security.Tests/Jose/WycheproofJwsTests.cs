using System.Text;
using System.Text.Json;
using A2AGen.Security.Tests.Support;

namespace A2AGen.Security.Tests.Jose;

/// <summary>
/// Wycheproof <c>json_web_signature_test.json</c>: the ES256 groups give Wycheproof's result; every other case uses an
/// algorithm A2AGen never accepts (HS*, RS*, PS*, ES512) and must be refused.
/// </summary>
public sealed class WycheproofJwsTests
{
    private static readonly WycheproofFile Vectors = new("json_web_signature_test.json");

    private static readonly string[] Es256Groups = ["es256", "SpecialCaseEs256", "ec_key_for_encryption"];

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var (group, test) in Vectors.Cases())
        {
            data.Add(group.GetProperty("comment").GetString()!, WycheproofFile.TcId(test));
        }

        return data;
    }

    [Fact]
    public void File_has_401_cases() => Assert.Equal(401, Cases().Count);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_is_handled(string group, int tcId)
    {
        var (groupElement, test) = Vectors.Find(tcId);
        string token = test.GetProperty("jws").GetString()!;
        bool expectedValid = test.GetProperty("result").GetString() == "valid";

        var trust = new TrustStore();
        bool keyAccepted = true;
        if (groupElement.TryGetProperty("public", out var publicJwk) && publicJwk.GetProperty("kty").GetString() is "EC" or "OKP")
        {
            try
            {
                var jwk = JsonWebKey.Parse(Encoding.UTF8.GetBytes(publicJwk.GetRawText()));
                trust.Add("peer", jwk.PublicKey, jwk.KeyId);
            }
            catch (FormatException)
            {
                keyAccepted = false;
            }
        }

        var result = new JwsVerifier(trust).Verify(token);
        if (Es256Groups.Contains(group))
        {
            Assert.Equal(expectedValid, keyAccepted && result.IsValid);
            if (!expectedValid && keyAccepted && test.GetProperty("comment").GetString() is "rejectsModifiedSignature" or "rejectsModifiedPayload" or "rejectsModifiedHeader")
            {
                Assert.Contains(result.Failure, new[] { VerificationFailure.SignatureInvalid, VerificationFailure.KeyNotFound });
            }
        }
        else
        {
            // Not ES256 or EdDSA: refused before any key is used, whatever Wycheproof expects for that algorithm.
            Assert.False(result.IsValid);
            Assert.Contains(result.Failure, new[] { VerificationFailure.AlgorithmNotAllowed, VerificationFailure.MalformedBase64Url, VerificationFailure.MalformedToken, VerificationFailure.PayloadMissing });
        }
    }
}
