using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace A2AGen.Security.Interop;

/// <summary>
/// Ed25519 through OpenSSL 3 <c>EVP_PKEY</c> raw keys and one-shot <c>EVP_DigestSign</c>/<c>EVP_DigestVerify</c>.
/// The private key lives in an <c>EVP_PKEY</c> (OpenSSL cleanses it on free); verification keys are cached on the
/// <see cref="PublicKey"/>.
/// </summary>
internal sealed unsafe class OpenSslEd25519Provider : Ed25519Provider
{
    // One digest context per thread, reset after each use: EVP_MD_CTX_new per call is measurable on the verify path.
    [ThreadStatic]
    private static SafeEvpMdCtxHandle? t_context;

    private OpenSslEd25519Provider()
    {
    }

    /// <inheritdoc />
    public override Ed25519Backend Backend => Ed25519Backend.OpenSsl;

    /// <summary>Loads libcrypto and checks that it is OpenSSL 3.</summary>
    public static OpenSslEd25519Provider? TryCreate(out string? failure)
    {
        if (!NativeLibrary.TryLoad(OpenSsl.LibraryName, typeof(OpenSslEd25519Provider).Assembly, null, out _))
        {
            failure = $"OpenSsl: {OpenSsl.LibraryName} could not be loaded";
            return null;
        }

        if (OpenSsl.OpenSSL_version_num() < 0x30000000UL)
        {
            failure = "OpenSsl: OpenSSL 3.0 or later is required";
            return null;
        }

        failure = null;
        return new OpenSslEd25519Provider();
    }

    /// <inheritdoc />
    public override PrivateKeyMaterial CreateFromSeed(ReadOnlySpan<byte> seed, Span<byte> publicKey)
    {
        SafeEvpPKeyHandle key;
        fixed (byte* s = seed)
        {
            key = OpenSsl.EVP_PKEY_new_raw_private_key(OpenSsl.EvpPkeyEd25519, IntPtr.Zero, s, (nuint)seed.Length);
        }

        if (key.IsInvalid)
        {
            key.Dispose();
            OpenSsl.ERR_clear_error();
            throw new CryptographicException("OpenSSL could not import the Ed25519 private key.");
        }

        try
        {
            nuint length = (nuint)publicKey.Length;
            fixed (byte* pk = publicKey)
            {
                if (OpenSsl.EVP_PKEY_get_raw_public_key(key, pk, ref length) != 1 || length != 32)
                {
                    OpenSsl.ERR_clear_error();
                    throw new CryptographicException("OpenSSL could not derive the Ed25519 public key.");
                }
            }

            return new Material(key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public override bool Verify(PublicKey publicKey, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var key = publicKey.GetOrCreateNativeKey(static pk => ImportPublicKey(pk.RawBytes));
        var context = Context();
        try
        {
            if (OpenSsl.EVP_DigestVerifyInit(context, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, key) != 1)
            {
                OpenSsl.ERR_clear_error();
                throw new CryptographicException("OpenSSL could not start an Ed25519 verification.");
            }

            int result;
            fixed (byte* sig = signature)
            fixed (byte* m = NativeSpan.NonNull(data))
            {
                result = OpenSsl.EVP_DigestVerify(context, sig, (nuint)signature.Length, m, (nuint)data.Length);
            }

            if (result != 1)
            {
                OpenSsl.ERR_clear_error();
            }

            return result == 1;
        }
        finally
        {
            OpenSsl.EVP_MD_CTX_reset(context);
        }
    }

    private static SafeEvpPKeyHandle ImportPublicKey(ReadOnlySpan<byte> publicKey)
    {
        SafeEvpPKeyHandle key;
        fixed (byte* pk = publicKey)
        {
            key = OpenSsl.EVP_PKEY_new_raw_public_key(OpenSsl.EvpPkeyEd25519, IntPtr.Zero, pk, (nuint)publicKey.Length);
        }

        if (key.IsInvalid)
        {
            key.Dispose();
            OpenSsl.ERR_clear_error();
            throw new CryptographicException("OpenSSL could not import the Ed25519 public key.");
        }

        return key;
    }

    private static SafeEvpMdCtxHandle Context()
    {
        var context = t_context;
        if (context is null)
        {
            context = OpenSsl.EVP_MD_CTX_new();
            if (context.IsInvalid)
            {
                context.Dispose();
                throw new CryptographicException("OpenSSL could not allocate a digest context.");
            }

            t_context = context;
        }

        return context;
    }

    private sealed class Material(SafeEvpPKeyHandle key) : PrivateKeyMaterial
    {
        public override void Sign(ReadOnlySpan<byte> data, Span<byte> signature)
        {
            var context = Context();
            try
            {
                if (OpenSsl.EVP_DigestSignInit(context, IntPtr.Zero, IntPtr.Zero, IntPtr.Zero, key) != 1)
                {
                    OpenSsl.ERR_clear_error();
                    throw new CryptographicException("OpenSSL could not start an Ed25519 signature.");
                }

                nuint length = (nuint)signature.Length;
                fixed (byte* sig = signature)
                fixed (byte* m = NativeSpan.NonNull(data))
                {
                    if (OpenSsl.EVP_DigestSign(context, sig, ref length, m, (nuint)data.Length) != 1 || length != 64)
                    {
                        OpenSsl.ERR_clear_error();
                        throw new CryptographicException("OpenSSL could not sign.");
                    }
                }
            }
            finally
            {
                OpenSsl.EVP_MD_CTX_reset(context);
            }
        }

        public override void ExportRaw(Span<byte> destination)
        {
            nuint length = (nuint)destination.Length;
            fixed (byte* d = destination)
            {
                if (OpenSsl.EVP_PKEY_get_raw_private_key(key, d, ref length) != 1 || length != 32)
                {
                    OpenSsl.ERR_clear_error();
                    throw new CryptographicException("OpenSSL could not export the Ed25519 private key.");
                }
            }
        }

        public override void Dispose() => key.Dispose();
    }
}
