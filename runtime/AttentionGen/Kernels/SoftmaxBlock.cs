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
    public const int Rows = KeyTileShape.RowBlock;

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
        => Exponentiate(ref scores, stride, rows, keyCounts, normalizers, default);

    /// <summary>As <see cref="Exponentiate{T}(ref T, int, int, ReadOnlySpan{int}, Span{T})"/>, and, unless empty, each row's maximum into <paramref name="maxima"/>.</summary>
    public static void Exponentiate<T>(ref T scores, int stride, int rows, ReadOnlySpan<int> keyCounts, Span<T> normalizers, Span<T> maxima)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Exponentiate(ref scores, stride, rows, default, keyCounts, normalizers, maxima);

    /// <summary>
    /// As <see cref="Exponentiate{T}(ref T, int, int, ReadOnlySpan{int}, Span{T}, Span{T})"/> for rows that each attend keys
    /// <c>firstKeys[r]</c> … <c>keyCounts[r]</c> − 1 (a sliding window): the lanes before a row's first key (−∞ there) are
    /// left out of its exponentials, so they cost no underflow.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // small, but its inlined loops would crowd a caller's registers
    public static void Exponentiate<T>(
        ref T scores, int stride, int rows, ReadOnlySpan<int> firstKeys, ReadOnlySpan<int> keyCounts, Span<T> normalizers, Span<T> maxima)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var block = new Block<T>(ref scores, stride, rows, firstKeys, keyCounts);
        (T, T, T, T) max = block.Maxima();
        if (!maxima.IsEmpty)
        {
            (maxima[0], maxima[1], maxima[2], maxima[3]) = max;
        }

        Normalize(block, max, normalizers);
    }

    /// <summary>
    /// As <see cref="Exponentiate{T}(ref T, int, int, ReadOnlySpan{int}, Span{T})"/> for rows whose maxima are known (a mask
    /// pass found them while it wrote the scores): one pass over the scores instead of two. <paramref name="maxima"/> holds
    /// each row's largest attended score, <paramref name="rows"/> entries at least.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // small, but its inlined loops would crowd a caller's registers
    public static void ExponentiateFromMaxima<T>(ref T scores, int stride, int rows, ReadOnlySpan<int> keyCounts, ReadOnlySpan<T> maxima, Span<T> normalizers)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var block = new Block<T>(ref scores, stride, rows, default, keyCounts);
        Normalize(block, KnownMaxima(rows, maxima), normalizers);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Normalize<T>(in Block<T> block, (T, T, T, T) max, Span<T> normalizers)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        (T, T, T, T) sums = block.ExpSums(max);
        normalizers[0] = block.Count0 == 0 ? T.Zero : T.One / sums.Item1;
        normalizers[1] = block.Count1 == 0 ? T.Zero : T.One / sums.Item2;
        normalizers[2] = block.Count2 == 0 ? T.Zero : T.One / sums.Item3;
        normalizers[3] = block.Count3 == 0 ? T.Zero : T.One / sums.Item4;
    }

    /// <summary>The first <paramref name="rows"/> maxima, −∞ for the rows a block does not use.</summary>
    private static (T, T, T, T) KnownMaxima<T>(int rows, ReadOnlySpan<T> maxima)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => (maxima[0],
            rows > 1 ? maxima[1] : T.NegativeInfinity,
            rows > 2 ? maxima[2] : T.NegativeInfinity,
            rows > 3 ? maxima[3] : T.NegativeInfinity);

    /// <summary>
    /// One chunk of keys of an online softmax: each row's running maximum <c>m</c> and sum <c>l</c> take in the chunk's
    /// scores, which become <c>exp(s − m′)</c> with the new maximum <c>m′</c>, and <c>scales[r] = exp(m − m′)</c> is what
    /// the row's output so far must be multiplied by before this chunk's values are added (1 for a row with no keys here).
    /// </summary>
    /// <param name="scores">Row 0's first score of the chunk; row <c>r</c> starts <c>r · stride</c> elements on.</param>
    /// <param name="stride">As for <see cref="Exponentiate{T}(ref T, int, int, ReadOnlySpan{int}, Span{T})"/>.</param>
    /// <param name="rows">Rows in use, 1 … <see cref="Rows"/>.</param>
    /// <param name="keyCounts">Each row's attended keys in this chunk, <see cref="Rows"/> entries.</param>
    /// <param name="runningMax">The rows' maxima so far (−∞ before the first chunk), updated.</param>
    /// <param name="runningSum">The rows' sums of exponentials so far, relative to their maxima, updated.</param>
    /// <param name="scales">Receives each row's rescaling factor, <see cref="Rows"/> entries.</param>
    public static void ExponentiateChunk<T>(ref T scores, int stride, int rows, ReadOnlySpan<int> keyCounts, Span<T> runningMax, Span<T> runningSum, Span<T> scales)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => ExponentiateChunk(ref scores, stride, rows, default, keyCounts, runningMax, runningSum, scales);

    /// <summary>
    /// As <see cref="ExponentiateChunk{T}(ref T, int, int, ReadOnlySpan{int}, Span{T}, Span{T}, Span{T})"/> for rows that each
    /// attend keys <c>firstKeys[r]</c> … <c>keyCounts[r]</c> − 1 of the chunk (a sliding window).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // small, but its inlined loops would crowd a caller's registers
    public static void ExponentiateChunk<T>(
        ref T scores, int stride, int rows, ReadOnlySpan<int> firstKeys, ReadOnlySpan<int> keyCounts, Span<T> runningMax, Span<T> runningSum, Span<T> scales)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var block = new Block<T>(ref scores, stride, rows, firstKeys, keyCounts);
        Carry(block, rows, block.Maxima(), runningMax, runningSum, scales);
    }

    /// <summary>
    /// As <see cref="ExponentiateChunk{T}(ref T, int, int, ReadOnlySpan{int}, Span{T}, Span{T}, Span{T})"/> for rows whose
    /// maxima in this chunk are known (a mask pass found them while it wrote the scores): <paramref name="chunkMaxima"/>
    /// holds each row's largest attended score in the chunk, <paramref name="rows"/> entries at least.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)] // small, but its inlined loops would crowd a caller's registers
    public static void ExponentiateChunkFromMaxima<T>(
        ref T scores, int stride, int rows, ReadOnlySpan<int> keyCounts, ReadOnlySpan<T> chunkMaxima, Span<T> runningMax, Span<T> runningSum, Span<T> scales)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var block = new Block<T>(ref scores, stride, rows, default, keyCounts);
        Carry(block, rows, KnownMaxima(rows, chunkMaxima), runningMax, runningSum, scales);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Carry<T>(in Block<T> block, int rows, (T, T, T, T) chunkMax, Span<T> runningMax, Span<T> runningSum, Span<T> scales)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
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

        T scale = VectorMath.Probability(runningMax[r] - max); // 0 on the row's first keys (its maximum so far is −∞), never subnormal
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

        public Block(ref T scores, int stride, int rows, ReadOnlySpan<int> firstKeys, ReadOnlySpan<int> keyCounts)
        {
            // Lanes before a row's first key are left out of its exponentials (0 when the rows attend prefixes).
            First0 = firstKeys.IsEmpty ? 0 : firstKeys[0];
            First1 = firstKeys.IsEmpty || rows < 2 ? 0 : firstKeys[1];
            First2 = firstKeys.IsEmpty || rows < 3 ? 0 : firstKeys[2];
            First3 = firstKeys.IsEmpty || rows < 4 ? 0 : firstKeys[3];
            FirstKeys = Math.Max(Math.Max(First0, First1), Math.Max(First2, First3));
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

        /// <summary>The largest first key of the rows: vectors before it may hold lanes a row does not attend.</summary>
        public int FirstKeys { get; }

        public int First0 { get; }

        public int First1 { get; }

        public int First2 { get; }

        public int First3 { get; }

        public int Count1 { get; }

        public int Count2 { get; }

        public int Count3 { get; }

        /// <summary>Each row's largest attended score (−∞ for a row with no keys).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public (T, T, T, T) Maxima() => Vector512.IsHardwareAccelerated
            ? Maxima<T, Vector512<T>, Simd512<T>>(ref _row0, ref _row1, ref _row2, ref _row3, Count0, Count1, Count2, Count3)
            : Vector256.IsHardwareAccelerated
                ? Maxima<T, Vector256<T>, Simd256<T>>(ref _row0, ref _row1, ref _row2, ref _row3, Count0, Count1, Count2, Count3)
                : Vector128.IsHardwareAccelerated
                    ? Maxima<T, Vector128<T>, Simd128<T>>(ref _row0, ref _row1, ref _row2, ref _row3, Count0, Count1, Count2, Count3)
                    : (MaxScalar(ref _row0, Count0), MaxScalar(ref _row1, Count1), MaxScalar(ref _row2, Count2), MaxScalar(ref _row3, Count3));

        /// <summary>Replaces each attended score with <c>exp(s − shift)</c> (later lanes of its vector with 0) and returns each row's sum.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public (T, T, T, T) ExpSums((T, T, T, T) shifts) => Vector512.IsHardwareAccelerated
            ? ExpSums<T, Vector512<T>, Simd512<T>>(ref _row0, ref _row1, ref _row2, ref _row3, this, shifts)
            : Vector256.IsHardwareAccelerated
                ? ExpSums<T, Vector256<T>, Simd256<T>>(ref _row0, ref _row1, ref _row2, ref _row3, this, shifts)
                : Vector128.IsHardwareAccelerated
                    ? ExpSums<T, Vector128<T>, Simd128<T>>(ref _row0, ref _row1, ref _row2, ref _row3, this, shifts)
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
    private static (T, T, T, T) Maxima<T, TVector, TSimd>(ref T row0, ref T row1, ref T row2, ref T row3, int count0, int count1, int count2, int count3)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TSimd : ISimdWidth<TVector, T>
    {
        int lanes = TSimd.Count;
        int shared = Math.Min(Math.Min(count0, count1), Math.Min(count2, count3)) / lanes * lanes;
        int end = Math.Max(Math.Max(count0, count1), Math.Max(count2, count3));
        TVector lowest = TSimd.Broadcast(T.NegativeInfinity);
        TVector max0 = lowest, max1 = lowest, max2 = lowest, max3 = lowest;
        int j = 0;
        for (; j < shared; j += lanes)
        {
            max0 = TSimd.Max(max0, TSimd.Load(ref row0, (nuint)j));
            max1 = TSimd.Max(max1, TSimd.Load(ref row1, (nuint)j));
            max2 = TSimd.Max(max2, TSimd.Load(ref row2, (nuint)j));
            max3 = TSimd.Max(max3, TSimd.Load(ref row3, (nuint)j));
        }

        for (; j < end; j += lanes)
        {
            max0 = TSimd.Max(max0, TSimd.Select(TSimd.KeysBefore(j, count0), TSimd.Load(ref row0, (nuint)j), lowest));
            max1 = TSimd.Max(max1, TSimd.Select(TSimd.KeysBefore(j, count1), TSimd.Load(ref row1, (nuint)j), lowest));
            max2 = TSimd.Max(max2, TSimd.Select(TSimd.KeysBefore(j, count2), TSimd.Load(ref row2, (nuint)j), lowest));
            max3 = TSimd.Max(max3, TSimd.Select(TSimd.KeysBefore(j, count3), TSimd.Load(ref row3, (nuint)j), lowest));
        }

        return (TSimd.HorizontalMax(max0), TSimd.HorizontalMax(max1), TSimd.HorizontalMax(max2), TSimd.HorizontalMax(max3));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (T, T, T, T) ExpSums<T, TVector, TSimd>(ref T row0, ref T row1, ref T row2, ref T row3, in Block<T> block, (T, T, T, T) shifts)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TSimd : ISimdWidth<TVector, T>
    {
        (int count0, int count1, int count2, int count3) = (block.Count0, block.Count1, block.Count2, block.Count3);
        int lanes = TSimd.Count;
        int shared = Math.Min(Math.Min(count0, count1), Math.Min(count2, count3)) / lanes * lanes;
        int end = Math.Max(Math.Max(count0, count1), Math.Max(count2, count3));
        TVector shift0 = TSimd.Broadcast(shifts.Item1), shift1 = TSimd.Broadcast(shifts.Item2), shift2 = TSimd.Broadcast(shifts.Item3), shift3 = TSimd.Broadcast(shifts.Item4);
        TVector sum0 = TSimd.Zero, sum1 = TSimd.Zero, sum2 = TSimd.Zero, sum3 = TSimd.Zero;
        int j = 0;
        for (; j < block.FirstKeys && j < end; j += lanes)
        {
            // Vectors that start before a row's first key: those lanes (−∞) stay out of the exponentials.
            sum0 = TSimd.Add(sum0, StoreExp<T, TVector, TSimd>(ref row0, j, shift0, Attended<T, TVector, TSimd>(j, block.First0, count0)));
            sum1 = TSimd.Add(sum1, StoreExp<T, TVector, TSimd>(ref row1, j, shift1, Attended<T, TVector, TSimd>(j, block.First1, count1)));
            sum2 = TSimd.Add(sum2, StoreExp<T, TVector, TSimd>(ref row2, j, shift2, Attended<T, TVector, TSimd>(j, block.First2, count2)));
            sum3 = TSimd.Add(sum3, StoreExp<T, TVector, TSimd>(ref row3, j, shift3, Attended<T, TVector, TSimd>(j, block.First3, count3)));
        }

        for (; j < shared; j += lanes)
        {
            sum0 = TSimd.Add(sum0, StoreExp<T, TVector, TSimd>(ref row0, j, shift0));
            sum1 = TSimd.Add(sum1, StoreExp<T, TVector, TSimd>(ref row1, j, shift1));
            sum2 = TSimd.Add(sum2, StoreExp<T, TVector, TSimd>(ref row2, j, shift2));
            sum3 = TSimd.Add(sum3, StoreExp<T, TVector, TSimd>(ref row3, j, shift3));
        }

        for (; j < end; j += lanes)
        {
            sum0 = TSimd.Add(sum0, StoreExp<T, TVector, TSimd>(ref row0, j, shift0, TSimd.KeysBefore(j, count0)));
            sum1 = TSimd.Add(sum1, StoreExp<T, TVector, TSimd>(ref row1, j, shift1, TSimd.KeysBefore(j, count1)));
            sum2 = TSimd.Add(sum2, StoreExp<T, TVector, TSimd>(ref row2, j, shift2, TSimd.KeysBefore(j, count2)));
            sum3 = TSimd.Add(sum3, StoreExp<T, TVector, TSimd>(ref row3, j, shift3, TSimd.KeysBefore(j, count3)));
        }

        return (TSimd.Sum(sum0), TSimd.Sum(sum1), TSimd.Sum(sum2), TSimd.Sum(sum3));
    }

    /// <summary>Stores <c>exp(s − shift)</c> of a whole vector of attended keys and returns it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector StoreExp<T, TVector, TSimd>(ref T row, int j, TVector shift)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TSimd : ISimdWidth<TVector, T>
    {
        TVector e = TSimd.Probability(TSimd.Subtract(TSimd.Load(ref row, (nuint)j), shift));
        TSimd.Store(e, ref row, (nuint)j);
        return e;
    }

    /// <summary>The lanes of the vector at key <paramref name="j"/> that a row attending keys <paramref name="first"/> … <paramref name="count"/> − 1 attends.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Attended<T, TVector, TSimd>(int j, int first, int count)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TSimd : ISimdWidth<TVector, T>
        => TSimd.Select(TSimd.KeysBefore(j, first), TSimd.Zero, TSimd.KeysBefore(j, count));

    /// <summary>
    /// Stores <c>exp(s − shift)</c> where <paramref name="attended"/> is set, 0 elsewhere, and returns it: lanes not attended
    /// take −∞ whatever they hold (NaN, a stale score), which the probability's floor makes 0 without computing an
    /// underflow. The mask is used once, so it can stay a mask register.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector StoreExp<T, TVector, TSimd>(ref T row, int j, TVector shift, TVector attended)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TSimd : ISimdWidth<TVector, T>
    {
        TVector x = TSimd.Select(attended, TSimd.Subtract(TSimd.Load(ref row, (nuint)j), shift), TSimd.Broadcast(T.NegativeInfinity));
        TVector e = TSimd.Probability(x);
        TSimd.Store(e, ref row, (nuint)j);
        return e;
    }
}
