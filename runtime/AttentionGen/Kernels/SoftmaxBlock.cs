using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
        var block = new Block<T>(ref scores, stride, rows, keyCounts);
        (T, T, T, T) sums = block.ExpSums(block.Maxima());
        normalizers[0] = block.Count0 == 0 ? T.Zero : T.One / sums.Item1;
        normalizers[1] = block.Count1 == 0 ? T.Zero : T.One / sums.Item2;
        normalizers[2] = block.Count2 == 0 ? T.Zero : T.One / sums.Item3;
        normalizers[3] = block.Count3 == 0 ? T.Zero : T.One / sums.Item4;
    }

    /// <summary>
    /// One chunk of keys of an online softmax: each row's running maximum <c>m</c> and sum <c>l</c> take in the chunk's
    /// scores, which become <c>exp(s − m′)</c> with the new maximum <c>m′</c>, and <c>scales[r] = exp(m − m′)</c> is what
    /// the row's output so far must be multiplied by before this chunk's values are added (1 for a row with no keys here).
    /// </summary>
    /// <param name="scores">Row 0's first score of the chunk; row <c>r</c> starts <c>r · stride</c> elements on.</param>
    /// <param name="stride">As for <see cref="Exponentiate{T}"/>.</param>
    /// <param name="rows">Rows in use, 1 … <see cref="Rows"/>.</param>
    /// <param name="keyCounts">Each row's attended keys in this chunk, <see cref="Rows"/> entries.</param>
    /// <param name="runningMax">The rows' maxima so far (−∞ before the first chunk), updated.</param>
    /// <param name="runningSum">The rows' sums of exponentials so far, relative to their maxima, updated.</param>
    /// <param name="scales">Receives each row's rescaling factor, <see cref="Rows"/> entries.</param>
    public static void ExponentiateChunk<T>(ref T scores, int stride, int rows, ReadOnlySpan<int> keyCounts, Span<T> runningMax, Span<T> runningSum, Span<T> scales)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var block = new Block<T>(ref scores, stride, rows, keyCounts);
        (T, T, T, T) chunkMax = block.Maxima();
        (T, T, T, T) shifts = (
            rows > 0 ? T.Max(runningMax[0], chunkMax.Item1) : T.Zero,
            rows > 1 ? T.Max(runningMax[1], chunkMax.Item2) : T.Zero,
            rows > 2 ? T.Max(runningMax[2], chunkMax.Item3) : T.Zero,
            rows > 3 ? T.Max(runningMax[3], chunkMax.Item4) : T.Zero);
        (T, T, T, T) sums = block.ExpSums(shifts);
        Update(0, block.Count0, shifts.Item1, sums.Item1, runningMax, runningSum, scales);
        Update(1, block.Count1, shifts.Item2, sums.Item2, runningMax, runningSum, scales);
        Update(2, block.Count2, shifts.Item3, sums.Item3, runningMax, runningSum, scales);
        Update(3, block.Count3, shifts.Item4, sums.Item4, runningMax, runningSum, scales);
    }

    private static void Update<T>(int r, int count, T max, T sum, Span<T> runningMax, Span<T> runningSum, Span<T> scales)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (count == 0)
        {
            scales[r] = T.One;
            return;
        }

        T scale = T.Exp(runningMax[r] - max); // 0 on the row's first keys: its maximum so far is −∞
        scales[r] = scale;
        runningSum[r] = runningSum[r] * scale + sum;
        runningMax[r] = max;
    }

    /// <summary>Four rows of scores and their key counts (0 for the rows a block does not use); inlined whole, so the JIT keeps one width.</summary>
    private readonly ref struct Block<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly ref T _row0;
        private readonly ref T _row1;
        private readonly ref T _row2;
        private readonly ref T _row3;

        public Block(ref T scores, int stride, int rows, ReadOnlySpan<int> keyCounts)
        {
            _row0 = ref scores;
            _row1 = ref Unsafe.Add(ref scores, stride);
            _row2 = ref Unsafe.Add(ref scores, 2 * stride);
            _row3 = ref Unsafe.Add(ref scores, 3 * stride);
            Count0 = keyCounts[0];
            Count1 = rows > 1 ? keyCounts[1] : 0;
            Count2 = rows > 2 ? keyCounts[2] : 0;
            Count3 = rows > 3 ? keyCounts[3] : 0;
        }

        public int Count0 { get; }

        public int Count1 { get; }

        public int Count2 { get; }

        public int Count3 { get; }

        /// <summary>Each row's largest attended score (−∞ for a row with no keys).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public (T, T, T, T) Maxima() => Vector512.IsHardwareAccelerated
            ? Maxima512(ref _row0, ref _row1, ref _row2, ref _row3, Count0, Count1, Count2, Count3)
            : Vector256.IsHardwareAccelerated
                ? Maxima256(ref _row0, ref _row1, ref _row2, ref _row3, Count0, Count1, Count2, Count3)
                : Vector128.IsHardwareAccelerated
                    ? Maxima128(ref _row0, ref _row1, ref _row2, ref _row3, Count0, Count1, Count2, Count3)
                    : (MaxScalar(ref _row0, Count0), MaxScalar(ref _row1, Count1), MaxScalar(ref _row2, Count2), MaxScalar(ref _row3, Count3));

        /// <summary>Replaces each attended score with <c>exp(s − shift)</c> (later lanes of its vector with 0) and returns each row's sum.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public (T, T, T, T) ExpSums((T, T, T, T) shifts) => Vector512.IsHardwareAccelerated
            ? ExpSums512(ref _row0, ref _row1, ref _row2, ref _row3, Count0, Count1, Count2, Count3, shifts)
            : Vector256.IsHardwareAccelerated
                ? ExpSums256(ref _row0, ref _row1, ref _row2, ref _row3, Count0, Count1, Count2, Count3, shifts)
                : Vector128.IsHardwareAccelerated
                    ? ExpSums128(ref _row0, ref _row1, ref _row2, ref _row3, Count0, Count1, Count2, Count3, shifts)
                    : (ExpSumScalar(ref _row0, Count0, shifts.Item1), ExpSumScalar(ref _row1, Count1, shifts.Item2),
                       ExpSumScalar(ref _row2, Count2, shifts.Item3), ExpSumScalar(ref _row3, Count3, shifts.Item4));
    }

    private static T MaxScalar<T>(ref T row, int count)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => count == 0 ? T.NegativeInfinity : VectorMath.Max<T>(MemoryMarshal.CreateReadOnlySpan(ref row, count));

    private static T ExpSumScalar<T>(ref T row, int count, T shift)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => count == 0 ? T.Zero : VectorMath.ExpSubtractMaxAndSum(MemoryMarshal.CreateSpan(ref row, count), shift);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (T, T, T, T) Maxima512<T>(ref T row0, ref T row1, ref T row2, ref T row3, int count0, int count1, int count2, int count3)
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

        return (VectorMath.HorizontalMax(max0), VectorMath.HorizontalMax(max1), VectorMath.HorizontalMax(max2), VectorMath.HorizontalMax(max3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (T, T, T, T) ExpSums512<T>(ref T row0, ref T row1, ref T row2, ref T row3, int count0, int count1, int count2, int count3, (T, T, T, T) shifts)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int lanes = Vector512<T>.Count;
        int shared = Math.Min(Math.Min(count0, count1), Math.Min(count2, count3)) / lanes * lanes;
        int end = Math.Max(Math.Max(count0, count1), Math.Max(count2, count3));
        Vector512<T> shift0 = Vector512.Create(shifts.Item1), shift1 = Vector512.Create(shifts.Item2), shift2 = Vector512.Create(shifts.Item3), shift3 = Vector512.Create(shifts.Item4);
        Vector512<T> sum0 = Vector512<T>.Zero, sum1 = Vector512<T>.Zero, sum2 = Vector512<T>.Zero, sum3 = Vector512<T>.Zero;
        int j = 0;
        for (; j < shared; j += lanes)
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (T, T, T, T) Maxima256<T>(ref T row0, ref T row1, ref T row2, ref T row3, int count0, int count1, int count2, int count3)
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

        return (VectorMath.HorizontalMax(max0), VectorMath.HorizontalMax(max1), VectorMath.HorizontalMax(max2), VectorMath.HorizontalMax(max3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (T, T, T, T) ExpSums256<T>(ref T row0, ref T row1, ref T row2, ref T row3, int count0, int count1, int count2, int count3, (T, T, T, T) shifts)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int lanes = Vector256<T>.Count;
        int shared = Math.Min(Math.Min(count0, count1), Math.Min(count2, count3)) / lanes * lanes;
        int end = Math.Max(Math.Max(count0, count1), Math.Max(count2, count3));
        Vector256<T> shift0 = Vector256.Create(shifts.Item1), shift1 = Vector256.Create(shifts.Item2), shift2 = Vector256.Create(shifts.Item3), shift3 = Vector256.Create(shifts.Item4);
        Vector256<T> sum0 = Vector256<T>.Zero, sum1 = Vector256<T>.Zero, sum2 = Vector256<T>.Zero, sum3 = Vector256<T>.Zero;
        int j = 0;
        for (; j < shared; j += lanes)
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

    /// <summary>Stores <c>exp(s − shift)</c> where <paramref name="attended"/> is set, 0 elsewhere, and returns it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> StoreExp<T>(ref T row, int j, Vector256<T> shift, Vector256<T> attended)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector256<T> e = attended & VectorMath.Exp(Vector256.LoadUnsafe(ref row, (nuint)j) - shift);
        e.StoreUnsafe(ref row, (nuint)j);
        return e;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (T, T, T, T) Maxima128<T>(ref T row0, ref T row1, ref T row2, ref T row3, int count0, int count1, int count2, int count3)
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

        return (VectorMath.HorizontalMax(max0), VectorMath.HorizontalMax(max1), VectorMath.HorizontalMax(max2), VectorMath.HorizontalMax(max3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (T, T, T, T) ExpSums128<T>(ref T row0, ref T row1, ref T row2, ref T row3, int count0, int count1, int count2, int count3, (T, T, T, T) shifts)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int lanes = Vector128<T>.Count;
        int shared = Math.Min(Math.Min(count0, count1), Math.Min(count2, count3)) / lanes * lanes;
        int end = Math.Max(Math.Max(count0, count1), Math.Max(count2, count3));
        Vector128<T> shift0 = Vector128.Create(shifts.Item1), shift1 = Vector128.Create(shifts.Item2), shift2 = Vector128.Create(shifts.Item3), shift3 = Vector128.Create(shifts.Item4);
        Vector128<T> sum0 = Vector128<T>.Zero, sum1 = Vector128<T>.Zero, sum2 = Vector128<T>.Zero, sum3 = Vector128<T>.Zero;
        int j = 0;
        for (; j < shared; j += lanes)
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

    /// <summary>Stores <c>exp(s − shift)</c> where <paramref name="attended"/> is set, 0 elsewhere, and returns it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<T> StoreExp<T>(ref T row, int j, Vector128<T> shift, Vector128<T> attended)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Vector128<T> e = attended & VectorMath.Exp(Vector128.LoadUnsafe(ref row, (nuint)j) - shift);
        e.StoreUnsafe(ref row, (nuint)j);
        return e;
    }
}
