namespace A2AGen;

/// <summary>
/// The skill requires a Biscuit capability token (<c>Authorization: Bearer &lt;biscuit&gt;</c>) that the host verifies
/// against its trusted Biscuit root keys and authorizes with <see cref="Policy"/> (docs/biscuit.md). The card declares
/// an HTTP bearer scheme with <c>bearerFormat: "biscuit"</c> for the skill; analyzer A2AG0023 reports invalid Datalog
/// at compile time.
/// </summary>
/// <remarks>
/// At request time the policy runs with the token's blocks and these ambient facts: <c>agent(id)</c>,
/// <c>skill(id)</c>, <c>operation(name)</c>, <c>time(now)</c>, and <c>caller(id)</c> when the caller is verified
/// (request signature issuer, else the mutual TLS identity). Everything else the skill requires (request signature,
/// passport, scopes) must hold as well.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class RequiresBiscuitAttribute : Attribute
{
    /// <summary>Requires a Biscuit authorized by <paramref name="policy"/>.</summary>
    /// <param name="policy">
    /// Authorizer Datalog: facts, rules, checks and at least one <c>allow if</c> policy, e.g.
    /// <c>allow if right("budget", "approve");</c>.
    /// </param>
    public RequiresBiscuitAttribute(string policy) => Policy = policy;

    /// <summary>The authorizer Datalog run for every call of the skill.</summary>
    public string Policy { get; }
}
