using System.Text.Json;
using A2AGen.Generators.Tests.Infrastructure;
using A2AGen.Generators.Tests.Sources;
using A2AGen.Protocol;

namespace A2AGen.Generators.Tests;

/// <summary><c>Encryption = Required</c>: the descriptor marks the skills, and the card declares the encryption extension listing them.</summary>
public sealed class EncryptionDeclarationTests : IDisposable
{
    private readonly LoadedAgents _agents = LoadedAgents.Compile(EncryptionSources.Encryption, AgentSources.Hello);

    public void Dispose() => _agents.Dispose();

    [Fact]
    public void A_skill_that_requires_encryption_is_marked_and_listed_alone()
    {
        var descriptor = _agents.Descriptor("Vault.VaultAgent");
        Assert.Equal(EncryptionRequirement.Required, descriptor.FindSkill("store")!.Encryption);
        Assert.Equal(EncryptionRequirement.Optional, descriptor.FindSkill("chat")!.Encryption);

        var extension = Assert.Single(_agents.Card("Vault.VaultAgent").Capabilities.Extensions!, e => e.Uri == A2AProtocol.EncryptionExtensionUri);
        Assert.False(extension.Required);
        Assert.False(string.IsNullOrWhiteSpace(extension.Description));
        Assert.Equal(["store"], Strings(extension.Params!["skills"]));
        Assert.Equal(["ECDH-ES+A256KW"], Strings(extension.Params!["algorithms"]));
        Assert.Equal(["A256GCM"], Strings(extension.Params!["encryptions"]));
        Assert.Equal(["application/jose+json"], Strings(extension.Params!["mediaTypes"]));
        Assert.Equal(A2AProtocol.JwksPath, extension.Params!["jwksPath"].GetString());
    }

    [Fact]
    public void Agent_wide_encryption_cannot_be_weakened_by_a_skill()
    {
        var descriptor = _agents.Descriptor("Vault.BunkerAgent");
        Assert.All(descriptor.Skills, s => Assert.Equal(EncryptionRequirement.Required, s.Encryption));
        var extension = Assert.Single(_agents.Card("Vault.BunkerAgent").Capabilities.Extensions!, e => e.Uri == A2AProtocol.EncryptionExtensionUri);
        Assert.Equal(["keep", "peek"], Strings(extension.Params!["skills"]));
    }

    [Fact]
    public void An_agent_without_encryption_declares_nothing_and_the_card_json_matches_the_card()
    {
        Assert.DoesNotContain(_agents.Card("Samples.HelloAgent").Capabilities.Extensions ?? [], e => e.Uri == A2AProtocol.EncryptionExtensionUri);
        Assert.All(_agents.Descriptor("Samples.HelloAgent").Skills, s => Assert.Equal(EncryptionRequirement.Optional, s.Encryption));

        using var card = JsonDocument.Parse(_agents.CardJson("Vault.VaultAgent"));
        var extensions = card.RootElement.GetProperty("capabilities").GetProperty("extensions").EnumerateArray().ToList();
        Assert.Equal(A2AProtocol.EncryptionExtensionUri, extensions[^1].GetProperty("uri").GetString());
        Assert.False(extensions[^1].TryGetProperty("required", out _));
    }

    private static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];
}
