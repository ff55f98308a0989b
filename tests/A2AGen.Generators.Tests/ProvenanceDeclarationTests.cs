using System.Text.Json;
using A2AGen.Generators.Tests.Infrastructure;
using A2AGen.Generators.Tests.Sources;
using A2AGen.Provenance;

namespace A2AGen.Generators.Tests;

/// <summary><c>[Provenance]</c>: the card declares the extension (optional, described, listing the signing skills) and the descriptor marks which skills sign.</summary>
public sealed class ProvenanceDeclarationTests : IDisposable
{
    private readonly LoadedAgents _agents = LoadedAgents.Compile(AgentSources.Provenance, AgentSources.Hello);

    public void Dispose() => _agents.Dispose();

    [Fact]
    public void Provenance_on_the_agent_makes_every_skill_sign_and_the_card_declare_the_extension()
    {
        var descriptor = _agents.Descriptor("Custody.NotaryAgent");
        Assert.All(descriptor.Skills, s => Assert.True(s.SignsProvenance, s.Id));

        var extension = Assert.Single(_agents.Card("Custody.NotaryAgent").Capabilities.Extensions!, e => e.Uri == ProvenanceFormat.ExtensionUri);
        Assert.False(extension.Required);
        Assert.False(string.IsNullOrWhiteSpace(extension.Description));
        Assert.Equal(["attest", "witness"], SkillsOf(extension.Params!));
        Assert.Equal(ProvenanceFormat.SignatureType, extension.Params!["typ"].GetString());
        Assert.Equal("/.well-known/jwks.json", extension.Params!["jwksPath"].GetString());
    }

    [Fact]
    public void Provenance_on_a_skill_marks_only_that_skill()
    {
        var descriptor = _agents.Descriptor("Custody.LedgerAgent");
        Assert.True(descriptor.FindSkill("figure")!.SignsProvenance);
        Assert.False(descriptor.FindSkill("chat")!.SignsProvenance);

        var extension = Assert.Single(_agents.Card("Custody.LedgerAgent").Capabilities.Extensions!, e => e.Uri == ProvenanceFormat.ExtensionUri);
        Assert.Equal(["figure"], SkillsOf(extension.Params!));
    }

    [Fact]
    public void An_agent_without_Provenance_declares_no_extension_and_no_skill_signs()
    {
        Assert.DoesNotContain(_agents.Card("Samples.HelloAgent").Capabilities.Extensions ?? [], e => e.Uri == ProvenanceFormat.ExtensionUri);
        Assert.All(_agents.Descriptor("Samples.HelloAgent").Skills, s => Assert.False(s.SignsProvenance));
    }

    [Fact]
    public void The_compile_time_card_json_carries_the_same_declaration()
    {
        using var card = JsonDocument.Parse(_agents.CardJson("Custody.LedgerAgent"));
        var extensions = card.RootElement.GetProperty("capabilities").GetProperty("extensions").EnumerateArray().ToList();
        var provenance = Assert.Single(extensions, e => e.GetProperty("uri").GetString() == ProvenanceFormat.ExtensionUri);
        Assert.False(provenance.TryGetProperty("required", out _));
        Assert.Equal(ProvenanceFormat.ExtensionUri, extensions[^1].GetProperty("uri").GetString());
    }

    private static string[] SkillsOf(IReadOnlyDictionary<string, JsonElement> parameters) =>
        [.. parameters["skills"].EnumerateArray().Select(e => e.GetString()!)];
}
