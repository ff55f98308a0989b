using System.Text;
using A2AGen.Security;

namespace A2AGen.Fuzz.Targets;

/// <summary>
/// JWK and JWK Set parsing (a peer's <c>/.well-known/jwks.json</c>, a trusted-keys file). The first byte picks the
/// parser: a public JWK, a JWK Set (then added to a trust store), or a private JWK import. The only documented
/// refusal is <see cref="FormatException"/>, whose message must be safe to log; what parses must write back out and
/// parse again to the same key.
/// </summary>
internal static class JwkTarget
{
    public static void Run(byte[] data)
    {
        if (data.Length == 0)
        {
            return;
        }

        var json = data.AsSpan(1);
        try
        {
            switch (data[0] % 3)
            {
                case 0:
                    RoundTrip(JsonWebKey.Parse(json));
                    break;
                case 1:
                    var set = JsonWebKeySet.Parse(json);
                    foreach (var key in set.Keys)
                    {
                        RoundTrip(key);
                    }

                    var again = JsonWebKeySet.Parse(set.ToUtf8Json());
                    FuzzInvariant.Check(again.Keys.Count == set.Keys.Count, "a JWK Set written out reads back with as many keys");
                    new TrustStore().Add(FuzzKeys.ClientId, set);
                    break;
                default:
                    using (var key = JsonWebKey.ImportPrivateKey(json))
                    {
                        FuzzInvariant.Check(key.PublicKey.Thumbprint.Length > 0, "an imported private key has a public key");
                    }

                    break;
            }
        }
        catch (FormatException e)
        {
            FuzzInvariant.SafeText(e.Message, "a JWK refusal");
        }
    }

    private static void RoundTrip(JsonWebKey key)
    {
        var again = JsonWebKey.Parse(Encoding.UTF8.GetBytes(key.ToJson()));
        FuzzInvariant.Check(again.Thumbprint == key.Thumbprint && again.KeyId == key.KeyId, "a JWK written out reads back as the same key");
    }
}
