using System.Threading;
using A2AGen.Declarations.Problems;

namespace A2AGen.Declarations.Parsing;

/// <summary>Collects what the parser finds: remembers whether an error occurred and forwards problems to the sink, if any.</summary>
internal sealed class ProblemReporter
{
    private readonly IDeclarationProblemSink? _sink;

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

        var location = SiteLocator.Locate(site, CancellationToken);
        _sink.Report(new DeclarationProblem(descriptor, location, messageArgs, site.FixArgumentName));
    }
}
