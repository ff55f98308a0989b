namespace A2AGen.Generators;

/// <summary>The generator's name and version as written into <c>[GeneratedCode]</c>.</summary>
internal static class GeneratorInfo
{
    public const string ToolName = "A2AGen.Generators";

    /// <summary>The assembly version (major.minor.patch): fixed for a given build, so output stays deterministic.</summary>
    public static readonly string Version = typeof(GeneratorInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
