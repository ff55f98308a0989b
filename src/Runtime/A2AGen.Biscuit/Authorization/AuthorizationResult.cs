using A2AGen.Biscuit.Datalog;

namespace A2AGen.Biscuit;

/// <summary>How an authorization ended.</summary>
public enum AuthorizationOutcome
{
    /// <summary>Every check passed and an allow policy matched.</summary>
    Allowed,
    /// <summary>A check failed or a deny policy matched (see <see cref="AuthorizationResult.FailedChecks"/> and <see cref="AuthorizationResult.MatchedPolicy"/>).</summary>
    Unauthorized,
    /// <summary>No policy matched (a failed check may be reported too).</summary>
    NoMatchingPolicy,
    /// <summary>An expression failed (overflow, type error, ...): see <see cref="AuthorizationResult.ExpressionError"/>.</summary>
    ExecutionError,
    /// <summary>A run limit was reached: see <see cref="AuthorizationResult.RunLimit"/>.</summary>
    RunLimitExceeded,
    /// <summary>A token block holds a rule whose head uses a variable its body does not bind.</summary>
    InvalidBlockRule,
}

/// <summary>A check that did not pass.</summary>
/// <param name="BlockId">The block holding the check, or null for the authorizer's own checks.</param>
/// <param name="CheckId">The check's index in its block (or in the authorizer).</param>
/// <param name="Rule">The check as Datalog text.</param>
public sealed record FailedCheck(int? BlockId, int CheckId, string Rule)
{
    /// <inheritdoc />
    public override string ToString() => BlockId is { } b ? $"check {CheckId} of block {b} failed: {Rule}" : $"authorizer check {CheckId} failed: {Rule}";
}

/// <summary>The facts, rules, checks and policies of an authorization, for inspection and tests.</summary>
public sealed class AuthorizerWorld
{
    internal AuthorizerWorld(IReadOnlyList<(IReadOnlyList<int?> Origin, Fact Fact)> facts, IReadOnlyList<(int? Block, Rule Rule)> rules, IReadOnlyList<(int? Block, Check Check)> checks, IReadOnlyList<Policy> policies)
    {
        Facts = facts;
        Rules = rules;
        Checks = checks;
        Policies = policies;
    }

    /// <summary>Every fact with its origin: the block ids it derives from (null stands for the authorizer).</summary>
    public IReadOnlyList<(IReadOnlyList<int?> Origin, Fact Fact)> Facts { get; }

    /// <summary>Every rule with its block (null: the authorizer).</summary>
    public IReadOnlyList<(int? Block, Rule Rule)> Rules { get; }

    /// <summary>Every check with its block (null: the authorizer).</summary>
    public IReadOnlyList<(int? Block, Check Check)> Checks { get; }

    /// <summary>The authorizer's policies in order.</summary>
    public IReadOnlyList<Policy> Policies { get; }
}

/// <summary>The result of <see cref="Authorizer.Authorize"/>: allowed or not, and exactly why.</summary>
public sealed class AuthorizationResult
{
    internal AuthorizationResult(AuthorizationOutcome outcome)
    {
        Outcome = outcome;
    }

    /// <summary>How it ended.</summary>
    public AuthorizationOutcome Outcome { get; }

    /// <summary>True when allowed.</summary>
    public bool IsAllowed => Outcome == AuthorizationOutcome.Allowed;

    /// <summary>The policy that matched (kind and index), if one did.</summary>
    public (PolicyKind Kind, int Index)? MatchedPolicy { get; internal init; }

    /// <summary>The checks that failed, in evaluation order (authorizer, authority, then the other blocks).</summary>
    public IReadOnlyList<FailedCheck> FailedChecks { get; internal init; } = [];

    /// <summary>For <see cref="AuthorizationOutcome.ExecutionError"/>: the expression error.</summary>
    public ExpressionError? ExpressionError { get; internal init; }

    /// <summary>For <see cref="AuthorizationOutcome.RunLimitExceeded"/>: the limit.</summary>
    public RunLimit? RunLimit { get; internal init; }

    /// <summary>For <see cref="AuthorizationOutcome.InvalidBlockRule"/>: the block and the rule.</summary>
    public (int Block, string Rule)? InvalidRule { get; internal init; }

    /// <summary>The world after evaluation (null when loading the token failed).</summary>
    public AuthorizerWorld? World { get; internal init; }

    /// <summary>Rule-application rounds run.</summary>
    public int Iterations { get; internal init; }

    /// <summary>Time spent (by the authorizer's clock).</summary>
    public TimeSpan Elapsed { get; internal init; }

    /// <summary>A one-line reason, safe to log and to return to a caller (it names checks and policies, no secrets).</summary>
    public string Reason => Outcome switch
    {
        AuthorizationOutcome.Allowed => $"allowed by policy {MatchedPolicy?.Index}",
        AuthorizationOutcome.Unauthorized when MatchedPolicy is { Kind: PolicyKind.Deny } deny =>
            $"deny policy {deny.Index} matched" + (FailedChecks.Count > 0 ? "; " + string.Join("; ", FailedChecks) : string.Empty),
        AuthorizationOutcome.Unauthorized => string.Join("; ", FailedChecks),
        AuthorizationOutcome.NoMatchingPolicy => "no allow policy matched" + (FailedChecks.Count > 0 ? "; " + string.Join("; ", FailedChecks) : string.Empty),
        AuthorizationOutcome.ExecutionError => $"Datalog expression error: {ExpressionError}",
        AuthorizationOutcome.RunLimitExceeded => $"Datalog run limit reached: {RunLimit}",
        _ => $"block {InvalidRule?.Block} has an invalid rule (unbound head variable): {InvalidRule?.Rule}",
    };

    /// <inheritdoc />
    public override string ToString() => Reason;
}
