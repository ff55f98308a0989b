using System.Security.Claims;
using A2AGen.Passport;

namespace A2AGen.Hosting;

/// <summary>
/// The skill's declared policy, checked after the caller's credentials were verified (DESIGN §8), in this order:
/// passport presence, passport signature, required passport keys, OAuth scopes. Every refusal is HTTP 403 with its own
/// reason. One tested place; generated dispatch does not repeat it.
/// </summary>
internal static class SkillPolicy
{
    public static A2AError? Check(SkillDescriptor skill, PassportContext passport, ClaimsPrincipal? user)
    {
        // Only a well-formed passport counts; a malformed one that reached here was ignored (the skill does not need one).
        var present = passport.Status is PassportStatus.Verified or PassportStatus.Unsigned && passport.Value is not null;
        if (!present)
        {
            if (skill.RequiresPassport || skill.PassportSignature == SignatureRequirement.Required)
            {
                return A2AError.Forbidden(PassportReasons.Required, skill.PassportSignature == SignatureRequirement.Required
                    ? $"Skill '{skill.Id}' requires a Secure Passport signed by its client in message metadata[\"{PassportFormat.ExtensionUri}\"]."
                    : $"Skill '{skill.Id}' requires a Secure Passport in message metadata[\"{PassportFormat.ExtensionUri}\"].");
            }
        }
        else
        {
            if (skill.PassportSignature == SignatureRequirement.Required && passport.Status != PassportStatus.Verified)
            {
                return A2AError.Forbidden(PassportReasons.SignatureRequired,
                    $"Skill '{skill.Id}' requires the Secure Passport to be signed by its client (a JWS in 'signature', typ {PassportFormat.SignatureType}); this one is unsigned.");
            }

            List<string>? missing = null;
            foreach (var key in skill.RequiredPassportKeys)
            {
                if (!passport.Value!.State.ContainsKey(key))
                {
                    (missing ??= []).Add(key);
                }
            }

            if (missing is not null)
            {
                return A2AError.Forbidden(PassportReasons.KeyMissing,
                    $"Skill '{skill.Id}' requires the passport state key(s) {string.Join(", ", missing)}.");
            }
        }

        if (skill.RequiredScopes.Count > 0)
        {
            var granted = GrantedScopes(user);
            var lacking = skill.RequiredScopes.Where(s => !granted.Contains(s)).ToArray();
            if (lacking.Length > 0)
            {
                return A2AError.Forbidden(SecurityReasons.InsufficientScope,
                    $"Skill '{skill.Id}' requires the scope(s) {string.Join(", ", lacking)}.");
            }
        }

        return null;
    }

    /// <summary>The OAuth scopes of the authenticated user: <c>scope</c> / <c>scp</c> claims, space-separated or repeated.</summary>
    private static HashSet<string> GrantedScopes(ClaimsPrincipal? user)
    {
        var scopes = new HashSet<string>(StringComparer.Ordinal);
        if (user?.Identity is not { IsAuthenticated: true })
        {
            return scopes;
        }

        foreach (var claim in user.Claims)
        {
            if (claim.Type is "scope" or "scp" or "http://schemas.microsoft.com/identity/claims/scope")
            {
                foreach (var scope in claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    scopes.Add(scope);
                }
            }
        }

        return scopes;
    }
}
