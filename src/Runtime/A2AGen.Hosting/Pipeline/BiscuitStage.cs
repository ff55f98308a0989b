using A2AGen.Biscuit;
using A2AGen.Biscuit.Datalog;
using A2AGen.Security;

namespace A2AGen.Hosting;

/// <summary>
/// The Biscuit stage (after the passport, before the skill's other policy): for a skill with
/// <see cref="RequiresBiscuitAttribute"/>, reads <c>Authorization: Bearer &lt;biscuit&gt;</c>, verifies it against the
/// host's trusted root keys and deny list, and runs the skill's policy and the token's checks with the ambient facts
/// <c>agent</c>, <c>skill</c>, <c>operation</c>, <c>caller</c> (when verified) and <c>time</c>, within the limits.
/// Refusals: <c>BISCUIT_MISSING</c> (401), <c>BISCUIT_INVALID</c> (401), <c>BISCUIT_UNAUTHORIZED</c> (403).
/// </summary>
internal static class BiscuitStage
{
    public const string Missing = "BISCUIT_MISSING";
    public const string Invalid = "BISCUIT_INVALID";
    public const string Unauthorized = "BISCUIT_UNAUTHORIZED";
    private const string BearerPrefix = "Bearer ";

    public static A2AError? Check(A2ARequest request)
    {
        request.Stage = PipelineStage.Biscuit;
        if (request.Skill is not { } skill || request.Agent.Biscuits.For(skill) is not { } authorizer)
        {
            return null;
        }

        var trust = request.Agent.Biscuits.Trust!;
        var values = request.Http.Request.Headers.Authorization;
        string? wire = null;
        foreach (var value in values)
        {
            if (value is not null && value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            {
                if (wire is not null)
                {
                    return A2AError.Unauthenticated(Invalid, "The request carries more than one bearer token; send exactly one Authorization: Bearer <biscuit>.");
                }

                wire = value[BearerPrefix.Length..].Trim();
            }
        }

        if (string.IsNullOrEmpty(wire))
        {
            return A2AError.Unauthenticated(Missing, $"Skill '{skill.Id}' requires a Biscuit token (Authorization: Bearer <biscuit>).");
        }

        // base64url of MaxTokenBytes is about 4/3 of it: refuse far larger text before decoding anything.
        if (wire.Length > (trust.ReadOptions.MaxTokenBytes / 3 * 4) + 8)
        {
            return A2AError.Unauthenticated(Invalid, $"The Biscuit was refused (too large): tokens are limited to {trust.ReadOptions.MaxTokenBytes} bytes.");
        }

        var (token, failure) = Verify(wire, trust);
        if (token is null)
        {
            return A2AError.Unauthenticated(Invalid, $"The Biscuit was refused ({failure}).");
        }

        var facts = new List<Fact>(5)
        {
            new("agent", Term.String(request.Agent.AgentId)),
            new("skill", Term.String(skill.Id)),
            new("operation", Term.String(request.Operation.Name())),
            new("time", Term.Date(request.Agent.Time.GetUtcNow())),
        };
        if ((request.Signature?.Issuer ?? request.PeerIdentity) is { } caller)
        {
            facts.Add(new Fact("caller", Term.String(caller)));
        }

        var result = authorizer.Authorize(token, facts, trust.Options.Limits);
        if (result.IsAllowed)
        {
            return null;
        }

        // The reason quotes Datalog from the token (caller text): sanitized like every echoed value.
        return A2AError.Forbidden(Unauthorized, $"The Biscuit does not authorize skill '{skill.Id}': {CallerText.Sanitize(result.Reason, 500)}.");
    }

    private static (BiscuitToken? Token, string? Failure) Verify(string wire, BiscuitTrust trust)
    {
        string? failure = null;
        foreach (var (_, root) in trust.Roots)
        {
            try
            {
                return (BiscuitToken.FromBase64(wire, root, trust.ReadOptions), null);
            }
            catch (BiscuitFormatException e) when (e.Error is BiscuitFormatError.InvalidSignature or BiscuitFormatError.InvalidSignatureSize)
            {
                // Try the next trusted root: the token names none (root key ids are optional), and a root of the other
                // algorithm reads the signature as the wrong size.
                failure = "its signatures do not verify with any trusted root key: an untrusted root, or a tampered, forged or reordered block";
            }
            catch (BiscuitFormatException e)
            {
                return (null, Describe(e.Error));
            }
        }

        return (null, failure ?? "no trusted root key");
    }

    private static string Describe(BiscuitFormatError error) => error switch
    {
        BiscuitFormatError.Revoked => "revoked: one of its revocation ids is on this host's deny list",
        BiscuitFormatError.TooLarge => "too large",
        BiscuitFormatError.UnsupportedVersion => "unsupported Datalog or signature version",
        BiscuitFormatError.InvalidKey => "a block's public key is invalid",
        _ => "malformed: not a Biscuit in base64url",
    };
}
