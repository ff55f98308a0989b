using A2AGen.Generators.Tests.Infrastructure;
using A2AGen.Generators.Tests.Sources;

namespace A2AGen.Generators.Tests;

/// <summary>The generated sources, file by file, against reviewed baselines (UPDATE_BASELINES=1 rewrites them).</summary>
public class BaselineTests
{
    [Theory]
    [MemberData(nameof(AgentSourcesByName.Names), MemberType = typeof(AgentSourcesByName))]
    public void Generated_sources_match_their_baselines(string name)
    {
        var (result, _, _) = GeneratorRunner.Run(TestCompilation.Create(AgentSourcesByName.All[name]));
        Baseline.Verify(name, GeneratorRunner.Sources(result));
    }
}
