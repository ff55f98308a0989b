using System.Text;
using A2AGen.Build;
using A2AGen.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace A2AGen.Generators.Tests;

/// <summary>
/// The metadata reader behind agent-cards/&lt;id&gt;.json (build/A2AGen.AgentCards.cs), on assemblies the C# compiler
/// emits: small and large metadata (2- and 4-byte heap indexes), other attributes around ours, and bad input.
/// </summary>
public class CardReaderTests
{
    [Fact]
    public void Reads_the_cards_and_nothing_else()
    {
        var image = Emit("""
            [assembly: System.Reflection.AssemblyMetadata("A2AGen.AgentCard:one", "{\"name\":\"one\"}")]
            [assembly: System.Reflection.AssemblyMetadata("Other", "ignored")]
            [assembly: System.Reflection.AssemblyMetadata("A2AGen.AgentCard:two", "{\"name\":\"two \u00e9 \U0001F680\"}")]
            [assembly: System.Reflection.AssemblyMetadata("A2AGen.AgentCard:null", null)]
            [assembly: System.Reflection.AssemblyDescription("A2AGen.AgentCard:not-metadata")]
            public class C { }
            """);
        Assert.Equal(
            [new("one", "{\"name\":\"one\"}"), new("two", "{\"name\":\"two é 🚀\"}")],
            AgentCardMetadataReader.Read(image));
    }

    [Fact]
    public void Reads_cards_from_large_metadata_with_wide_indexes()
    {
        // Over 64 KiB of strings and blobs, and over 65,535 rows in MemberRef-adjacent tables, switch the reader
        // to 4-byte heap indexes and wide coded indexes.
        var big = new StringBuilder();
        for (var i = 0; i < 70_000; i++)
        {
            big.Append("public static int M").Append(i).Append("() => ").Append(i).Append(";\n");
        }

        var card = "{\"description\":\"" + new string('x', 100_000) + "\"}";
        var image = Emit($$"""
            [assembly: System.Reflection.AssemblyMetadata("A2AGen.AgentCard:big", "{{card.Replace("\"", "\\\"", StringComparison.Ordinal)}}")]
            public static class Many { {{big}} }
            """);
        Assert.Equal([new("big", card)], AgentCardMetadataReader.Read(image));
    }

    [Fact]
    public void Reads_what_the_generator_recorded_for_several_agents()
    {
        using var agents = LoadedAgents.Compile(Sources.AgentSources.Hello, Sources.AgentSources.Currency, Sources.AgentSources.Placement);
        Assert.Equal(
            ["currency-agent", "global-agent", "hello-agent", "keyword-namespace", "nested-agent"],
            AgentCardMetadataReader.Read(agents.Image).Select(c => c.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Bad_input_is_a_clear_error()
    {
        Assert.Throws<InvalidDataException>(() => AgentCardMetadataReader.Read(Array.Empty<byte>()));
        Assert.Throws<InvalidDataException>(() => AgentCardMetadataReader.Read(Encoding.ASCII.GetBytes("MZ this is not a PE file at all, just text that is long enough")));
        var image = Emit("""[assembly: System.Reflection.AssemblyMetadata("A2AGen.AgentCard:one", "{}")] public class C { }""");
        Assert.Throws<InvalidDataException>(() => AgentCardMetadataReader.Read(image.AsSpan(0, image.Length / 2).ToArray()));
        Assert.Empty(AgentCardMetadataReader.Read(Emit("public class Empty { }")));
    }

    private static byte[] Emit(string source)
    {
        var compilation = TestCompilation.Create(source);
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream, options: new EmitOptions());
        Assert.True(result.Success, GeneratorRunner.Describe(result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return stream.ToArray();
    }
}
