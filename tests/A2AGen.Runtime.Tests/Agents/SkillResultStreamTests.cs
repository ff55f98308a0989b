using A2AGen.Protocol;

namespace A2AGen.Runtime.Tests.Agents;

/// <summary>Streamed skill results: every element becomes one part; a null text element is nothing to send.</summary>
public sealed class SkillResultStreamTests
{
    private static async IAsyncEnumerable<string?> Words()
    {
        yield return "one";
        await Task.Yield();
        yield return null;
        yield return "";
        yield return "three";
    }

    [Fact]
    public async Task A_text_stream_skips_null_elements_and_keeps_empty_ones()
    {
        var result = SkillResult.FromTextStream(Words()!, CancellationToken.None);

        Assert.Equal(SkillOutputKind.Stream, result.Kind);
        var parts = new List<Part>();
        await foreach (var part in result.Stream!)
        {
            parts.Add(part);
        }

        Assert.Equal(["one", "", "three"], parts.Select(p => p.Text));
    }
}
