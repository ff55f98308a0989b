using System.Diagnostics;
using A2AGen.Analyzers.Tests.Infrastructure;

namespace A2AGen.Analyzers.Tests;

/// <summary>
/// <c>dotnet build</c> of a real project on disk that consumes A2AGen the way in-repo consumers do
/// (<c>eng/A2AGen.InRepo.props</c>/<c>.targets</c>: runtime reference, generator and analyzers as Roslyn components):
/// an unsigned high-privilege skill must print <c>file(line,col): warning A2AG0001</c>.
/// </summary>
public sealed class RealBuildTests : IDisposable
{
    private const string Agent = """
        using A2AGen;

        namespace BuildCheck;

        [A2AAgent("payments", Description = "Moves money")]
        [PassportKeys("account_id")]
        public partial class PaymentsAgent
        {
            [Skill("refund", Description = "Refunds an order", Tags = ["payments"], Privilege = SkillPrivilege.High,
                RequestSignature = SignatureRequirement.Optional)]
            public string Refund(string order) => order;
        }
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "a2agen-analyzer-build-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Dotnet_build_prints_A2AG0001_with_file_line_and_column()
    {
        Directory.CreateDirectory(_directory);
        var eng = Path.Combine(Repo.Root, "eng");
        await File.WriteAllTextAsync(Path.Combine(_directory, "Directory.Build.props"),
            $"""<Project><Import Project="{Path.Combine(eng, "A2AGen.InRepo.props")}" /></Project>""");
        await File.WriteAllTextAsync(Path.Combine(_directory, "Directory.Build.targets"),
            $"""<Project><Import Project="{Path.Combine(eng, "A2AGen.InRepo.targets")}" /></Project>""");
        await File.WriteAllTextAsync(Path.Combine(_directory, "BuildCheck.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
            </Project>
            """);
        var source = Path.Combine(_directory, "PaymentsAgent.cs");
        await File.WriteAllTextAsync(source, Agent);

        var (exitCode, output) = await RunAsync("build", Path.Combine(_directory, "BuildCheck.csproj"), "-nologo", "-nodeReuse:false", "--disable-build-servers");

        // The argument at fault: line and column as the compiler prints them (1-based).
        var offset = Agent.IndexOf("RequestSignature = SignatureRequirement.Optional", StringComparison.Ordinal);
        var line = Agent[..offset].Count(c => c == '\n') + 1;
        var column = offset - Agent.LastIndexOf('\n', offset - 1);
        var expected = $"{source}({line},{column}): warning A2AG0001: Skill 'refund' is high-privilege but its request signature is weakened to Optional";
        Assert.True(exitCode == 0, $"dotnet build failed ({exitCode}):\n{output}");
        Assert.Contains(expected, output);

        // The generator ran in the same build: the agent's card was written.
        Assert.True(File.Exists(Path.Combine(_directory, "bin", "Debug", "net10.0", "agent-cards", "payments.json")), output);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet build took more than 5 minutes:\n" + await stdout);
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
