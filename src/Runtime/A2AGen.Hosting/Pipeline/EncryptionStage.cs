using A2AGen.Protocol;
using A2AGen.Security;

namespace A2AGen.Hosting;

/// <summary>
/// The encryption stage (docs/encryption.md), after the policy and before dispatch, for message operations: an
/// encrypted message has exactly one part (DESIGN §13), the JWE of the whole parts array (<see cref="EncryptedParts"/>),
/// decrypted with the agent's keys; it must be addressed to this agent (<c>aud</c>) by a sender (<c>iss</c>) — the
/// request signer when the request is signed — whose published encryption key this host trusts, since the answer goes
/// back encrypted to it. A message mixing an encrypted part with others, or holding several, is refused; a skill with
/// <c>Encryption = Required</c> refuses plaintext. Every refusal is HTTP 403 with an <c>ENCRYPTION_*</c> reason naming the part.
/// </summary>
internal static class EncryptionStage
{
    public const string Required = "ENCRYPTION_REQUIRED";
    public const string NotSupported = "ENCRYPTION_NOT_SUPPORTED";
    public const string WrongAudience = "ENCRYPTION_WRONG_AUDIENCE";
    public const string SenderMissing = "ENCRYPTION_SENDER_MISSING";
    public const string SenderMismatch = "ENCRYPTION_SENDER_MISMATCH";
    public const string SenderKeyUnknown = "ENCRYPTION_SENDER_KEY_UNKNOWN";
    public const string NotSinglePart = "ENCRYPTION_NOT_SINGLE_PART";

    public static A2AError? Check(A2ARequest request)
    {
        request.Stage = PipelineStage.Encryption;
        if (request.Skill is not { } skill || request.Input is not SendMessageRequest { Message: { } message })
        {
            return null;
        }

        var agent = request.Agent;
        var parts = message.Parts;
        var encryptedAt = -1;
        for (var i = 0; i < parts.Count; i++)
        {
            if (EncryptedParts.IsEncrypted(parts[i]))
            {
                encryptedAt = i;
                break;
            }
        }

        if (encryptedAt < 0)
        {
            return parts.Count > 0 && skill.Encryption == EncryptionRequirement.Required
                ? A2AError.Forbidden(Required,
                    $"Skill '{skill.Id}' requires encrypted messages; part 0 is plaintext. Send the whole parts array as one JWE (JSON serialization) in a single data part with media type {EncryptedParts.MediaType}, encrypted to this agent's encryption key (use \"enc\" at {A2AProtocol.JwksPath}; extension {A2AProtocol.EncryptionExtensionUri}).",
                    request.Field("message.parts[0]"))
                : null;
        }

        // DESIGN §13: an encrypted message has exactly one part, the JWE of the whole original parts array.
        if (parts.Count != 1)
        {
            var other = encryptedAt == 0 ? 1 : 0;
            var what = EncryptedParts.IsEncrypted(parts[other]) ? "another encrypted part" : "a plaintext part";
            return A2AError.Forbidden(NotSinglePart,
                $"An encrypted message has exactly one part (the JWE of the whole parts array, media type {EncryptedParts.MediaType}); part {other} is {what}. Encrypt all parts together instead of mixing or splitting them.",
                request.Field($"message.parts[{other}]"));
        }

        var keys = agent.Keys.DecryptionKeys;
        if (keys.Count == 0)
        {
            return A2AError.Forbidden(NotSupported, $"Agent '{agent.AgentId}' has no encryption key and cannot read encrypted messages; send them in plaintext.", request.Field("message.parts"));
        }

        var field = request.Field("message.parts[0]");
        var result = EncryptedParts.Decrypt(parts[0], keys);
        if (!result.Succeeded)
        {
            return A2AError.Forbidden("ENCRYPTION_" + result.Failure.ToReasonCode(), $"The encrypted message was refused: {result.Reason}", field);
        }

        if (!string.Equals(result.Audience, agent.AgentId, StringComparison.Ordinal))
        {
            return A2AError.Forbidden(WrongAudience,
                $"The encrypted message is addressed to '{CallerText.Sanitize(result.Audience, 200)}' (aud), not to this agent ('{agent.AgentId}').", field);
        }

        if (result.Issuer is not { } sender || AgentId.GetProblem(sender) is not null)
        {
            return A2AError.Forbidden(SenderMissing, "The encrypted message names no valid sender (iss): the answer is encrypted to the sender's published key.", field);
        }

        // Encrypt-then-sign: the request signature covers the body as sent (the ciphertext), and the protected iss binds
        // the ciphertext to its signer, so a relay cannot re-sign someone else's encrypted message as its own.
        if (request.Signature is { } signature && !string.Equals(signature.Issuer, sender, StringComparison.Ordinal))
        {
            return A2AError.Forbidden(SenderMismatch,
                $"The encrypted message names sender '{CallerText.Sanitize(sender, 200)}' (iss) but the request is signed by '{signature.Issuer}'; they must be the same agent.",
                field);
        }

        if (agent.KeyRing.TrustStore.GetEncryptionKeys(sender) is not { Count: > 0 } answerKeys)
        {
            return A2AError.Forbidden(SenderKeyUnknown,
                $"No encryption key of '{CallerText.Sanitize(sender, 200)}' is trusted here, so the answer could not be encrypted; the sender must publish one (use \"enc\" in its JWKS) and this agent must trust it (trusted/<agent-id>.jwks.json).",
                request.Field("message.parts"));
        }

        request.Encryption = new RequestEncryption(result.Parts!, answerKeys[0], sender, agent.AgentId);
        request.Activity?.SetTag("a2a.encrypted", true);
        return null;
    }
}
