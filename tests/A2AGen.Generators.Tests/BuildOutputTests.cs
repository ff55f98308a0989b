using System.Diagnostics;
using System.Text;
using A2AGen.Generators.Tests.Infrastructure;
using A2AGen.Security;

namespace A2AGen.Generators.Tests;

/// <summary>
/// Real <c>dotnet build</c>s (into a temporary artifacts folder, so the working tree is untouched): the sample gets
/// <c>agent-cards/&lt;id&gt;.json</c> holding exactly its generated <c>CardJson</c>; cards of removed agents go away;
/// an unchanged project skips the step.
/// </summary>
public sealed class BuildOutputTests : IClassFixture<BuildOutputTests.Workspace>
{
    private readonly Workspace _workspace;

    public BuildOutputTests(Workspace workspace) => _workspace = workspace;

    [Fact]
    public void Building_the_sample_writes_its_canonical_cards()
    {
        var project = Path.Combine(Repo.Root, "samples", "HelloAgent", "HelloAgent.csproj");
        _workspace.Build(project);
        var cards = Path.Combine(_workspace.Artifacts, "bin", "HelloAgent", "debug", "agent-cards");
        Assert.Equal(["hello-agent.json", "unit-converter.json"], Directory.GetFiles(cards).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // The files hold the bytes the generator computed (checked against an in-memory compile of the same agents).
        var agentSources = Directory.GetFiles(Path.Combine(Repo.Root, "samples", "HelloAgent", "Agents"), "*.cs").Select(File.ReadAllText).ToList();
        agentSources.Add("global using System; global using System.Collections.Generic; global using System.Linq; global using System.Threading; global using System.Threading.Tasks;");
        using var agents = LoadedAgents.Compile([.. agentSources]);
        Assert.Equal(agents.CardJson("HelloAgent.Agents.GreeterAgent"), File.ReadAllBytes(Path.Combine(cards, "hello-agent.json")));
        Assert.Equal(agents.CardJson("HelloAgent.Agents.UnitConverterAgent"), File.ReadAllBytes(Path.Combine(cards, "unit-converter.json")));
        Assert.Equal(JsonCanonicalizer.Canonicalize(File.ReadAllBytes(Path.Combine(cards, "hello-agent.json"))), File.ReadAllBytes(Path.Combine(cards, "hello-agent.json")));
    }

    [Fact]
    public void Cards_follow_the_agents_and_an_unchanged_build_skips_the_step()
    {
        var folder = Path.Combine(_workspace.Root, "cards-project");
        Directory.CreateDirectory(folder);
        var project = Path.Combine(folder, "CardsProject.csproj");
        File.WriteAllText(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{Repo.Root}/eng/A2AGen.InRepo.props" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <Import Project="{Repo.Root}/eng/A2AGen.InRepo.targets" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "First.cs"), Agent("first-agent", "FirstAgent"));
        File.WriteAllText(Path.Combine(folder, "Second.cs"), Agent("second-agent", "SecondAgent"));
        var cards = Path.Combine(_workspace.Artifacts, "bin", "CardsProject", "debug", "agent-cards");

        _workspace.Build(project);
        Assert.Equal(["first-agent.json", "second-agent.json"], Directory.GetFiles(cards).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        File.Delete(Path.Combine(folder, "Second.cs"));
        _workspace.Build(project);
        Assert.Equal(["first-agent.json"], Directory.GetFiles(cards).Select(Path.GetFileName));

        var log = _workspace.Build(project, "-v:d");
        Assert.Contains("Skipping target \"A2AGenWriteAgentCards\" because all output files are up-to-date", log, StringComparison.Ordinal);

        // A card deleted by hand comes back on the next build.
        File.Delete(Path.Combine(cards, "first-agent.json"));
        _workspace.Build(project);
        Assert.True(File.Exists(Path.Combine(cards, "first-agent.json")));
    }

    private static string Agent(string id, string name) => $$"""
        using A2AGen;
        namespace Cards;
        [A2AAgent("{{id}}", Description = "A build-output test agent")]
        public partial class {{name}}
        {
            [Skill("echo", Description = "Echoes", Tags = ["test"])]
            public string Echo(string text) => text;
        }
        """;

    /// <summary>A temporary folder for build artifacts, shared by the builds of this class and removed afterwards.</summary>
    public sealed class Workspace : IDisposable
    {
        public Workspace()
        {
            Root = Path.Combine(Path.GetTempPath(), "a2agen-build-" + Guid.NewGuid().ToString("N"));
            Artifacts = Path.Combine(Root, "artifacts");
            Directory.CreateDirectory(Root);
        }

        public string Root { get; }

        public string Artifacts { get; }

        /// <summary>Runs <c>dotnet build</c> (no node reuse, no compiler server: no process outlives the test).</summary>
        public string Build(string project, string verbosity = "-v:m")
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Root,
            };
            foreach (var argument in new[] { "build", project, "--artifacts-path", Artifacts, "-nologo", "-nr:false", "-p:UseSharedCompilation=false", verbosity })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(start)!;
            var output = new StringBuilder();
            process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            // A guard against a hung build, not a speed limit: a build of the runtime, the Roslyn components and a
            // project from nothing took over 5 minutes on a 2-core machine busy with other builds.
            if (!process.WaitForExit(TimeSpan.FromMinutes(15)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("dotnet build did not finish in 15 minutes:\n" + output);
            }

            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"dotnet build {project} failed:\n{output}");
            return output.ToString();
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless; the test result is what matters.
            }
        }
    }
}
