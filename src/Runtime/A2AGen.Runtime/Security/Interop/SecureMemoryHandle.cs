using System.Buffers;
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

    /// <summary>Runs <paramref name="action"/> over the bytes while a reference keeps the memory alive.</summary>
    public void Use<TState>(TState state, SpanAction<byte, TState> action)
    {
        bool added = false;
        try
        {
            DangerousAddRef(ref added);
            action(new Span<byte>((void*)handle, Length), state);
        }
        finally
        {
            if (added)
            {
                DangerousRelease();
            }
        }
    }

    /// <summary>Copies <paramref name="source"/> in (it must be exactly <see cref="Length"/> bytes).</summary>
    public void Import(ReadOnlySpan<byte> source)
    {
        if (source.Length != Length)
        {
            throw new ArgumentException("Wrong secret length.", nameof(source));
        }

        bool added = false;
        try
        {
            DangerousAddRef(ref added);
            source.CopyTo(new Span<byte>((void*)handle, Length));
        }
        finally
        {
            if (added)
            {
                DangerousRelease();
            }
        }
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

