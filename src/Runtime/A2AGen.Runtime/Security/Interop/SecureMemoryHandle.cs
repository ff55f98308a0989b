using System.Runtime.InteropServices;

namespace A2AGen.Security.Interop;

/// <summary>
/// Native memory for secret key material: never moved by the GC, and zeroed before it is freed (also when only the
/// finalizer runs).
/// </summary>
internal sealed unsafe class SecureMemoryHandle : SafeHandle
{
    private SecureMemoryHandle(int length)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        Length = length;
    }

    /// <summary>The size in bytes.</summary>
    public int Length { get; }

    /// <inheritdoc />
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Allocates <paramref name="length"/> zeroed bytes.</summary>
    public static SecureMemoryHandle Allocate(int length)
    {
        var result = new SecureMemoryHandle(length);
        result.SetHandle((IntPtr)NativeMemory.AllocZeroed((nuint)length));
        return result;
    }

    /// <summary>Copies the bytes out to <paramref name="destination"/>; the caller zeroes it after use.</summary>
    public void Export(Span<byte> destination)
    {
        bool added = false;
        try
        {
            DangerousAddRef(ref added);
            new ReadOnlySpan<byte>((void*)handle, Length).CopyTo(destination);
        }
        finally
        {
            if (added)
            {
                DangerousRelease();
            }
        }
    }

    /// <inheritdoc />
    protected override bool ReleaseHandle()
    {
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(new Span<byte>((void*)handle, Length));
        NativeMemory.Free((void*)handle);
        return true;
    }
}

