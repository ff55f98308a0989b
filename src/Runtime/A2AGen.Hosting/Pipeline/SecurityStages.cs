using A2AGen.Passport;
using A2AGen.Protocol;
using A2AGen.Security;

namespace A2AGen.Hosting;

/// <summary>
/// The security stages of the pipeline (DESIGN §8), in order: request signature (verified whenever present,
/// required when the agent or the target skill says so), replay (the verifier records the verified token's
/// <c>jti</c> as its last step, so only verified tokens enter the cache; a refusal for a replayed token or an
/// unavailable cache is reported at the replay stage), then the Secure Passport (read, and checked whenever present),
/// then the policy (the skill's, or the operation's).
/// </summary>
internal static class SecurityStages
{
    /// <summary>CapiscIO SimpleGuard's signature headers, read in compatibility mode only.</summary>
    public const string CapiscioJwsHeader = "X-Capiscio-JWS";

    /// <summary>The newer name of <see cref="CapiscioJwsHeader"/>.</summary>
    public const string CapiscioBadgeHeader = "X-Capiscio-Badge";

    public static async ValueTask<A2AError?> VerifyRequestSignatureAsync(A2ARequest request, SkillDescriptor? skill)
    {
        request.Stage = PipelineStage.Signature;
        request.VerificationStarted = System.Diagnostics.Stopwatch.GetTimestamp();
        var agent = request.Agent;
        var headers = request.Http.Request.Headers;
        var kind = SignatureHeader.A2A;
        var values = headers[A2AProtocol.SignatureHeader];
        if (values.Count == 0 && agent.Options.AcceptCapiscioSignatures)
        {
            var jws = headers[CapiscioJwsHeader];
            var badge = headers[CapiscioBadgeHeader];
            values = jws.Count > 0 ? Microsoft.Extensions.Primitives.StringValues.Concat(jws, badge) : badge;
            kind = SignatureHeader.Capiscio;
        }

        if (values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            if (agent.Descriptor.RequestSignature == SignatureRequirement.Required)
            {
                return A2AError.Unauthenticated(RequestSignatureReasons.Missing,
                    $"Agent '{agent.AgentId}' requires every request to be signed (A2A-Signature header).");
            }

            if (skill?.RequestSignature == SignatureRequirement.Required)
            {
                return A2AError.Unauthenticated(RequestSignatureReasons.Missing,
                    $"Skill '{skill.Id}' requires a signed request (A2A-Signature header).");
            }

            return null;
        }

        if (values.Count > 1)
        {
            return A2AError.Unauthenticated(RequestSignatureReasons.Malformed, "The request carries more than one signature header; send exactly one A2A-Signature.");
        }

        var outcome = await agent.SignatureVerifier.VerifyAsync(request, values[0]!, kind).ConfigureAwait(false);
        if (outcome.Error is not null)
        {
            if (outcome.Error.LoggedReason is RequestSignatureReasons.Replayed or RequestSignatureReasons.ReplayCacheUnavailable)
            {
                request.Stage = PipelineStage.Replay;
            }

            return outcome.Error;
        }

        request.Signature = outcome.Verified;
        return null;
    }

    /// <summary>
    /// Reads the passport and verifies it. A malformed passport is refused (403 naming the field) when the skill needs
    /// a passport, and otherwise ignored and logged — never treated as verified. A passport that fails a check is
    /// refused (401) whatever the skill: a signature that is present is always verified.
    /// </summary>
    public static async ValueTask<A2AError?> VerifyPassportAsync(A2ARequest request, Message message, SkillDescriptor skill)
    {
        request.Stage = PipelineStage.Passport;
        var agent = request.Agent;
        var passport = PassportReader.Read(message);
        if (passport.Status == PassportStatus.Unsigned)
        {
            var result = await agent.PassportVerifier.VerifyAsync(agent, passport.Value!, request.Signature, request.Binding.PassportAudience(request), request.Aborted).ConfigureAwait(false);
            passport = result.Status == PassportStatus.Malformed
                ? PassportReader.Malformed(result.Field ?? "", result.Detail ?? "cannot be read.")
                : result.ToContext(passport.Value!);
            if (result.Status is PassportStatus.Invalid or PassportStatus.UntrustedSigner)
            {
                request.Activity?.SetTag("a2a.passport.client", result.ClientAgentId);
                var detail = $"The Secure Passport was refused ({result.Reason}): {result.Detail}.";
                // Unknown client, unknown key and a key of another agent get one answer (no trust enumeration); the log keeps which.
                return PassportReasons.IsUntrustedSigner(result.Reason)
                    ? A2AError.Unauthenticated(PassportReasons.SignerUntrusted,
                        $"The Secure Passport was refused ({PassportReasons.SignerUntrusted}): no key this agent trusts for its clientId has its kid.", result.Reason!, detail)
                    : A2AError.Unauthenticated(result.Reason!, detail);
            }
        }

        if (passport.Status == PassportStatus.Malformed)
        {
            if (skill.RequiresPassport || skill.PassportSignature == SignatureRequirement.Required)
            {
                return A2AError.Forbidden(PassportReasons.Malformed, $"Skill '{skill.Id}' requires a Secure Passport, and the one sent is malformed: {passport.Field} {passport.Detail}", passport.Field);
            }

            HostingLog.PassportIgnored(agent.Logger, agent.AgentId, skill.Id, CallerText.Sanitize(passport.Field, 300), CallerText.Sanitize(passport.Detail, 500));
        }

        request.Passport = passport;
        return null;
    }

    /// <summary>The policy stage: the skill's policy for a message, the operation's own otherwise.</summary>
    public static A2AError? CheckPolicy(A2ARequest request)
    {
        request.Stage = PipelineStage.Policy;
        if (request.Skill is { } skill)
        {
            return SkillPolicy.Check(skill, request.Passport!, request.Http.User);
        }

        return request.Operation == A2AOperation.ListTasks ? TaskOperations.CheckListPolicy(request) : null;
    }
}
