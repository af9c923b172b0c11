using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AttentionGen.Kernels;

/// <summary>
/// Run-time-length row operations of the generic path. The generated kernels do not call these: they unroll the
/// same operations for their fixed widths.
/// </summary>
internal static class RowOps
{
    /// <summary><c>Σ a[i]·b[i]</c> over <paramref name="length"/> elements.</summary>
    public static T Dot<T>(ref T a, ref T b, int length)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int i = 0;
        T sum = T.Zero;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<T>.Count)
        {
            Vector512<T> acc = Vector512<T>.Zero;
            for (; i <= length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                acc += Vector512.LoadUnsafe(ref a, (nuint)i) * Vector512.LoadUnsafe(ref b, (nuint)i);
            }

            sum = Vector512.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            Vector256<T> acc = Vector256<T>.Zero;
            for (; i <= length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                acc += Vector256.LoadUnsafe(ref a, (nuint)i) * Vector256.LoadUnsafe(ref b, (nuint)i);
            }

            sum = Vector256.Sum(acc);
        }
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<T>.Count)
        {
            Vector128<T> acc = Vector128<T>.Zero;
            for (; i <= length - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                acc += Vector128.LoadUnsafe(ref a, (nuint)i) * Vector128.LoadUnsafe(ref b, (nuint)i);
            }

            sum = Vector128.Sum(acc);
        }

        for (; i < length; i++)
        {
            sum += Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
        }

        return sum;
    }

    /// <summary><c>‖a − b‖²</c> over <paramref name="length"/> elements, formed from the differences so it stays exact for large magnitudes.</summary>
    public static T SquaredDistance<T>(ref T a, ref T b, int length)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int i = 0;
        T sum = T.Zero;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<T>.Count)
        {
            Vector512<T> acc = Vector512<T>.Zero;
            for (; i <= length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                Vector512<T> diff = Vector512.LoadUnsafe(ref a, (nuint)i) - Vector512.LoadUnsafe(ref b, (nuint)i);
                acc += diff * diff;
            }

            sum = Vector512.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            Vector256<T> acc = Vector256<T>.Zero;
            for (; i <= length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                Vector256<T> diff = Vector256.LoadUnsafe(ref a, (nuint)i) - Vector256.LoadUnsafe(ref b, (nuint)i);
                acc += diff * diff;
            }

            sum = Vector256.Sum(acc);
        }
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<T>.Count)
        {
            Vector128<T> acc = Vector128<T>.Zero;
            for (; i <= length - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                Vector128<T> diff = Vector128.LoadUnsafe(ref a, (nuint)i) - Vector128.LoadUnsafe(ref b, (nuint)i);
                acc += diff * diff;
            }

            sum = Vector128.Sum(acc);
        }

        for (; i < length; i++)
        {
            T diff = Unsafe.Add(ref a, i) - Unsafe.Add(ref b, i);
            sum += diff * diff;
        }

        return sum;
    }

    /// <summary><c>Σ w[i]·tanh(q[i] + k[i])</c> over <paramref name="length"/> elements: the additive (Bahdanau) score of projected rows.</summary>
    public static T AdditiveScore<T>(ref T q, ref T k, ref T w, int length)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int i = 0;
        T sum = T.Zero;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<T>.Count)
        {
            Vector512<T> acc = Vector512<T>.Zero;
            for (; i <= length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                acc += Vector512.LoadUnsafe(ref w, (nuint)i) * VectorMath.Tanh(Vector512.LoadUnsafe(ref q, (nuint)i) + Vector512.LoadUnsafe(ref k, (nuint)i));
            }

            sum = Vector512.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            Vector256<T> acc = Vector256<T>.Zero;
            for (; i <= length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                acc += Vector256.LoadUnsafe(ref w, (nuint)i) * VectorMath.Tanh(Vector256.LoadUnsafe(ref q, (nuint)i) + Vector256.LoadUnsafe(ref k, (nuint)i));
            }

            sum = Vector256.Sum(acc);
        }
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<T>.Count)
        {
            Vector128<T> acc = Vector128<T>.Zero;
            for (; i <= length - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                acc += Vector128.LoadUnsafe(ref w, (nuint)i) * VectorMath.Tanh(Vector128.LoadUnsafe(ref q, (nuint)i) + Vector128.LoadUnsafe(ref k, (nuint)i));
            }

            sum = Vector128.Sum(acc);
        }

        for (; i < length; i++)
        {
            sum += Unsafe.Add(ref w, i) * T.Tanh(Unsafe.Add(ref q, i) + Unsafe.Add(ref k, i));
        }

        return sum;
    }

    /// <summary><c>accumulator[i] += weight · row[i]</c> over <paramref name="length"/> elements.</summary>
    public static void AddScaled<T>(ref T accumulator, ref T row, T weight, int length)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<T>.Count)
        {
            Vector512<T> w = Vector512.Create(weight);
            for (; i <= length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                (Vector512.LoadUnsafe(ref accumulator, (nuint)i) + w * Vector512.LoadUnsafe(ref row, (nuint)i))
                    .StoreUnsafe(ref accumulator, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            Vector256<T> w = Vector256.Create(weight);
            for (; i <= length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                (Vector256.LoadUnsafe(ref accumulator, (nuint)i) + w * Vector256.LoadUnsafe(ref row, (nuint)i))
                    .StoreUnsafe(ref accumulator, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<T>.Count)
        {
            Vector128<T> w = Vector128.Create(weight);
            for (; i <= length - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                (Vector128.LoadUnsafe(ref accumulator, (nuint)i) + w * Vector128.LoadUnsafe(ref row, (nuint)i))
                    .StoreUnsafe(ref accumulator, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref accumulator, i) += weight * Unsafe.Add(ref row, i);
        }
    }
}
