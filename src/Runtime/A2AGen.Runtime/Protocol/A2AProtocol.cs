// Also compiled into the generator (linked, internal there, in its own namespace), so that the cards it writes use
// the runtime's wire constants instead of copies.
#if A2AGEN_GENERATOR
namespace A2AGen.Generators.Wire;
#else
namespace A2AGen.Protocol;
#endif

/// <summary>Protocol constants: version, service-parameter headers, well-known paths and metadata keys.</summary>
#if A2AGEN_GENERATOR
internal
#else
public
#endif
static class A2AProtocol
{
    /// <summary>The A2A protocol version A2AGen speaks.</summary>
    public const string Version = "1.0";

    /// <summary>The version a request without <see cref="VersionHeader"/> means (spec §3.6.1).</summary>
    public const string ImplicitVersion = "0.3";

    /// <summary>Service parameter naming the client's protocol version.</summary>
    public const string VersionHeader = "A2A-Version";

    /// <summary>Service parameter listing requested extension URIs (comma-separated).</summary>
    public const string ExtensionsHeader = "A2A-Extensions";

    /// <summary>The v0.3 name of <see cref="ExtensionsHeader"/>, still read.</summary>
    public const string LegacyExtensionsHeader = "X-A2A-Extensions";

    /// <summary>The header carrying a compact JWS request signature (DESIGN §6.4).</summary>
    public const string SignatureHeader = "A2A-Signature";

    /// <summary>Where the Agent Card is served, relative to the agent's base path.</summary>
    public const string AgentCardPath = "/.well-known/agent-card.json";

    /// <summary>Where the agent's public keys are served, relative to the agent's base path.</summary>
    public const string JwksPath = "/.well-known/jwks.json";

    /// <summary>Message metadata key whose string value selects a skill by id.</summary>
    public const string SkillMetadataKey = "urn:a2agen:skill";

    /// <summary>The Secure Passport extension URI, also its message metadata key.</summary>
    public const string SecurePassportExtensionUri =
        "https://github.com/a2aproject/a2a-samples/tree/main/samples/python/extensions/secure-passport";

    /// <summary>The JSON-RPC protocol binding name of an agent interface.</summary>
    public const string JsonRpcBinding = "JSONRPC";

    /// <summary>The HTTP+JSON (REST) protocol binding name of an agent interface.</summary>
    public const string HttpJsonBinding = "HTTP+JSON";

    /// <summary>The gRPC protocol binding name of an agent interface.</summary>
    public const string GrpcBinding = "GRPC";

    /// <summary>The A2AGen request-signing extension URI declared in cards.</summary>
    public const string RequestSigningExtensionUri = "urn:a2agen:ext:request-signing:v1";

    /// <summary>The URI of A2AGen's payload encryption extension (JWE parts, docs/encryption.md).</summary>
    public const string EncryptionExtensionUri = "urn:a2agen:ext:encryption:v1";
}
