namespace A2AGen;

/// <summary>
/// Declares a <c>partial</c> class as an Agent2Agent (A2A v1.0) agent. At compile time A2AGen generates the
/// agent's Agent Card (<see cref="IA2AAgent.Card"/>, <see cref="IA2AAgent.CardJson"/>), its skill descriptors and
/// the dispatch shim that hosting calls.
/// </summary>
/// <remarks>
/// The class must be <c>partial</c>, non-generic and not nested in a generic type. Every argument must be a
/// compile-time constant. Invalid declarations produce no code; the A2AGen analyzers explain why (A2AG0002…A2AG0012).
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class A2AAgentAttribute : Attribute
{
    /// <summary>Declares an agent.</summary>
    /// <param name="id">
    /// The stable agent id: lower-case, URL-safe (<c>[a-z0-9][a-z0-9._-]{0,63}</c>). It names the agent in request
    /// signatures (<c>iss</c>), in the trust folder (<c>trusted/&lt;id&gt;.jwks.json</c>) and in the build output
    /// (<c>agent-cards/&lt;id&gt;.json</c>).
    /// </param>
    public A2AAgentAttribute(string id) => Id = id;

    /// <summary>The stable agent id.</summary>
    public string Id { get; }

    /// <summary>Human-readable name (card <c>name</c>). Defaults to the class name.</summary>
    public string? Name { get; set; }

    /// <summary>What the agent does (card <c>description</c>). Required.</summary>
    public string? Description { get; set; }

    /// <summary>The agent's own version (card <c>version</c>), semantic <c>x.y.z</c>. Defaults to <c>1.0.0</c>.</summary>
    public string? Version { get; set; }

    /// <summary>
    /// The public JSON-RPC endpoint URL (card <c>supportedInterfaces[0].url</c>). Hosting replaces it with the
    /// configured public URL at run time. When absent the compile-time card carries the placeholder
    /// <c>http://localhost/</c>, <see cref="AgentDescriptor.DeclaresUrl"/> is false, and hosting serves the configured
    /// public URL or the URL each request arrived at.
    /// </summary>
    public string? Url { get; set; }

    /// <summary>The provider organization (card <c>provider.organization</c>); needs <see cref="OrganizationUrl"/>.</summary>
    public string? Organization { get; set; }

    /// <summary>The provider's web site (card <c>provider.url</c>); needs <see cref="Organization"/>.</summary>
    public string? OrganizationUrl { get; set; }

    /// <summary>Documentation URL (card <c>documentationUrl</c>).</summary>
    public string? DocumentationUrl { get; set; }

    /// <summary>Icon URL (card <c>iconUrl</c>).</summary>
    public string? IconUrl { get; set; }

    /// <summary>Media types the agent accepts (card <c>defaultInputModes</c>). Defaults to <c>text/plain</c> and <c>application/json</c>.</summary>
    public string[]? DefaultInputModes { get; set; }

    /// <summary>Media types the agent produces (card <c>defaultOutputModes</c>). Defaults to <c>text/plain</c> and <c>application/json</c>.</summary>
    public string[]? DefaultOutputModes { get; set; }

    /// <summary>
    /// Whether the agent supports <c>SendStreamingMessage</c> and <c>SubscribeToTask</c> (card
    /// <c>capabilities.streaming</c>); without it those methods answer -32004 and clients such as <c>@a2a-js/sdk</c>'s
    /// <c>sendMessageStream</c> fall back to one final answer. The generator sets it on its own when a skill returns
    /// <c>IAsyncEnumerable&lt;T&gt;</c>; setting it to <see langword="false"/> beside such a skill is error A2AG0021.
    /// Set it to <see langword="true"/> to let callers follow other skills' tasks as event streams too.
    /// </summary>
    public bool Streaming { get; set; }

    /// <summary>
    /// Whether the agent sends push notifications (card <c>capabilities.pushNotifications</c>): A2AGen.Hosting then
    /// serves Create/Get/List/Delete <c>TaskPushNotificationConfig</c> and the inline configuration of
    /// <c>SendMessage</c>, and POSTs each later event of a task to its webhooks, signed with the agent's key, retried,
    /// in order, behind an SSRF guard (<c>docs/push.md</c>). The agent needs a signing key.
    /// </summary>
    public bool PushNotifications { get; set; }

    /// <summary>
    /// Request-signature policy for every skill of this agent. <see cref="SignatureRequirement.Required"/> makes every
    /// request carry a valid <c>A2A-Signature</c>; a skill can only strengthen it.
    /// </summary>
    public SignatureRequirement RequestSignature { get; set; }

    /// <summary>
    /// Agent-wide payload encryption: <see cref="EncryptionRequirement.Required"/> makes every skill refuse plaintext
    /// parts (a skill cannot weaken it). The card then declares the encryption extension for every skill.
    /// </summary>
    public EncryptionRequirement Encryption { get; set; }
}
