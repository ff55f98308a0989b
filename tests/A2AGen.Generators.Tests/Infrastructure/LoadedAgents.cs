using System.Reflection;
using System.Runtime.Loader;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using A2AGen.Protocol;
using Microsoft.CodeAnalysis;

namespace A2AGen.Generators.Tests.Infrastructure;

/// <summary>
/// Test sources compiled with the generator, emitted to memory and loaded in a collectible
/// <see cref="AssemblyLoadContext"/> (A2AGen.Runtime comes from the default context, so its types are shared).
/// </summary>
internal sealed class LoadedAgents : IDisposable
{
    private readonly AssemblyLoadContext _context;

    private LoadedAgents(AssemblyLoadContext context, Assembly assembly, byte[] image)
    {
        _context = context;
        Assembly = assembly;
        Image = image;
    }

    /// <summary>JSON options for user types, as hosting would pass them (reflection-based metadata for tests).</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    public Assembly Assembly { get; }

    /// <summary>The emitted assembly's bytes.</summary>
    public byte[] Image { get; }

    public static LoadedAgents Compile(params string[] sources)
    {
        var compilation = TestCompilation.Create(sources);
        var (_, output, _) = GeneratorRunner.Run(compilation);
        using var stream = new MemoryStream();
        var emitted = output.Emit(stream);
        Assert.True(emitted.Success, "The generated compilation does not build:\n" +
            GeneratorRunner.Describe(emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        var image = stream.ToArray();
        var context = new AssemblyLoadContext("agents-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        var assembly = context.LoadFromStream(new MemoryStream(image));
        return new LoadedAgents(context, assembly, image);
    }

    public Type Type(string name) => Assembly.GetType(name, throwOnError: true)!;

    public AgentCard Card(string agentType) => Invoke<AgentCard>(nameof(GetCard), agentType);

    public byte[] CardJson(string agentType) => Invoke<byte[]>(nameof(GetCardJson), agentType);

    public AgentDescriptor Descriptor(string agentType) => Invoke<AgentDescriptor>(nameof(GetDescriptor), agentType);

    public IA2AAgent Create(string agentType) => (IA2AAgent)Activator.CreateInstance(Type(agentType))!;

    public void Dispose() => _context.Unload();

    // The static abstract members are reached the way hosting reaches them: through a generic constrained to IA2AAgent.
    private static AgentCard GetCard<T>() where T : IA2AAgent => T.Card;

    private static byte[] GetCardJson<T>() where T : IA2AAgent => T.CardJson.ToArray();

    private static AgentDescriptor GetDescriptor<T>() where T : IA2AAgent => T.Descriptor;

    private T Invoke<T>(string method, string agentType) =>
        (T)typeof(LoadedAgents).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(Type(agentType)).Invoke(null, null)!;
}
