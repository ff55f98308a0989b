using System.Runtime.InteropServices;

namespace A2AGen.Security.Interop;

/// <summary>The libsodium 1.0.18 entry points A2AGen uses (Ed25519 only).</summary>
internal static partial class Libsodium
{
    public const string LibraryName = "libsodium.so.23";

    public const int Ed25519SeedBytes = 32;
    public const int Ed25519PublicKeyBytes = 32;
    public const int Ed25519SecretKeyBytes = 64;
    public const int Ed25519SignatureBytes = 64;

    [LibraryImport(LibraryName, EntryPoint = "sodium_init")]
    public static partial int sodium_init();

    [LibraryImport(LibraryName, EntryPoint = "crypto_sign_ed25519_seedbytes")]
    public static partial nuint crypto_sign_ed25519_seedbytes();

    [LibraryImport(LibraryName, EntryPoint = "crypto_sign_ed25519_publickeybytes")]
    public static partial nuint crypto_sign_ed25519_publickeybytes();

    [LibraryImport(LibraryName, EntryPoint = "crypto_sign_ed25519_secretkeybytes")]
    public static partial nuint crypto_sign_ed25519_secretkeybytes();

    [LibraryImport(LibraryName, EntryPoint = "crypto_sign_ed25519_bytes")]
    public static partial nuint crypto_sign_ed25519_bytes();

    // sk receives seed || public key (64 bytes).
    [LibraryImport(LibraryName, EntryPoint = "crypto_sign_ed25519_seed_keypair")]
    public static unsafe partial int crypto_sign_ed25519_seed_keypair(byte* pk, SecureMemoryHandle sk, byte* seed);

    [LibraryImport(LibraryName, EntryPoint = "crypto_sign_ed25519_detached")]
    public static unsafe partial int crypto_sign_ed25519_detached(byte* sig, out ulong siglen, byte* m, ulong mlen, SecureMemoryHandle sk);

    [LibraryImport(LibraryName, EntryPoint = "crypto_sign_ed25519_verify_detached")]
    public static unsafe partial int crypto_sign_ed25519_verify_detached(byte* sig, byte* m, ulong mlen, byte* pk);
}
