using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AttentionGen.Kernels;

/// <summary>
/// The softmax of a block of four score rows at once, for the tiled kernels: a single row's maximum, exponentials and
/// sum form one long dependency chain (over a 128-key row, as long as the work itself); four rows interleaved keep the
/// vector units busy. Rows are read in whole vectors from storage padded to them, lanes past a row's key count masked.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SoftmaxBlock
{
    /// <summary>Rows a block holds.</summary>
    public const int Rows = 4;

    /// <summary>
    /// Replaces the first <c>keyCounts[r]</c> scores of each row <c>r</c> with <c>exp(s − max)</c> (the lanes after them, up
    /// to a whole vector, with 0) and writes <c>normalizers[r] = 1 / Σ exp(s − max)</c>, or 0 for a row with no keys.
    /// </summary>
    /// <param name="scores">Row 0's first score; row <c>r</c> starts <c>r · stride</c> elements on.</param>
    /// <param name="stride">Elements from one row to the next, a whole number of the widest vector, at least every count.</param>
    /// <param name="rows">Rows in use, 1 … <see cref="Rows"/>; the others count as rows with no keys.</param>
    /// <param name="keyCounts">Each row's attended keys, <see cref="Rows"/> entries.</param>
    /// <param name="normalizers">Receives each row's normalizer, <see cref="Rows"/> entries.</param>
    public static void Exponentiate<T>(ref T scores, int stride, int rows, ReadOnlySpan<int> keyCounts, Span<T> normalizers)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int count0 = keyCounts[0], count1 = rows > 1 ? keyCounts[1] : 0, count2 = rows > 2 ? keyCounts[2] : 0, count3 = rows > 3 ? keyCounts[3] : 0;
        ref T row0 = ref scores;
        ref T row1 = ref Unsafe.Add(ref scores, stride);
        ref T row2 = ref Unsafe.Add(ref scores, 2 * stride);
        ref T row3 = ref Unsafe.Add(ref scores, 3 * stride);
        (T sum0, T sum1, T sum2, T sum3) = Vector512.IsHardwareAccelerated
            ? Exponentiate512(ref row0, ref row1, ref row2, ref row3, count0, count1, count2, count3)
            : Vector256.IsHardwareAccelerated
                ? Exponentiate256(ref row0, ref row1, ref row2, ref row3, count0, count1, count2, count3)
                : Vector128.IsHardwareAccelerated
                    ? Exponentiate128(ref row0, ref row1, ref row2, ref row3, count0, count1, count2, count3)
                    : (ExponentiateScalar(ref row0, count0), ExponentiateScalar(ref row1, count1), ExponentiateScalar(ref row2, count2), ExponentiateScalar(ref row3, count3));
        normalizers[0] = Normalizer(sum0, count0);
        normalizers[1] = Normalizer(sum1, count1);
        normalizers[2] = Normalizer(sum2, count2);
        normalizers[3] = Normalizer(sum3, count3);
    }

    private static T Normalizer<T>(T sum, int count)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => count == 0 ? T.Zero : T.One / sum;

    private static T ExponentiateScalar<T>(ref T row, int count)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (count == 0)
        {
            return T.Zero;
        }

        Span<T> scores = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref row, count);
        return VectorMath.ExpSubtractMaxAndSum(scores, VectorMath.Max<T>(scores));
    }

    private static (T, T, T, T) Exponentiate512<T>(ref T row0, ref T row1, ref T row2, ref T row3, int count0, int count1, int count2, int count3)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int lanes = Vector512<T>.Count;
        int shared = Math.Min(Math.Min(count0, count1), Math.Min(count2, count3)) / lanes * lanes;
        int end = Math.Max(Math.Max(count0, count1), Math.Max(count2, count3));
        Vector512<T> lowest = Vector512.Create(T.NegativeInfinity);
        Vector512<T> max0 = lowest, max1 = lowest, max2 = lowest, max3 = lowest;
        int j = 0;
        for (; j < shared; j += lanes)
        {
            max0 = Vector512.Max(max0, Vector512.LoadUnsafe(ref row0, (nuint)j));
            max1 = Vector512.Max(max1, Vector512.LoadUnsafe(ref row1, (nuint)j));
            max2 = Vector512.Max(max2, Vector512.LoadUnsafe(ref row2, (nuint)j));
            max3 = Vector512.Max(max3, Vector512.LoadUnsafe(ref row3, (nuint)j));
        }

        for (; j < end; j += lanes)
        {
            Vector512<T> key = Vector512<T>.Indices + Vector512.Create(T.CreateTruncating(j));
            max0 = Vector512.Max(max0, Vector512.ConditionalSelect(Vector512.LessThan(key, Vector512.Create(T.CreateTruncating(count0))), Vector512.LoadUnsafe(ref row0, (nuint)j), lowest));
            max1 = Vector512.Max(max1, Vector512.ConditionalSelect(Vector512.LessThan(key, Vector512.Create(T.CreateTruncating(count1))), Vector512.LoadUnsafe(ref row1, (nuint)j), lowest));
            max2 = Vector512.Max(max2, Vector512.ConditionalSelect(Vector512.LessThan(key, Vector512.Create(T.CreateTruncating(count2))), Vector512.LoadUnsafe(ref row2, (nuint)j), lowest));
            max3 = Vector512.Max(max3, Vector512.ConditionalSelect(Vector512.LessThan(key, Vector512.Create(T.CreateTruncating(count3))), Vector512.LoadUnsafe(ref row3, (nuint)j), lowest));
        }

        Vector512<T> shift0 = Vector512.Create(VectorMath.HorizontalMax(max0)), shift1 = Vector512.Create(VectorMath.HorizontalMax(max1));
        Vector512<T> shift2 = Vector512.Create(VectorMath.HorizontalMax(max2)), shift3 = Vector512.Create(VectorMath.HorizontalMax(max3));
        Vector512<T> sum0 = Vector512<T>.Zero, sum1 = Vector512<T>.Zero, sum2 = Vector512<T>.Zero, sum3 = Vector512<T>.Zero;
        for (j = 0; j < shared; j += lanes)
        {
            sum0 += StoreExp(ref row0, j, shift0, Vector512<T>.AllBitsSet);
            sum1 += StoreExp(ref row1, j, shift1, Vector512<T>.AllBitsSet);
            sum2 += StoreExp(ref row2, j, shift2, Vector512<T>.AllBitsSet);
            sum3 += StoreExp(ref row3, j, shift3, Vector512<T>.AllBitsSet);
        }

        for (; j < end; j += lanes)
        {
            Vector512<T> key = Vector512<T>.Indices + Vector512.Create(T.CreateTruncating(j));
            sum0 += StoreExp(ref row0, j, shift0, Vector512.LessThan(key, Vector512.Create(T.CreateTruncating(count0))));
            sum1 += StoreExp(ref row1, j, shift1, Vector512.LessThan(key, Vector512.Create(T.CreateTruncating(count1))));
            sum2 += StoreExp(ref row2, j, shift2, Vector512.LessThan(key, Vector512.Create(T.CreateTruncating(count2))));
            sum3 += StoreExp(ref row3, j, shift3, Vector512.LessThan(key, Vector512.Create(T.CreateTruncating(count3))));
        }

        return (Vector512.Sum(sum0), Vector512.Sum(sum1), Vector512.Sum(sum2), Vector512.Sum(sum3));
    }

    /// <summary>Stores <c>exp(s − shift)</c> where <paramref name="attended"/> is set, 0 elsewhere, and returns it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> StoreExp<T>(ref T row, int j, Vector512<T> shift, Vector512<T> attended)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector512<T> e = attended & VectorMath.Exp(Vector512.LoadUnsafe(ref row, (nuint)j) - shift);
        e.StoreUnsafe(ref row, (nuint)j);
        return e;
    }

    private static (T, T, T, T) Exponentiate256<T>(ref T row0, ref T row1, ref T row2, ref T row3, int count0, int count1, int count2, int count3)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int lanes = Vector256<T>.Count;
        int shared = Math.Min(Math.Min(count0, count1), Math.Min(count2, count3)) / lanes * lanes;
        int end = Math.Max(Math.Max(count0, count1), Math.Max(count2, count3));
        Vector256<T> lowest = Vector256.Create(T.NegativeInfinity);
        Vector256<T> max0 = lowest, max1 = lowest, max2 = lowest, max3 = lowest;
        int j = 0;
        for (; j < shared; j += lanes)
        {
            max0 = Vector256.Max(max0, Vector256.LoadUnsafe(ref row0, (nuint)j));
            max1 = Vector256.Max(max1, Vector256.LoadUnsafe(ref row1, (nuint)j));
            max2 = Vector256.Max(max2, Vector256.LoadUnsafe(ref row2, (nuint)j));
            max3 = Vector256.Max(max3, Vector256.LoadUnsafe(ref row3, (nuint)j));
        }

        for (; j < end; j += lanes)
        {
            Vector256<T> key = Vector256<T>.Indices + Vector256.Create(T.CreateTruncating(j));
            max0 = Vector256.Max(max0, Vector256.ConditionalSelect(Vector256.LessThan(key, Vector256.Create(T.CreateTruncating(count0))), Vector256.LoadUnsafe(ref row0, (nuint)j), lowest));
            max1 = Vector256.Max(max1, Vector256.ConditionalSelect(Vector256.LessThan(key, Vector256.Create(T.CreateTruncating(count1))), Vector256.LoadUnsafe(ref row1, (nuint)j), lowest));
            max2 = Vector256.Max(max2, Vector256.ConditionalSelect(Vector256.LessThan(key, Vector256.Create(T.CreateTruncating(count2))), Vector256.LoadUnsafe(ref row2, (nuint)j), lowest));
            max3 = Vector256.Max(max3, Vector256.ConditionalSelect(Vector256.LessThan(key, Vector256.Create(T.CreateTruncating(count3))), Vector256.LoadUnsafe(ref row3, (nuint)j), lowest));
        }

        Vector256<T> shift0 = Vector256.Create(VectorMath.HorizontalMax(max0)), shift1 = Vector256.Create(VectorMath.HorizontalMax(max1));
        Vector256<T> shift2 = Vector256.Create(VectorMath.HorizontalMax(max2)), shift3 = Vector256.Create(VectorMath.HorizontalMax(max3));
        Vector256<T> sum0 = Vector256<T>.Zero, sum1 = Vector256<T>.Zero, sum2 = Vector256<T>.Zero, sum3 = Vector256<T>.Zero;
        for (j = 0; j < shared; j += lanes)
        {
            sum0 += StoreExp(ref row0, j, shift0, Vector256<T>.AllBitsSet);
            sum1 += StoreExp(ref row1, j, shift1, Vector256<T>.AllBitsSet);
            sum2 += StoreExp(ref row2, j, shift2, Vector256<T>.AllBitsSet);
            sum3 += StoreExp(ref row3, j, shift3, Vector256<T>.AllBitsSet);
        }

        for (; j < end; j += lanes)
        {
            Vector256<T> key = Vector256<T>.Indices + Vector256.Create(T.CreateTruncating(j));
            sum0 += StoreExp(ref row0, j, shift0, Vector256.LessThan(key, Vector256.Create(T.CreateTruncating(count0))));
            sum1 += StoreExp(ref row1, j, shift1, Vector256.LessThan(key, Vector256.Create(T.CreateTruncating(count1))));
            sum2 += StoreExp(ref row2, j, shift2, Vector256.LessThan(key, Vector256.Create(T.CreateTruncating(count2))));
            sum3 += StoreExp(ref row3, j, shift3, Vector256.LessThan(key, Vector256.Create(T.CreateTruncating(count3))));
        }

        return (Vector256.Sum(sum0), Vector256.Sum(sum1), Vector256.Sum(sum2), Vector256.Sum(sum3));
    }

    /// <inheritdoc cref="StoreExp{T}(ref T, int, Vector512{T}, Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> StoreExp<T>(ref T row, int j, Vector256<T> shift, Vector256<T> attended)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector256<T> e = attended & VectorMath.Exp(Vector256.LoadUnsafe(ref row, (nuint)j) - shift);
        e.StoreUnsafe(ref row, (nuint)j);
        return e;
    }

    private static (T, T, T, T) Exponentiate128<T>(ref T row0, ref T row1, ref T row2, ref T row3, int count0, int count1, int count2, int count3)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int lanes = Vector128<T>.Count;
        int shared = Math.Min(Math.Min(count0, count1), Math.Min(count2, count3)) / lanes * lanes;
        int end = Math.Max(Math.Max(count0, count1), Math.Max(count2, count3));
        Vector128<T> lowest = Vector128.Create(T.NegativeInfinity);
        Vector128<T> max0 = lowest, max1 = lowest, max2 = lowest, max3 = lowest;
        int j = 0;
        for (; j < shared; j += lanes)
        {
            max0 = Vector128.Max(max0, Vector128.LoadUnsafe(ref row0, (nuint)j));
            max1 = Vector128.Max(max1, Vector128.LoadUnsafe(ref row1, (nuint)j));
            max2 = Vector128.Max(max2, Vector128.LoadUnsafe(ref row2, (nuint)j));
            max3 = Vector128.Max(max3, Vector128.LoadUnsafe(ref row3, (nuint)j));
        }

        for (; j < end; j += lanes)
        {
            Vector128<T> key = Vector128<T>.Indices + Vector128.Create(T.CreateTruncating(j));
            max0 = Vector128.Max(max0, Vector128.ConditionalSelect(Vector128.LessThan(key, Vector128.Create(T.CreateTruncating(count0))), Vector128.LoadUnsafe(ref row0, (nuint)j), lowest));
            max1 = Vector128.Max(max1, Vector128.ConditionalSelect(Vector128.LessThan(key, Vector128.Create(T.CreateTruncating(count1))), Vector128.LoadUnsafe(ref row1, (nuint)j), lowest));
            max2 = Vector128.Max(max2, Vector128.ConditionalSelect(Vector128.LessThan(key, Vector128.Create(T.CreateTruncating(count2))), Vector128.LoadUnsafe(ref row2, (nuint)j), lowest));
            max3 = Vector128.Max(max3, Vector128.ConditionalSelect(Vector128.LessThan(key, Vector128.Create(T.CreateTruncating(count3))), Vector128.LoadUnsafe(ref row3, (nuint)j), lowest));
        }

        Vector128<T> shift0 = Vector128.Create(VectorMath.HorizontalMax(max0)), shift1 = Vector128.Create(VectorMath.HorizontalMax(max1));
        Vector128<T> shift2 = Vector128.Create(VectorMath.HorizontalMax(max2)), shift3 = Vector128.Create(VectorMath.HorizontalMax(max3));
        Vector128<T> sum0 = Vector128<T>.Zero, sum1 = Vector128<T>.Zero, sum2 = Vector128<T>.Zero, sum3 = Vector128<T>.Zero;
        for (j = 0; j < shared; j += lanes)
        {
            sum0 += StoreExp(ref row0, j, shift0, Vector128<T>.AllBitsSet);
            sum1 += StoreExp(ref row1, j, shift1, Vector128<T>.AllBitsSet);
            sum2 += StoreExp(ref row2, j, shift2, Vector128<T>.AllBitsSet);
            sum3 += StoreExp(ref row3, j, shift3, Vector128<T>.AllBitsSet);
        }

        for (; j < end; j += lanes)
        {
            Vector128<T> key = Vector128<T>.Indices + Vector128.Create(T.CreateTruncating(j));
            sum0 += StoreExp(ref row0, j, shift0, Vector128.LessThan(key, Vector128.Create(T.CreateTruncating(count0))));
            sum1 += StoreExp(ref row1, j, shift1, Vector128.LessThan(key, Vector128.Create(T.CreateTruncating(count1))));
            sum2 += StoreExp(ref row2, j, shift2, Vector128.LessThan(key, Vector128.Create(T.CreateTruncating(count2))));
            sum3 += StoreExp(ref row3, j, shift3, Vector128.LessThan(key, Vector128.Create(T.CreateTruncating(count3))));
        }

        return (Vector128.Sum(sum0), Vector128.Sum(sum1), Vector128.Sum(sum2), Vector128.Sum(sum3));
    }

    /// <inheritdoc cref="StoreExp{T}(ref T, int, Vector512{T}, Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> StoreExp<T>(ref T row, int j, Vector128<T> shift, Vector128<T> attended)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector128<T> e = attended & VectorMath.Exp(Vector128.LoadUnsafe(ref row, (nuint)j) - shift);
        e.StoreUnsafe(ref row, (nuint)j);
        return e;
    }
}
