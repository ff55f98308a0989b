using A2AGen.Biscuit;
using A2AGen.Biscuit.Crypto;
using A2AGen.Biscuit.Datalog;

namespace A2AGen.Benchmarks.Biscuit;

/// <summary>
/// The measured scenario: a typical 3-block Ed25519 token (rights, a resource/operation check, an expiry and agent
/// check) authorized by a 5-rule policy. The root key comes from a fixed seed so that every run, and the reference
/// implementation, see the same token.
/// </summary>
internal static class BiscuitScenario
{
    public const string AuthorizerCode = """
        resource("ledger"); operation("approve"); time(2026-06-01T00:00:00Z); agent("finance"); skill("budget-approve");
        can($r, $op) <- right($r, $op);
        can_approve($r) <- can($r, "approve");
        trusted_agent($a) <- agent($a), allowed_agent($a);
        fresh($t) <- time($t), $t < 2030-01-01T00:00:00Z;
        budget_skill($s) <- skill($s), $s.starts_with("budget");
        allow if can_approve("ledger"), trusted_agent("finance"), fresh($t), budget_skill($s);
        """;

    public static BiscuitKeyPair Root { get; } = BiscuitKeyPair.FromPrivateKey(BiscuitAlgorithm.Ed25519, Convert.FromHexString("7a2f8c1d9e3b4a5f6c7d8e9fa0b1c2d3e4f5061728394a5b6c7d8e9fa0b1c2d3"));

    public static BiscuitToken CreateToken() =>
        BiscuitToken.Create(Root, """
            right("ledger", "read"); right("ledger", "approve"); right("reports", "read");
            allowed_agent("finance"); allowed_agent("travel");
            """)
            .Attenuate("check if resource($r), operation($op), right($r, $op);")
            .Attenuate("""check if time($t), $t < 2027-01-01T00:00:00Z; check if agent("finance");""");

    public static Authorizer CreateAuthorizer() => new(AuthorizerCode);
}
