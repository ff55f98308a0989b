using System.Text.Json.Nodes;
using A2AGen.Cli.Infrastructure;
using A2AGen.Cli.Inputs;
using A2AGen.Security;

namespace A2AGen.Cli.Commands.Cards;

/// <summary>The outcome of checking a card's signatures, said for people and for scripts.</summary>
/// <param name="Result">The verifier's result.</param>
/// <param name="Trust">The keys that were trusted.</param>
internal sealed record CardCheck(AgentCardVerificationResult Result, KeyTrust Trust)
{
    /// <summary>0 Verified, 3 Unverified, 4 Invalid.</summary>
    public int ExitCode => Result.Status switch
    {
        AgentCardVerificationStatus.Verified => ExitCodes.Success,
        AgentCardVerificationStatus.Unverified => ExitCodes.Unverified,
        _ => ExitCodes.Invalid,
    };

    /// <summary>One line: the status, which key or which check, and what it means.</summary>
    public string Describe()
    {
        if (Result.IsVerified)
        {
            var key = Result.Key!;
            string source = Result.KeyFromJwkSetUrl ? "the card's allow-listed jku" : Trust.SourceOf(key);
            return $"Verified: signature {Result.SignatureIndex} by {key.Algorithm} key {key.KeyId} from {source}.";
        }

        return Result.Status == AgentCardVerificationStatus.Unverified
            ? $"Unverified ({Result.ReasonCode}): {Result.Detail}; nothing vouches for this card's content. Trusted: {Trust.Describe()}."
            : $"Invalid ({Result.ReasonCode}): {Result.Detail}; do not trust this card.";
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["status"] = Result.Status.ToString(),
            ["reason"] = Result.IsVerified ? null : Result.ReasonCode,
            ["detail"] = Result.Detail,
            ["signatureIndex"] = Result.SignatureIndex,
            ["trust"] = Trust.Describe(),
        };
        if (Result.Key is { } key)
        {
            json["kid"] = key.KeyId;
            json["algorithm"] = key.Algorithm;
            json["keySource"] = Result.KeyFromJwkSetUrl ? "jku" : Trust.SourceOf(key);
        }

        return json;
    }
}
