namespace A2AGen.Client;

/// <summary>
/// Gives the bearer token for one call (<c>Authorization: Bearer &lt;token&gt;</c>), or null to send none. Called for
/// each message call (<c>SendMessage</c>, <c>SendStreamingMessage</c>), so a provider can narrow a token to the call: <c>A2AGen.Biscuit.BiscuitAttenuator</c> appends a block that
/// limits a Biscuit to the agent, the skill and a short lifetime (docs/biscuit.md).
/// </summary>
/// <param name="call">What is being called.</param>
/// <param name="cancellationToken">Cancellation.</param>
public delegate ValueTask<string?> A2ABearerTokenProvider(A2ACall call, CancellationToken cancellationToken);

/// <summary>One call of an <see cref="A2AClient"/>, as a <see cref="A2ABearerTokenProvider"/> sees it.</summary>
/// <param name="Endpoint">The agent's endpoint.</param>
/// <param name="Method">The A2A operation (<c>SendMessage</c>, <c>GetTask</c>, …).</param>
/// <param name="AgentId">
/// The agent called, when known: the agent whose key verified the card, else <see cref="A2AClientOptions.ExpectedAgentId"/>.
/// </param>
/// <param name="SkillId">The skill a message names in its metadata (<c>urn:a2agen:skill</c>), if any.</param>
public sealed record A2ACall(Uri Endpoint, string Method, string? AgentId, string? SkillId);
