using System.Runtime.InteropServices;

namespace A2AGen.Security.Interop;

/// <summary>The OpenSSL 3 (<c>libcrypto.so.3</c>) entry points A2AGen uses: Ed25519 raw keys and one-shot EVP signing.</summary>
internal static partial class OpenSsl
{
    public const string LibraryName = "libcrypto.so.3";

    /// <summary><c>NID_ED25519</c> / <c>EVP_PKEY_ED25519</c>.</summary>
    public const int EvpPkeyEd25519 = 1087;

    [LibraryImport(LibraryName, EntryPoint = "OpenSSL_version_num")]
    public static partial ulong OpenSSL_version_num();

    [LibraryImport(LibraryName, EntryPoint = "EVP_PKEY_new_raw_private_key")]
    public static unsafe partial SafeEvpPKeyHandle EVP_PKEY_new_raw_private_key(int type, IntPtr engine, byte* priv, nuint len);

    [LibraryImport(LibraryName, EntryPoint = "EVP_PKEY_new_raw_public_key")]
    public static unsafe partial SafeEvpPKeyHandle EVP_PKEY_new_raw_public_key(int type, IntPtr engine, byte* pub, nuint len);

    [LibraryImport(LibraryName, EntryPoint = "EVP_PKEY_get_raw_public_key")]
    public static unsafe partial int EVP_PKEY_get_raw_public_key(SafeEvpPKeyHandle pkey, byte* pub, ref nuint len);

    [LibraryImport(LibraryName, EntryPoint = "EVP_PKEY_get_raw_private_key")]
    public static unsafe partial int EVP_PKEY_get_raw_private_key(SafeEvpPKeyHandle pkey, byte* priv, ref nuint len);

    [LibraryImport(LibraryName, EntryPoint = "EVP_PKEY_free")]
    public static partial void EVP_PKEY_free(IntPtr pkey);

    [LibraryImport(LibraryName, EntryPoint = "EVP_MD_CTX_new")]
    public static partial SafeEvpMdCtxHandle EVP_MD_CTX_new();

    [LibraryImport(LibraryName, EntryPoint = "EVP_MD_CTX_reset")]
    public static partial int EVP_MD_CTX_reset(SafeEvpMdCtxHandle ctx);

    [LibraryImport(LibraryName, EntryPoint = "EVP_MD_CTX_free")]
    public static partial void EVP_MD_CTX_free(IntPtr ctx);

    [LibraryImport(LibraryName, EntryPoint = "EVP_DigestSignInit")]
    public static partial int EVP_DigestSignInit(SafeEvpMdCtxHandle ctx, IntPtr pctx, IntPtr type, IntPtr engine, SafeEvpPKeyHandle pkey);

    [LibraryImport(LibraryName, EntryPoint = "EVP_DigestSign")]
    public static unsafe partial int EVP_DigestSign(SafeEvpMdCtxHandle ctx, byte* sigret, ref nuint siglen, byte* tbs, nuint tbslen);

    [LibraryImport(LibraryName, EntryPoint = "EVP_DigestVerifyInit")]
    public static partial int EVP_DigestVerifyInit(SafeEvpMdCtxHandle ctx, IntPtr pctx, IntPtr type, IntPtr engine, SafeEvpPKeyHandle pkey);

    [LibraryImport(LibraryName, EntryPoint = "EVP_DigestVerify")]
    public static unsafe partial int EVP_DigestVerify(SafeEvpMdCtxHandle ctx, byte* sigret, nuint siglen, byte* tbs, nuint tbslen);

    // Failed calls leave entries in the thread's error queue; .NET's own OpenSSL-based crypto shares that queue.
    [LibraryImport(LibraryName, EntryPoint = "ERR_clear_error")]
    public static partial void ERR_clear_error();
}

/// <summary>An OpenSSL <c>EVP_PKEY*</c>; freeing it also cleanses any private key it holds.</summary>
internal sealed class SafeEvpPKeyHandle : SafeHandle
{
    public SafeEvpPKeyHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        OpenSsl.EVP_PKEY_free(handle);
        return true;
    }
}

/// <summary>An OpenSSL <c>EVP_MD_CTX*</c>.</summary>
internal sealed class SafeEvpMdCtxHandle : SafeHandle
{
    public SafeEvpMdCtxHandle()
        : base(IntPtr.Zero, ownsHandle: true)
    {
    }

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        OpenSsl.EVP_MD_CTX_free(handle);
        return true;
    }
}
