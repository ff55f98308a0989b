using A2AGen.Biscuit.Datalog;

namespace A2AGen.Biscuit;

/// <summary>
/// Narrows a Biscuit for one call before it is sent: appends a block that checks the agent called, the skill and a
/// short lifetime, so a token intercepted or passed on is worth only that call (docs/biscuit.md). A2AGen hosting
/// supplies the facts these checks read (<c>agent(id)</c>, <c>skill(id)</c>, <c>time(now)</c>). Thread-safe.
/// </summary>
/// <example>
/// <code>
/// var attenuator = new BiscuitAttenuator(token);
/// var options = new A2AClientOptions
/// {
///     BearerToken = (call, _) => ValueTask.FromResult&lt;string?&gt;(attenuator.ForCall(call.AgentId, call.SkillId)),
/// };
/// </code>
/// </example>
public sealed class BiscuitAttenuator
{
    /// <summary>Creates an attenuator for <paramref name="token"/>.</summary>
    /// <param name="token">The token to narrow (verified or read with <see cref="BiscuitToken.ParseUnverified(string, BiscuitReadOptions?)"/>); not sealed.</param>
    /// <param name="timeProvider">The clock the expiry is computed from; default the system clock.</param>
    /// <exception cref="BiscuitFormatException">The token is sealed (<see cref="BiscuitFormatError.Sealed"/>).</exception>
    public BiscuitAttenuator(BiscuitToken token, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.IsSealed)
        {
            throw new BiscuitFormatException(BiscuitFormatError.Sealed, "the token is sealed: it cannot be attenuated");
        }

        Token = token;
        TimeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The token every call's block is appended to.</summary>
    public BiscuitToken Token { get; }

    /// <summary>The clock the expiry is computed from.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>How long an attenuated token stays valid (default 60 seconds).</summary>
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The token narrowed to <paramref name="agentId"/>, <paramref name="skillId"/> and <see cref="Lifetime"/>, in base64url.</summary>
    /// <param name="agentId">The agent called; null adds no agent check.</param>
    /// <param name="skillId">The skill called; null adds no skill check.</param>
    public string ForCall(string? agentId, string? skillId) => Attenuate(agentId, skillId).ToBase64();

    /// <summary>
    /// Appends a block with <c>check if agent("…")</c>, <c>check if skill("…")</c> (each when given) and
    /// <c>check if time($t), $t &lt;= expiry</c> (expiry = now + <paramref name="lifetime"/>, else <see cref="Lifetime"/>).
    /// </summary>
    /// <param name="agentId">The agent called; null adds no agent check.</param>
    /// <param name="skillId">The skill called; null adds no skill check.</param>
    /// <param name="lifetime">The lifetime; default <see cref="Lifetime"/>.</param>
    public BiscuitToken Attenuate(string? agentId, string? skillId, TimeSpan? lifetime = null)
    {
        var span = lifetime ?? Lifetime;
        if (span <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), "The lifetime must be positive.");
        }

        var expiry = TimeProvider.GetUtcNow() + span;
        var block = new System.Text.StringBuilder();
        if (agentId is not null)
        {
            block.Append("check if agent(").Append(Term.String(agentId)).Append(");\n");
        }

        if (skillId is not null)
        {
            block.Append("check if skill(").Append(Term.String(skillId)).Append(");\n");
        }

        block.Append("check if time($time), $time <= ").Append(Term.Date(expiry)).Append(";\n");
        return Token.Attenuate(DatalogParser.ParseBlock(block.ToString()));
    }
}
