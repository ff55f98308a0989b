using A2AGen.Generators.Tests.Infrastructure;
using A2AGen.Generators.Tests.Sources;

namespace A2AGen.Generators.Tests;

/// <summary>The generated sources, file by file, against reviewed baselines (UPDATE_BASELINES=1 rewrites them).</summary>
public class BaselineTests
{
    [Theory]
    [MemberData(nameof(AgentSourcesByName.Names), MemberType = typeof(AgentSourcesByName))]
    public async Task Generated_sources_match_their_baselines(string name)
    {
        if (Baseline.Updating)
        {
            var (result, _, _) = GeneratorRunner.Run(TestCompilation.Create(AgentSourcesByName.All[name]));
            Baseline.Update(name, GeneratorRunner.Sources(result));
        }

        var test = new AgentGeneratorTest { TestCode = AgentSourcesByName.All[name] };
        foreach (var (hintName, text) in Baseline.Read(name))
        {
            test.ExpectGenerated(hintName, text);
        }

        await test.RunAsync();
    }
}
