using System.Runtime.InteropServices;

namespace A2AGen.Benchmarks.Security;

/// <summary>
/// Benchmark-only copy of the Ed25519 path A2AGen used before NSec: P/Invoke into the system's libsodium 1.0.18
/// (<c>libsodium.so.23</c>, Debian's <c>libsodium23</c>), so the old and the new path are measured in the same run. Not
/// part of the product; the benchmarks that use it fail in setup when the library is not installed.
/// </summary>
internal sealed unsafe class LegacySystemLibsodium
{
    private const string LibraryName = "libsodium.so.23";

    private readonly byte[] _secretKey = new byte[64];
    private readonly byte[] _publicKey = new byte[32];

    public LegacySystemLibsodium(ReadOnlySpan<byte> seed)
    {
        if (sodium_init() < 0)
        {
            throw new InvalidOperationException("sodium_init failed");
        }

        fixed (byte* pk = _publicKey)
        fixed (byte* sk = _secretKey)
        fixed (byte* s = seed)
        {
            if (crypto_sign_ed25519_seed_keypair(pk, sk, s) != 0)
            {
                throw new InvalidOperationException("crypto_sign_ed25519_seed_keypair failed");
            }
        }
    }

    public ReadOnlySpan<byte> PublicKey => _publicKey;

    public void Sign(ReadOnlySpan<byte> data, Span<byte> signature)
    {
        fixed (byte* sig = signature)
        fixed (byte* m = data)
        fixed (byte* sk = _secretKey)
        {
            if (crypto_sign_ed25519_detached(sig, out _, m, (ulong)data.Length, sk) != 0)
            {
                throw new InvalidOperationException("crypto_sign_ed25519_detached failed");
            }
        }
    }

    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        fixed (byte* sig = signature)
        fixed (byte* m = data)
        fixed (byte* pk = _publicKey)
        {
            return crypto_sign_ed25519_verify_detached(sig, m, (ulong)data.Length, pk) == 0;
        }
    }

    [DllImport(LibraryName)]
    private static extern int sodium_init();

    [DllImport(LibraryName)]
    private static extern int crypto_sign_ed25519_seed_keypair(byte* pk, byte* sk, byte* seed);

    [DllImport(LibraryName)]
    private static extern int crypto_sign_ed25519_detached(byte* sig, out ulong siglen, byte* m, ulong mlen, byte* sk);

    [DllImport(LibraryName)]
    private static extern int crypto_sign_ed25519_verify_detached(byte* sig, byte* m, ulong mlen, byte* pk);
}
