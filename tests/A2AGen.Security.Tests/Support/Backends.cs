namespace A2AGen.Security.Tests.Support;

/// <summary>Both Ed25519 backends; tests run on each and fail (not skip) when one does not load.</summary>
internal static class Backends
{
    public static readonly Ed25519Backend[] All = [Ed25519Backend.Libsodium, Ed25519Backend.OpenSsl];

    public static Ed25519SignatureAlgorithm Get(Ed25519Backend backend)
    {
        var algorithm = Ed25519SignatureAlgorithm.ForBackend(backend);
        Assert.True(algorithm.IsSupported, $"{backend} did not load: {algorithm.UnsupportedReason}");
        return algorithm;
    }
}
