using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace A2AGen.Declarations.Problems;

/// <summary>
/// One problem found in a declaration: what (<see cref="Descriptor"/> and <see cref="MessageArgs"/>) and where
/// (<see cref="Location"/>: the attribute argument or member that must change). Handed to an
/// <see cref="IDeclarationProblemSink"/>; never stored in a generator model.
/// </summary>
internal sealed class DeclarationProblem
{
    public DeclarationProblem(ProblemDescriptor descriptor, Location location, IReadOnlyList<string> messageArgs, string? argumentName)
    {
        Descriptor = descriptor;
        Location = location;
        MessageArgs = messageArgs;
        ArgumentName = argumentName;
    }

    /// <summary>The problem's id, severity and texts.</summary>
    public ProblemDescriptor Descriptor { get; }

    /// <summary>The exact syntax to change (an attribute argument, an attribute, a parameter or a member name).</summary>
    public Location Location { get; }

    /// <summary>The arguments of <see cref="ProblemDescriptor.MessageFormat"/> (agent, skill, key or parameter names).</summary>
    public IReadOnlyList<string> MessageArgs { get; }

    /// <summary>The attribute argument at fault (e.g. <c>RequestSignature</c>), for code fixes; null when not an argument.</summary>
    public string? ArgumentName { get; }

    /// <summary>The message with its arguments filled in.</summary>
    public string FormatMessage()
    {
        var args = new object[MessageArgs.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = MessageArgs[i];
        }

        return string.Format(System.Globalization.CultureInfo.InvariantCulture, Descriptor.MessageFormat, args);
    }

    public override string ToString() => $"{Descriptor.Id}: {FormatMessage()}";
}
