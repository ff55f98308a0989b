using System.Text.Json;
using System.Text.RegularExpressions;

namespace A2AGen.Packaging.Tests;

/// <summary>
/// A project outside the repository that references only the packed <c>A2AGen.Hosting</c> package from a local folder
/// feed: building it must generate the card (and write <c>agent-cards/&lt;id&gt;.json</c>), fire A2AG0001 on an
/// unsigned high-privilege skill, and produce a program that runs.
/// </summary>
[Collection(PackedCollection.Name)]
public sealed partial class ConsumerBuildTests(PackedPackages packages)
{
    private const string AgentSource = """
        using A2AGen;

        namespace Consumer;

        [A2AAgent("payments-agent", Description = "Moves money between accounts", Version = "2.0.0", Url = "https://payments.example.com/a2a")]
        [PassportKeys("account_id")]
        public partial class PaymentsAgent
        {
            [Skill("balance", Description = "Reads a balance", Tags = ["payments"])]
            public string Balance(string account) => $"{account}: 100.00";

            [Skill("transfer", Description = "Transfers money", Tags = ["payments"], Privilege = SkillPrivilege.High,
                RequestSignature = SignatureRequirement.Optional)]
            public string Transfer(string order, PaymentsAgentPassport passport) => "done";
        }
        """;

    private const string ProgramSource = """
        using System.Text;

        // Prints the generated card's name and its canonical JSON: the generated code is really there and runs.
        Console.WriteLine(Consumer.PaymentsAgent.Card.Name);
        Console.WriteLine(Encoding.UTF8.GetString(Consumer.PaymentsAgent.CardJson));
        """;

    [Fact]
    public void A_consumer_of_the_packages_gets_its_card_the_A2AG0001_warning_and_a_working_program()
    {
        var project = Path.Combine(packages.Root, "consumer");
        Directory.CreateDirectory(project);
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="A2AGen.Hosting" Version="{PackedPackages.Version}" />
              </ItemGroup>
            </Project>
            """);
        packages.WriteNuGetConfig(project);
        File.WriteAllText(Path.Combine(project, "PaymentsAgent.cs"), AgentSource);
        File.WriteAllText(Path.Combine(project, "Program.cs"), ProgramSource);
        var environment = packages.RestoreEnvironment;

        var output = Dotnet.Run(project, environment, "build", "-nologo", "-nr:false", "-p:UseSharedCompilation=false", "-o", Path.Combine(project, "out"));

        // A2AG0001 with file and line, on the weakening argument (line 13 of PaymentsAgent.cs).
        var warning = A2AG0001().Match(output);
        Assert.True(warning.Success, "A2AG0001 was not reported:\n" + output);
        Assert.Equal("13", warning.Groups["line"].Value);
        Assert.Contains("transfer", warning.Value, StringComparison.Ordinal);

        var cardFile = Path.Combine(project, "out", "agent-cards", "payments-agent.json");
        Assert.True(File.Exists(cardFile), "agent-cards/payments-agent.json was not written:\n" + output);
        using var card = JsonDocument.Parse(File.ReadAllBytes(cardFile));
        Assert.Equal("PaymentsAgent", card.RootElement.GetProperty("name").GetString());
        Assert.Equal(["balance", "transfer"], card.RootElement.GetProperty("skills").EnumerateArray().Select(skill => skill.GetProperty("id").GetString()));

        var (exitCode, printed) = Dotnet.TryRun(project, environment, "dotnet", Path.Combine(project, "out", "Consumer.dll"));
        Assert.Equal(0, exitCode);
        var lines = printed.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("PaymentsAgent", lines[0]);
        Assert.Equal(File.ReadAllText(cardFile), lines[1]);
    }

    [GeneratedRegex(@"PaymentsAgent\.cs\((?<line>\d+),\d+\): warning A2AG0001: [^\r\n]*")]
    private static partial Regex A2AG0001();
}
