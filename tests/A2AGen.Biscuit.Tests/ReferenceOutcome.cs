using System.Text.Json;
using A2AGen.Biscuit.Datalog;

namespace A2AGen.Biscuit.Tests;

/// <summary>Compares an authorization result with the reference implementation's (samples.json and biscuit-wasm use the same JSON).</summary>
internal static class ReferenceOutcome
{
    /// <summary>Differences between the reference implementation's result JSON ({"Ok": n} or {"Err": ...}) and ours.</summary>
    public static IEnumerable<string> Compare(JsonElement expected, AuthorizationResult actual)
    {
        if (expected.TryGetProperty("Ok", out var ok))
        {
            if (!actual.IsAllowed || actual.MatchedPolicy?.Index != ok.GetInt32())
            {
                yield return $"expected allowed by policy {ok.GetInt32()}, got {actual.Outcome}: {actual.Reason}";
            }

            yield break;
        }

        var err = expected.GetProperty("Err");
        if (err.TryGetProperty("Execution", out var execution))
        {
            if (actual.Outcome != AuthorizationOutcome.ExecutionError || actual.ExpressionError.ToString() != execution.GetString())
            {
                yield return $"expected execution error {execution.GetString()}, got {actual.Outcome}: {actual.Reason}";
            }

            yield break;
        }

        var logic = err.GetProperty("FailedLogic");
        if (logic.TryGetProperty("InvalidBlockRule", out var invalid))
        {
            // samples.json reports block 0 whatever the block (the reference implementation passes a constant 0);
            // the rule text identifies it. We report the real block (1 here).
            if (actual.Outcome != AuthorizationOutcome.InvalidBlockRule || actual.InvalidRule?.Rule != invalid[1].GetString())
            {
                yield return $"expected invalid block rule {invalid[1].GetString()}, got {actual.Outcome}: {actual.Reason}";
            }

            yield break;
        }

        JsonElement checks;
        if (logic.TryGetProperty("Unauthorized", out var unauthorized))
        {
            var policy = unauthorized.GetProperty("policy").EnumerateObject().Single();
            var kind = policy.Name == "Allow" ? PolicyKind.Allow : PolicyKind.Deny;
            if (actual.Outcome != AuthorizationOutcome.Unauthorized || actual.MatchedPolicy != (kind, policy.Value.GetInt32()))
            {
                yield return $"expected unauthorized with {kind} policy {policy.Value.GetInt32()}, got {actual.Outcome} {actual.MatchedPolicy}: {actual.Reason}";
            }

            checks = unauthorized.GetProperty("checks");
        }
        else
        {
            var none = logic.GetProperty("NoMatchingPolicy");
            if (actual.Outcome != AuthorizationOutcome.NoMatchingPolicy)
            {
                yield return $"expected no matching policy, got {actual.Outcome}: {actual.Reason}";
            }

            checks = none.GetProperty("checks");
        }

        var expectedChecks = checks.EnumerateArray().Select(c => c.TryGetProperty("Block", out var b)
            ? new FailedCheck(b.GetProperty("block_id").GetInt32(), b.GetProperty("check_id").GetInt32(), b.GetProperty("rule").GetString()!)
            : new FailedCheck(null, c.GetProperty("Authorizer").GetProperty("check_id").GetInt32(), c.GetProperty("Authorizer").GetProperty("rule").GetString()!)).ToList();
        if (!expectedChecks.SequenceEqual(actual.FailedChecks))
        {
            yield return "failed checks differ:\n  expected: " + string.Join(" | ", expectedChecks) + "\n  actual:   " + string.Join(" | ", actual.FailedChecks);
        }
    }
}
