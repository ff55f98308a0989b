using A2AGen.Security;

namespace A2AGen.Fuzz.Targets;

/// <summary>
/// Keys made fresh for each fuzzing process (never saved): an Ed25519 and a P-256 key of the agent
/// <see cref="ClientId"/>, trusted under the kids <c>ed</c> and <c>ec</c>, so a target can sign what the fuzzer
/// wrote and reach the code behind a valid signature.
/// </summary>
internal static class FuzzKeys
{
    public const string ClientId = "fuzz-client";

    public static SigningKey Ed25519 { get; } = SigningKey.Create(SigningAlgorithm.Ed25519);

    public static SigningKey EcdsaP256 { get; } = SigningKey.Create(SigningAlgorithm.EcdsaP256Sha256);

    public static TrustStore Trust { get; } = CreateTrust();

    private static TrustStore CreateTrust()
    {
        var trust = new TrustStore();
        trust.Add(ClientId, Ed25519.PublicKey, "ed");
        trust.Add(ClientId, EcdsaP256.PublicKey, "ec");
        return trust;
    }
}
