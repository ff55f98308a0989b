using System;
using System.Collections.Generic;
using A2AGen.Declarations.Model;

namespace A2AGen.Declarations.Parsing;

/// <summary>
/// An agent's security schemes and requirement alternatives, and the card requirements derived from them
/// (docs/architecture.md "Card defaults and rules": scopes attach to OAuth2/OpenID Connect schemes; entries without
/// scopes would be empty objects and are left out; an alternative left empty is dropped).
/// </summary>
internal sealed class SecurityDeclarations
{
    public SecurityDeclarations(EquatableArray<SecuritySchemeSpec> schemes, IReadOnlyList<RequirementAlternative> alternatives)
    {
        Schemes = schemes;
        Alternatives = alternatives;
    }

    public EquatableArray<SecuritySchemeSpec> Schemes { get; }

    /// <summary>The declared alternatives, or one listing every scheme when none is declared.</summary>
    public IReadOnlyList<RequirementAlternative> Alternatives { get; }

    /// <summary>The card-level <c>securityRequirements</c>.</summary>
    public EquatableArray<SecurityRequirementSpec> CardRequirements() => Build(EquatableArray<string>.Empty);

    /// <summary>
    /// A skill's <c>securityRequirements</c>: every alternative with the skill's scopes added to its OAuth2/OpenID
    /// Connect schemes. Empty when the skill requires no scopes.
    /// </summary>
    public EquatableArray<SecurityRequirementSpec> SkillRequirements(EquatableArray<string> requiredScopes) =>
        requiredScopes.Count == 0 ? EquatableArray<SecurityRequirementSpec>.Empty : Build(requiredScopes);

    // Indexed loops over the IReadOnlyList properties: foreach through the interface would allocate an enumerator
    // per loop, and this runs for every skill with scopes on every compilation change.
    private EquatableArray<SecurityRequirementSpec> Build(EquatableArray<string> extraScopes)
    {
        var result = new List<SecurityRequirementSpec>();
        for (var a = 0; a < Alternatives.Count; a++)
        {
            var alternative = Alternatives[a];
            var scopes = Union(alternative.Scopes, extraScopes);
            if (scopes.Count == 0)
            {
                continue;
            }

            var entries = new List<SecurityRequirementEntrySpec>();
            for (var s = 0; s < alternative.Schemes.Count; s++)
            {
                var name = alternative.Schemes[s];
                var scheme = Find(name);
                if (scheme is { TakesScopes: true } && !HasEntry(entries, name))
                {
                    entries.Add(new SecurityRequirementEntrySpec(name, EquatableArray.From(scopes.ToArray())));
                }
            }

            if (entries.Count == 0)
            {
                continue;
            }

            entries.Sort(static (a, b) => string.CompareOrdinal(a.Scheme, b.Scheme));
            var requirement = new SecurityRequirementSpec(EquatableArray.From(entries));
            if (!result.Contains(requirement))
            {
                result.Add(requirement);
            }
        }

        return EquatableArray.From(result);
    }

    private static bool HasEntry(List<SecurityRequirementEntrySpec> entries, string scheme)
    {
        foreach (var entry in entries)
        {
            if (entry.Scheme == scheme)
            {
                return true;
            }
        }

        return false;
    }

    private SecuritySchemeSpec? Find(string name)
    {
        foreach (var scheme in Schemes)
        {
            if (scheme.Name == name)
            {
                return scheme;
            }
        }

        return null;
    }

    private static List<string> Union(IReadOnlyList<string> first, EquatableArray<string> second)
    {
        var result = new List<string>(first.Count + second.Count);
        for (var i = 0; i < first.Count; i++)
        {
            var scope = first[i];
            if (!result.Contains(scope))
            {
                result.Add(scope);
            }
        }

        foreach (var scope in second)
        {
            if (!result.Contains(scope))
            {
                result.Add(scope);
            }
        }

        return result;
    }
}

/// <summary>One declared requirement alternative: schemes required together, and scopes for their OAuth2/OIDC members.</summary>
internal sealed class RequirementAlternative
{
    public RequirementAlternative(IReadOnlyList<string> schemes, IReadOnlyList<string> scopes)
    {
        Schemes = schemes;
        Scopes = scopes;
    }

    public IReadOnlyList<string> Schemes { get; }

    public IReadOnlyList<string> Scopes { get; }

    /// <summary>Whether any scheme of this alternative can carry scopes.</summary>
    public bool HasScopedScheme(EquatableArray<SecuritySchemeSpec> schemes)
    {
        for (var i = 0; i < Schemes.Count; i++)
        {
            var name = Schemes[i];
            foreach (var scheme in schemes)
            {
                if (scheme.Name == name && scheme.TakesScopes)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
