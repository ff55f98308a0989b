using System.Security.Cryptography;
using System.Text.Json;
using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;
using A2AGen.Provenance;
using A2AGen.Security;

namespace A2AGen.Security.Tests.Provenance;

/// <summary>
/// The content digest is SHA-256 over the RFC 8785 form of the content's A2A JSON, however the JSON values inside it
/// (data parts, metadata) were spelled when parsed: whitespace, escapes, member order and number spelling change nothing.
/// </summary>
public sealed class ContentDigestTests
{
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    // The definition, computed the long way: the artifact's JSON as A2AJson writes it, canonicalized, hashed.
    private static string Expected(Artifact artifact)
    {
        var withoutEnvelope = artifact with { Metadata = null };
        return "sha-256:" + Base64Url(SHA256.HashData(JsonCanonicalizer.Canonicalize(A2AJson.SerializeToUtf8Bytes(withoutEnvelope))));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Artifact WithData(string json, JsonDocumentOptions options = default) => new()
    {
        ArtifactId = "a-1",
        Parts = [Part.FromData(JsonDocument.Parse(json, options).RootElement.Clone())],
    };

    [Theory]
    [InlineData("""{"b":1,"a":[1.50,2e3,"\u00e9\n"],"c":{"y":true,"x":null}}""")]
    [InlineData("""  { "b" : 1 ,  "a" : [ 1.5 , 2000 , "é\n" ] , "c" : { "x" : null , "y" : true } }  """)]
    [InlineData("""{"😀":"\ud83d\ude00","\ufb33":"דּ","":""}""")]
    public void A_data_part_digests_to_the_RFC_8785_form_of_the_artifact_whatever_its_spelling(string data)
    {
        var artifact = WithData(data);
        Assert.Equal(Expected(artifact), ProvenanceFormat.ComputeDigest(artifact));
    }

    [Fact]
    public void Differently_spelled_equal_data_has_one_digest_and_different_data_another()
    {
        var compact = ProvenanceFormat.ComputeDigest(WithData("""{"rate":0.92,"to":"EUR"}"""));
        Assert.Equal(compact, ProvenanceFormat.ComputeDigest(WithData("""{ "to" : "\u0045UR", "rate" : 9.2e-1 }""")));
        Assert.NotEqual(compact, ProvenanceFormat.ComputeDigest(WithData("""{"rate":0.97,"to":"EUR"}""")));
    }

    [Fact]
    public void Data_parsed_with_comments_and_trailing_commas_digests_like_the_same_data_without()
    {
        var lenient = WithData("""{ "b": 1, /* a comment */ "a": [2, 3,], }""", Lenient);
        Assert.Equal(ProvenanceFormat.ComputeDigest(WithData("""{"a":[2,3],"b":1}""")), ProvenanceFormat.ComputeDigest(lenient));
    }

    [Fact]
    public void Metadata_values_count_and_the_envelope_does_not()
    {
        var artifact = WithData("""{"x":1}""") with
        {
            Metadata = new Dictionary<string, JsonElement> { ["note"] = JsonDocument.Parse(""" { "k" : "v" } """).RootElement.Clone() },
        };
        var digest = ProvenanceFormat.ComputeDigest(artifact);
        Assert.NotEqual(ProvenanceFormat.ComputeDigest(WithData("""{"x":1}""")), digest);

        using var key = SigningKey.Create(SigningAlgorithm.Ed25519);
        var signed = new ProvenanceSigner(key, "currency-agent").Sign(artifact, new ProvenanceBinding("t", "c"));
        Assert.Equal(digest, ProvenanceFormat.ComputeDigest(signed));
        Assert.Equal(digest, ProvenanceEnvelope.Parse(ProvenanceFormat.FindEnvelope(signed)!.Value).Statement.Digest);
    }
}
