using A2AGen.Biscuit.Datalog;

namespace A2AGen.Declarations.Parsing;

/// <summary>
/// Checks a <c>[RequiresBiscuit]</c> policy with the runtime's Datalog parser (linked, over the syntax-only model) as an
/// authorizer source that has at least one <c>allow if</c> policy; hosting parses it again at start-up with the full model.
/// </summary>
internal static class BiscuitPolicyCheck
{
    /// <summary>The card's scheme name for Biscuit bearer tokens.</summary>
    public const string SchemeName = "biscuit";

    /// <summary>The scheme's <c>bearerFormat</c>.</summary>
    public const string BearerFormat = "biscuit";

    /// <summary>Null when <paramref name="policy"/> is valid; else where (offset in the text, line, column) and why.</summary>
    public static (int Offset, int Line, int Column, string Reason)? Problem(string policy)
    {
        try
        {
            var source = DatalogParser.ParseSource(policy);
            foreach (var rule in source.Policies)
            {
                if (rule.Kind == PolicyKind.Allow)
                {
                    return null;
                }
            }

            return (0, 1, 1, "it has no 'allow if' policy, so it would refuse every token");
        }
        catch (DatalogParseException e)
        {
            return (e.Offset, e.Line, e.Column, e.Reason);
        }
    }
}
