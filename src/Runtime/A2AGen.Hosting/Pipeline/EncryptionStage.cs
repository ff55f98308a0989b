using A2AGen.Protocol;
using A2AGen.Security;

namespace A2AGen.Hosting;

/// <summary>
/// The encryption stage (docs/encryption.md), after the policy and before dispatch, for message operations: encrypted
/// parts (JWE, <see cref="EncryptedParts"/>) are decrypted with the agent's keys; each must be addressed to this agent
/// (<c>aud</c>) by one sender (<c>iss</c>) — the request signer when the request is signed — whose published encryption
/// key this host trusts, since the answer goes back encrypted to it. A skill with <c>Encryption = Required</c> refuses
/// plaintext parts. Every refusal is HTTP 403 with an <c>ENCRYPTION_*</c> reason naming the part.
/// </summary>
internal static class EncryptionStage
{
    public const string Required = "ENCRYPTION_REQUIRED";
    public const string NotSupported = "ENCRYPTION_NOT_SUPPORTED";
    public const string WrongAudience = "ENCRYPTION_WRONG_AUDIENCE";
    public const string SenderMissing = "ENCRYPTION_SENDER_MISSING";
    public const string SenderMismatch = "ENCRYPTION_SENDER_MISMATCH";
    public const string SenderKeyUnknown = "ENCRYPTION_SENDER_KEY_UNKNOWN";

    public static A2AError? Check(A2ARequest request)
    {
        request.Stage = PipelineStage.Encryption;
        if (request.Skill is not { } skill || request.Input is not SendMessageRequest { Message: { } message })
        {
            return null;
        }

        var agent = request.Agent;
        var parts = message.Parts;
        var plaintextAt = -1;
        var encrypted = 0;
        for (var i = 0; i < parts.Count; i++)
        {
            if (EncryptedParts.IsEncrypted(parts[i]))
            {
                encrypted++;
            }
            else if (plaintextAt < 0)
            {
                plaintextAt = i;
            }
        }

        if (plaintextAt >= 0 && skill.Encryption == EncryptionRequirement.Required)
        {
            return A2AError.Forbidden(Required,
                $"Skill '{skill.Id}' requires encrypted message parts; part {plaintextAt} is plaintext. Encrypt every part to this agent's encryption key (use \"enc\" at {A2AProtocol.JwksPath}) as a JWE part (extension {A2AProtocol.EncryptionExtensionUri}).",
                request.Field($"message.parts[{plaintextAt}]"));
        }

        if (encrypted == 0)
        {
            return null;
        }

        var keys = agent.Keys.DecryptionKeys;
        if (keys.Count == 0)
        {
            return A2AError.Forbidden(NotSupported, $"Agent '{agent.AgentId}' has no encryption key and cannot read encrypted parts; send them in plaintext.", request.Field("message.parts"));
        }

        var plain = new Part[parts.Count];
        string? sender = null;
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (!EncryptedParts.IsEncrypted(part))
            {
                plain[i] = part;
                continue;
            }

            var field = request.Field($"message.parts[{i}]");
            var result = EncryptedParts.Decrypt(part, keys);
            if (!result.Succeeded)
            {
                return A2AError.Forbidden("ENCRYPTION_" + result.Failure.ToReasonCode(), $"Encrypted part {i} was refused: {result.Reason}", field);
            }

            if (!string.Equals(result.Audience, agent.AgentId, StringComparison.Ordinal))
            {
                return A2AError.Forbidden(WrongAudience,
                    $"Encrypted part {i} is addressed to '{CallerText.Sanitize(result.Audience, 200)}' (aud), not to this agent ('{agent.AgentId}').", field);
            }

            if (result.Issuer is not { } issuer || AgentId.GetProblem(issuer) is not null)
            {
                return A2AError.Forbidden(SenderMissing, $"Encrypted part {i} names no valid sender (iss): the answer is encrypted to the sender's published key.", field);
            }

            if (sender is not null && !string.Equals(sender, issuer, StringComparison.Ordinal))
            {
                return A2AError.Forbidden(SenderMismatch, $"Encrypted part {i} names sender '{CallerText.Sanitize(issuer, 200)}', another part '{CallerText.Sanitize(sender, 200)}'; one message has one sender.", field);
            }

            sender = issuer;
            plain[i] = result.Part!;
        }

        // Encrypt-then-sign: the request signature covers the body as sent (the ciphertext), and the protected iss binds
        // the ciphertext to its signer, so a relay cannot re-sign someone else's encrypted message as its own.
        if (request.Signature is { } signature && !string.Equals(signature.Issuer, sender, StringComparison.Ordinal))
        {
            return A2AError.Forbidden(SenderMismatch,
                $"The encrypted parts name sender '{CallerText.Sanitize(sender, 200)}' (iss) but the request is signed by '{signature.Issuer}'; they must be the same agent.",
                request.Field("message.parts"));
        }

        if (agent.KeyRing.TrustStore.GetEncryptionKeys(sender!) is not { Count: > 0 } answerKeys)
        {
            return A2AError.Forbidden(SenderKeyUnknown,
                $"No encryption key of '{CallerText.Sanitize(sender, 200)}' is trusted here, so the answer could not be encrypted; the sender must publish one (use \"enc\" in its JWKS) and this agent must trust it (trusted/<agent-id>.jwks.json).",
                request.Field("message.parts"));
        }

        request.Encryption = new RequestEncryption(plain, answerKeys[0], sender!, agent.AgentId);
        request.Activity?.SetTag("a2a.encrypted", true);
        return null;
    }
}
