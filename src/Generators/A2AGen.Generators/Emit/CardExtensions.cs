using System.Collections.Generic;
using A2AGen.Declarations.Model;
using A2AGen.Generators.Wire;

namespace A2AGen.Generators.Emit;

/// <summary>
/// The card's <c>capabilities.extensions</c>, in the order docs/architecture.md fixes: A2AGen request signing
/// (always), then Secure Passport (with <c>[PassportKeys]</c>), then provenance (with <c>[Provenance]</c>), then payload
/// encryption (when a skill has <c>Encryption = Required</c>). One list
/// feeds both <c>Card</c> and <c>CardJson</c>.
/// </summary>
internal static class CardExtensions
{
    public const string RequestSigningUri = A2AProtocol.RequestSigningExtensionUri;

    public const string RequestSigningDescription =
        "Requests may carry an A2A-Signature header: a compact JWS (EdDSA or ES256) over the HTTP method, URL and body hash, with a unique jti. Skills that require it refuse unsigned requests.";

    public const string SecurePassportUri = A2AProtocol.SecurePassportExtensionUri;

    /// <summary>A2AGen.Provenance's <c>ProvenanceFormat.ExtensionUri</c> (the runtime is not referenced by the generator).</summary>
    public const string ProvenanceUri = "urn:a2agen:ext:provenance:v1";

    public const string ProvenanceDescription =
        "Artifacts and agent messages of the listed skills carry a signed provenance envelope in metadata[\"urn:a2agen:ext:provenance:v1\"]: a detached JWS (EdDSA or ES256, typ a2a-provenance+jws) over a statement binding the content digest to this agent, the task, context and content id, citing parent envelopes by digest. Verify it with the keys at jwksPath.";

    public const string EncryptionUri = A2AProtocol.EncryptionExtensionUri;

    public const string EncryptionDescription =
        "Message parts to the listed skills must be JWE (RFC 7516, ECDH-ES+A256KW with A256GCM) to this agent's encryption key (use \"enc\" at jwksPath): a message has exactly one part, a data part with media type application/jose+json holding the JWE in JSON serialization, whose plaintext is the RFC 8785 form of the original parts array, with iss (the sender's agent id, the request signer) and aud (this agent's id) in the protected header. Answers come back encrypted to the sender's published encryption key.";

    public static IReadOnlyList<ExtensionDeclaration> For(AgentSpec agent)
    {
        var requestSigningParams = new JsonObject()
            .Add("algorithms", JsonArray.OfStrings(["EdDSA", "ES256"]))
            .Add("header", A2AProtocol.SignatureHeader)
            .Add("jwksPath", A2AProtocol.JwksPath)
            .Add("typ", RequestSignatureFormat.Type);
        var list = new List<ExtensionDeclaration>
        {
            new(RequestSigningUri, RequestSigningDescription, false, requestSigningParams),
        };

        if (agent.Passport is { } passport)
        {
            JsonObject? passportParams = null;
            if (passport.Keys.Count > 0)
            {
                var keys = new List<string>(passport.Keys.Count);
                foreach (var key in passport.Keys)
                {
                    keys.Add(key.Key);
                }

                passportParams = new JsonObject().Add("supportedStateKeys", JsonArray.OfStrings(keys));
            }

            list.Add(new ExtensionDeclaration(SecurePassportUri, null, passport.ExtensionRequired, passportParams));
        }

        if (agent.Provenance)
        {
            var signing = new List<string>(agent.Skills.Count);
            foreach (var skill in agent.Skills)
            {
                if (skill.SignsProvenance)
                {
                    signing.Add(skill.Id);
                }
            }

            var provenanceParams = new JsonObject()
                .Add("algorithms", JsonArray.OfStrings(["EdDSA", "ES256"]))
                .Add("jwksPath", A2AProtocol.JwksPath)
                .Add("skills", JsonArray.OfStrings(signing))
                .Add("typ", "a2a-provenance+jws");
            list.Add(new ExtensionDeclaration(ProvenanceUri, ProvenanceDescription, false, provenanceParams));
        }

        var encrypted = new List<string>(agent.Skills.Count);
        foreach (var skill in agent.Skills)
        {
            if (skill.RequiresEncryption)
            {
                encrypted.Add(skill.Id);
            }
        }

        if (encrypted.Count > 0)
        {
            var encryptionParams = new JsonObject()
                .Add("algorithms", JsonArray.OfStrings(["ECDH-ES+A256KW"]))
                .Add("encryptions", JsonArray.OfStrings(["A256GCM"]))
                .Add("jwksPath", A2AProtocol.JwksPath)
                .Add("mediaTypes", JsonArray.OfStrings(["application/jose+json"]))
                .Add("skills", JsonArray.OfStrings(encrypted));
            list.Add(new ExtensionDeclaration(EncryptionUri, EncryptionDescription, false, encryptionParams));
        }

        return list;
    }
}

/// <summary>One extension declaration: its URI, description, <c>required</c> flag and params.</summary>
internal sealed class ExtensionDeclaration
{
    public ExtensionDeclaration(string uri, string? description, bool required, JsonObject? parameters)
    {
        Uri = uri;
        Description = description;
        Required = required;
        Parameters = parameters;
    }

    public string Uri { get; }

    public string? Description { get; }

    public bool Required { get; }

    public JsonObject? Parameters { get; }
}
