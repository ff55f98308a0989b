using System.Security.Cryptography;

namespace A2AGen.Security;

/// <summary>
/// Ready <see cref="ECDsa"/> instances for one P-256 public key. Importing a key costs about twice a verification, so
/// instances are kept; a few slots let concurrent verifications proceed without sharing an instance.
/// </summary>
internal sealed class EcdsaVerifierPool
{
    private readonly byte[] _point;
    private readonly ECDsa?[] _slots = new ECDsa?[Math.Clamp(Environment.ProcessorCount, 2, 16)];

    public EcdsaVerifierPool(ReadOnlySpan<byte> uncompressedPoint)
    {
        _point = uncompressedPoint.ToArray();
    }

    /// <summary>Imports a 65-byte uncompressed point; the BCL rejects points that are not on P-256.</summary>
    /// <exception cref="FormatException">The point is not a valid P-256 public key.</exception>
    public static ECDsa Create(ReadOnlySpan<byte> uncompressedPoint)
    {
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = uncompressedPoint.Slice(1, 32).ToArray(), Y = uncompressedPoint.Slice(33, 32).ToArray() },
        };
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportParameters(parameters);
            return ecdsa;
        }
        catch (CryptographicException e)
        {
            ecdsa.Dispose();
            throw new FormatException("The P-256 public key is not a point on the curve.", e);
        }
    }

    /// <summary>An instance for exclusive use until <see cref="Return"/>.</summary>
    public ECDsa Rent()
    {
        int start = Environment.CurrentManagedThreadId % _slots.Length;
        for (int i = 0; i < _slots.Length; i++)
        {
            var ecdsa = Interlocked.Exchange(ref _slots[(start + i) % _slots.Length], null);
            if (ecdsa is not null)
            {
                return ecdsa;
            }
        }

        return Create(_point);
    }

    /// <summary>Gives an instance back (or disposes it when every slot is full).</summary>
    public void Return(ECDsa ecdsa)
    {
        int start = Environment.CurrentManagedThreadId % _slots.Length;
        for (int i = 0; i < _slots.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _slots[(start + i) % _slots.Length], ecdsa, null) is null)
            {
                return;
            }
        }

        ecdsa.Dispose();
    }
}
