using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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

    /// <summary>
    /// Writes <c>output = Σ_n weights[n] · value row keys[n]</c> (row <c>n</c> when <paramref name="keys"/> is empty), the
    /// rows <paramref name="valueStride"/> elements apart: the output columns stay in registers, four vectors at a time,
    /// while the rows stream past, and keys go in pairs with sums of their own, so no multiply-add waits on the one before
    /// (accumulating into memory, a row at a time, costs a load and a store per vector and key).
    /// </summary>
    public static void WeightedSum<T>(ReadOnlySpan<T> weights, ReadOnlySpan<int> keys, ref T values, int valueStride, Span<T> output)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
        {
            WeightedSum<T, Vector512<T>, Simd512<T>>(weights, keys, ref values, valueStride, output);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            WeightedSum<T, Vector256<T>, Simd256<T>>(weights, keys, ref values, valueStride, output);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            WeightedSum<T, Vector128<T>, Simd128<T>>(weights, keys, ref values, valueStride, output);
        }
        else
        {
            WeightedSumColumns(weights, keys, ref values, valueStride, output, 0);
        }
    }

    private static void WeightedSum<T, TVector, TSimd>(ReadOnlySpan<T> weights, ReadOnlySpan<int> keys, ref T values, int valueStride, Span<T> output)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TSimd : ISimdWidth<TVector, T>
    {
        int lanes = TSimd.Count;
        int width = output.Length;
        int count = weights.Length;
        ref T result = ref MemoryMarshal.GetReference(output);
        int column = 0;
        for (; column <= width - 4 * lanes; column += 4 * lanes)
        {
            TVector sum0 = TSimd.Zero, sum1 = TSimd.Zero, sum2 = TSimd.Zero, sum3 = TSimd.Zero;
            TVector next0 = TSimd.Zero, next1 = TSimd.Zero, next2 = TSimd.Zero, next3 = TSimd.Zero;
            int n = 0;
            for (; n < count - 1; n += 2)
            {
                ref T row = ref Unsafe.Add(ref values, RowOf(keys, n) * valueStride + column);
                ref T nextRow = ref Unsafe.Add(ref values, RowOf(keys, n + 1) * valueStride + column);
                TVector p = TSimd.Broadcast(weights[n]), nextP = TSimd.Broadcast(weights[n + 1]);
                sum0 = TSimd.MultiplyAdd(p, TSimd.Load(ref row, 0), sum0);
                sum1 = TSimd.MultiplyAdd(p, TSimd.Load(ref row, (nuint)lanes), sum1);
                sum2 = TSimd.MultiplyAdd(p, TSimd.Load(ref row, (nuint)(2 * lanes)), sum2);
                sum3 = TSimd.MultiplyAdd(p, TSimd.Load(ref row, (nuint)(3 * lanes)), sum3);
                next0 = TSimd.MultiplyAdd(nextP, TSimd.Load(ref nextRow, 0), next0);
                next1 = TSimd.MultiplyAdd(nextP, TSimd.Load(ref nextRow, (nuint)lanes), next1);
                next2 = TSimd.MultiplyAdd(nextP, TSimd.Load(ref nextRow, (nuint)(2 * lanes)), next2);
                next3 = TSimd.MultiplyAdd(nextP, TSimd.Load(ref nextRow, (nuint)(3 * lanes)), next3);
            }

            if (n < count)
            {
                ref T row = ref Unsafe.Add(ref values, RowOf(keys, n) * valueStride + column);
                TVector p = TSimd.Broadcast(weights[n]);
                sum0 = TSimd.MultiplyAdd(p, TSimd.Load(ref row, 0), sum0);
                sum1 = TSimd.MultiplyAdd(p, TSimd.Load(ref row, (nuint)lanes), sum1);
                sum2 = TSimd.MultiplyAdd(p, TSimd.Load(ref row, (nuint)(2 * lanes)), sum2);
                sum3 = TSimd.MultiplyAdd(p, TSimd.Load(ref row, (nuint)(3 * lanes)), sum3);
            }

            TSimd.Store(TSimd.Add(sum0, next0), ref result, (nuint)column);
            TSimd.Store(TSimd.Add(sum1, next1), ref result, (nuint)(column + lanes));
            TSimd.Store(TSimd.Add(sum2, next2), ref result, (nuint)(column + 2 * lanes));
            TSimd.Store(TSimd.Add(sum3, next3), ref result, (nuint)(column + 3 * lanes));
        }

        for (; column <= width - lanes; column += lanes)
        {
            TVector sum = TSimd.Zero, next = TSimd.Zero;
            int n = 0;
            for (; n < count - 1; n += 2)
            {
                sum = TSimd.MultiplyAdd(TSimd.Broadcast(weights[n]), TSimd.Load(ref values, (nuint)(RowOf(keys, n) * valueStride + column)), sum);
                next = TSimd.MultiplyAdd(TSimd.Broadcast(weights[n + 1]), TSimd.Load(ref values, (nuint)(RowOf(keys, n + 1) * valueStride + column)), next);
            }

            if (n < count)
            {
                sum = TSimd.MultiplyAdd(TSimd.Broadcast(weights[n]), TSimd.Load(ref values, (nuint)(RowOf(keys, n) * valueStride + column)), sum);
            }

            TSimd.Store(TSimd.Add(sum, next), ref result, (nuint)column);
        }

        WeightedSumColumns(weights, keys, ref values, valueStride, output, column);
    }

    /// <summary>The columns from <paramref name="first"/> on, one at a time.</summary>
    private static void WeightedSumColumns<T>(ReadOnlySpan<T> weights, ReadOnlySpan<int> keys, ref T values, int valueStride, Span<T> output, int first)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int column = first; column < output.Length; column++)
        {
            T sum = T.Zero;
            for (int n = 0; n < weights.Length; n++)
            {
                sum += weights[n] * Unsafe.Add(ref values, RowOf(keys, n) * valueStride + column);
            }

            output[column] = sum;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int RowOf(ReadOnlySpan<int> keys, int n) => keys.IsEmpty ? n : keys[n];

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
