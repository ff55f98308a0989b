namespace A2AGen.Passport.Tests.Agents;

/// <summary>Seed scenario 3 (retail assistance, no signature, low risk): an unsigned passport is welcome.</summary>
[A2AAgent(Id, Name = "Retail Agent", Description = "Recommends products from the shopper's intent.",
    DefaultInputModes = ["text/plain"], DefaultOutputModes = ["text/plain"])]
[PassportKeys("product_sku", "user_intent")]
public sealed partial class RetailAgent
{
    public const string Id = "retail-agent";

    [Skill("recommend", Description = "Recommends reviews or accessories for a product.", Tags = ["retail"])]
    public string Recommend(string text, RetailAgentPassport? passport) => passport is null
        ? "bestsellers (no passport)"
        : $"{(passport.UserIntent == "seeking_reviews" ? "reviews" : "accessories")} for {passport.ProductSku}; client={passport.ClientId}; verified={passport.IsSignatureVerified}";
}
