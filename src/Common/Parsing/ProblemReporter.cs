using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using A2AGen.Declarations.Problems;

namespace A2AGen.Declarations.Parsing;

/// <summary>Collects what the parser finds: remembers whether an error occurred and forwards problems to the sink, if any.</summary>
internal sealed class ProblemReporter
{
    private readonly IDeclarationProblemSink? _sink;
    private HashSet<(AttributeData, string?, int, int)>? _unreadable;

    public ProblemReporter(IDeclarationProblemSink? sink, CancellationToken cancellationToken)
    {
        _sink = sink;
        CancellationToken = cancellationToken;
    }

    public CancellationToken CancellationToken { get; }

    /// <summary>Whether any <see cref="ProblemSeverity.Error"/> was found: the generator then skips the agent.</summary>
    public bool HasErrors { get; private set; }

    public void Report(ProblemDescriptor descriptor, ProblemSite site, params string[] messageArgs)
    {
        if (descriptor.Severity == ProblemSeverity.Error)
        {
            HasErrors = true;
        }

        if (_sink is null)
        {
            return;
        }

        // An argument that is not a constant is read as absent; what follows from that ("must not be empty", "invalid
        // id") would only repeat the same mistake at the same place, so it is reported once.
        if (site.Attribute is { } attribute)
        {
            var key = (attribute, site.ArgumentName, site.ConstructorIndex, site.ElementIndex);
            if (ReferenceEquals(descriptor, ProblemDescriptors.NonConstantArgument))
            {
                (_unreadable ??= new HashSet<(AttributeData, string?, int, int)>()).Add(key);
            }
            else if (_unreadable is not null && _unreadable.Contains(key))
            {
                return;
            }
        }

        var location = SiteLocator.Locate(site, CancellationToken);
        _sink.Report(new DeclarationProblem(descriptor, location, messageArgs, site.FixArgumentName));
    }
}
