namespace A2AGen.Security.Tests.Keys;

/// <summary><c>A2AGEN_TRUSTED_KEYS</c> is parsed by one function for the key store, the hosting key ring and the CLI.</summary>
public sealed class TrustedKeysVariableTests
{
    [Fact]
    public void Peers_come_back_in_document_order_with_their_key_sets()
    {
        using var first = SigningKey.Create(SigningAlgorithm.Ed25519);
        using var second = SigningKey.Create(SigningAlgorithm.Ed25519);
        var json = $$"""{"zeta-agent":{{JsonWebKeySet.Create([first.PublicKey]).ToJson()}},"alpha-agent":{{JsonWebKeySet.Create([second.PublicKey]).ToJson()}}}""";

        var peers = KeyEnvironment.ParseTrustedKeys(json);

        Assert.Equal(["zeta-agent", "alpha-agent"], peers.Select(p => p.Key));
        Assert.Equal(first.PublicKey, Assert.Single(peers[0].Value.Keys).PublicKey);
        Assert.Equal(second.PublicKey, Assert.Single(peers[1].Value.Keys).PublicKey);
    }

    [Theory]
    [InlineData("{not json", "")]
    [InlineData("[]", "JSON object mapping agent ids")]
    [InlineData("{\"../x\":{\"keys\":[]}}", "../x")]
    [InlineData("{\"peer\":{\"keys\":[{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo\",\"d\":\"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A\"}]}}", "private")]
    public void Bad_values_are_format_errors_that_say_what_is_wrong(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => KeyEnvironment.ParseTrustedKeys(json));
        Assert.Contains(expected, error.Message, StringComparison.OrdinalIgnoreCase);
    }
}
