using System.Reflection;
using System.Runtime.CompilerServices;

namespace A2AGen.Runtime.Tests.Packaging;

/// <summary>
/// The two packages meet only at the runtime's public API: a user may update A2AGen.Hosting and not A2AGen (or the other
/// way round), so hosting must not compile against the runtime's internals.
/// </summary>
public sealed class AssemblyBoundaryTests
{
    [Fact]
    public void The_runtime_shows_its_internals_to_no_shipped_package()
    {
        var friends = typeof(A2AGen.Security.CallerText).Assembly
            .GetCustomAttributes<InternalsVisibleToAttribute>()
            .Select(attribute => attribute.AssemblyName.Split(',')[0])
            .ToList();

        Assert.NotEmpty(friends); // the tests are friends, so the attribute is read at all
        Assert.DoesNotContain("A2AGen.Hosting", friends);
        Assert.DoesNotContain("A2AGen.Biscuit", friends);
    }
}
