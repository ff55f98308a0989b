using A2AGen.Protocol.Serialization;

namespace A2AGen.Runtime.Tests.Protocol;

public sealed class ProtoJsonNormalizerTests
{
    [Theory]
    [InlineData("context_id", "contextId")]
    [InlineData("open_id_connect_url", "openIdConnectUrl")]
    [InlineData("oauth2_metadata_url", "oauth2MetadataUrl")]
    [InlineData("contextId", "contextId")]
    [InlineData("_private", "_private")]
    [InlineData("trailing_", "trailing_")]
    [InlineData("@type", "@type")]
    public void Converts_proto_field_names(string name, string expected)
    {
        Assert.Equal(expected, ProtoJsonNormalizer.ToCamelCase(name));
    }

    [Fact]
    public void Camel_case_input_needs_no_rewrite()
    {
        var json = """{"messageId":"m","metadata":{"user_id":1},"parts":[{"data":{"a_b":[{"c_d":1}]}}]}"""u8;

        Assert.False(ProtoJsonNormalizer.NeedsNormalization(json));
    }

    [Fact]
    public void Rewrite_keeps_values_byte_for_byte()
    {
        var json = """{"message_id":"caf\u00e9 \"q\"","n":1.50e3,"metadata":{"k_k":[true,null]}}"""u8;

        var normalized = System.Text.Encoding.UTF8.GetString(ProtoJsonNormalizer.Normalize(json));

        Assert.Equal("""{"messageId":"caf\u00e9 \"q\"","n":1.50e3,"metadata":{"k_k":[true,null]}}""", normalized);
    }
}
