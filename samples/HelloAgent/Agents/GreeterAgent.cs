using System.Runtime.CompilerServices;
using A2AGen;

namespace HelloAgent.Agents;

/// <summary>The smallest useful agent: greets people, once or as a stream.</summary>
[A2AAgent("hello-agent", Name = "Hello Agent", Description = "Greets people by name.", Version = "1.0.0", Streaming = true)]
public partial class GreeterAgent
{
    /// <summary>Greets one person; the message's text is the name.</summary>
    [Skill("greet", Description = "Greets the caller by name.", Tags = ["demo", "greeting"], Examples = ["Ada"])]
    [DefaultSkill]
    public string Greet(string name) => $"Hello, {name.Trim()}!";

    /// <summary>Greets several comma-separated names, one streamed part each.</summary>
    [Skill("greet-all", Description = "Greets every comma-separated name, one at a time.", Tags = ["demo", "streaming"], Examples = ["Ada, Grace, Linus"])]
    public async IAsyncEnumerable<string> GreetAllAsync(string names, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var name in names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return $"Hello, {name}!";
        }
    }
}
