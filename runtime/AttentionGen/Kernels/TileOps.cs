using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace AttentionGen.Kernels;

/// <summary>
/// The generic path's tiled loops, with the shape known only at run time: a block of four query rows scored against
/// transposed keys, and their value sums made together. The same scheme as the generated kernels, without their
/// unrolled widths, so both can be compared fairly.
/// </summary>
internal static class TileOps
{
    private const int Rows = SoftmaxBlock.Rows;

    /// <summary>
    /// <c>scores[r, j] = factor · q_r·k_j</c> for rows <c>r &lt; rows</c> and keys <c>j &lt; keyCount</c> of a tile of keys
    /// transposed to <c>[headDim, stride]</c>; in whole vectors (the last one reads the tile's padding). Score rows are
    /// <paramref name="stride"/> apart too.
    /// </summary>
    public static void ScoreRows<T, TVector, TSimd>(
        ref T queries, int queryRowStride, int rows, ref T keysT, int stride, int keyCount, int headDim, T factor, ref T scores)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TSimd : ISimdWidth<TVector, T>
    {
        int lanes = TSimd.Count;
        int keyEnd = (keyCount + lanes - 1) / lanes * lanes;
        TVector scale = TSimd.Broadcast(factor);
        if (rows < Rows)
        {
            for (int r = 0; r < rows; r++)
            {
                ref T query = ref Unsafe.Add(ref queries, r * queryRowStride);
                for (int j = 0; j < keyEnd; j += lanes)
                {
                    TVector sum = TSimd.Zero;
                    ref T column = ref Unsafe.Add(ref keysT, j);
                    for (nuint c = 0; c < (nuint)headDim; c++)
                    {
                        sum = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref query, c)), TSimd.Load(ref column, 0), sum);
                        column = ref Unsafe.Add(ref column, stride);
                    }

                    TSimd.Store(TSimd.Multiply(sum, scale), ref scores, (nuint)(r * stride + j));
                }
            }

            return;
        }

        ref T q0 = ref queries;
        ref T q1 = ref Unsafe.Add(ref queries, queryRowStride);
        ref T q2 = ref Unsafe.Add(ref queries, 2 * queryRowStride);
        ref T q3 = ref Unsafe.Add(ref queries, 3 * queryRowStride);
        int at = 0;

        // Four rows × three vectors of keys: twelve independent multiply-adds per column of the keys.
        for (; at <= keyEnd - 3 * lanes; at += 3 * lanes)
        {
            TVector s00 = TSimd.Zero, s01 = TSimd.Zero, s02 = TSimd.Zero, s10 = TSimd.Zero, s11 = TSimd.Zero, s12 = TSimd.Zero;
            TVector s20 = TSimd.Zero, s21 = TSimd.Zero, s22 = TSimd.Zero, s30 = TSimd.Zero, s31 = TSimd.Zero, s32 = TSimd.Zero;
            ref T column = ref Unsafe.Add(ref keysT, at);
            for (nuint c = 0; c < (nuint)headDim; c++)
            {
                TVector k0 = TSimd.Load(ref column, 0), k1 = TSimd.Load(ref column, (nuint)lanes), k2 = TSimd.Load(ref column, (nuint)(2 * lanes));
                TVector q = TSimd.Broadcast(Unsafe.Add(ref q0, c));
                (s00, s01, s02) = (TSimd.MultiplyAdd(q, k0, s00), TSimd.MultiplyAdd(q, k1, s01), TSimd.MultiplyAdd(q, k2, s02));
                q = TSimd.Broadcast(Unsafe.Add(ref q1, c));
                (s10, s11, s12) = (TSimd.MultiplyAdd(q, k0, s10), TSimd.MultiplyAdd(q, k1, s11), TSimd.MultiplyAdd(q, k2, s12));
                q = TSimd.Broadcast(Unsafe.Add(ref q2, c));
                (s20, s21, s22) = (TSimd.MultiplyAdd(q, k0, s20), TSimd.MultiplyAdd(q, k1, s21), TSimd.MultiplyAdd(q, k2, s22));
                q = TSimd.Broadcast(Unsafe.Add(ref q3, c));
                (s30, s31, s32) = (TSimd.MultiplyAdd(q, k0, s30), TSimd.MultiplyAdd(q, k1, s31), TSimd.MultiplyAdd(q, k2, s32));
                column = ref Unsafe.Add(ref column, stride);
            }

            StoreScores<T, TVector, TSimd>(ref scores, at, lanes, scale, s00, s01, s02);
            StoreScores<T, TVector, TSimd>(ref Unsafe.Add(ref scores, stride), at, lanes, scale, s10, s11, s12);
            StoreScores<T, TVector, TSimd>(ref Unsafe.Add(ref scores, 2 * stride), at, lanes, scale, s20, s21, s22);
            StoreScores<T, TVector, TSimd>(ref Unsafe.Add(ref scores, 3 * stride), at, lanes, scale, s30, s31, s32);
        }

        // The keys left, a vector at a time for all four rows.
        for (; at < keyEnd; at += lanes)
        {
            TVector s0 = TSimd.Zero, s1 = TSimd.Zero, s2 = TSimd.Zero, s3 = TSimd.Zero;
            ref T column = ref Unsafe.Add(ref keysT, at);
            for (nuint c = 0; c < (nuint)headDim; c++)
            {
                TVector k = TSimd.Load(ref column, 0);
                s0 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref q0, c)), k, s0);
                s1 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref q1, c)), k, s1);
                s2 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref q2, c)), k, s2);
                s3 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref q3, c)), k, s3);
                column = ref Unsafe.Add(ref column, stride);
            }

            TSimd.Store(TSimd.Multiply(s0, scale), ref scores, (nuint)at);
            TSimd.Store(TSimd.Multiply(s1, scale), ref scores, (nuint)(stride + at));
            TSimd.Store(TSimd.Multiply(s2, scale), ref scores, (nuint)(2 * stride + at));
            TSimd.Store(TSimd.Multiply(s3, scale), ref scores, (nuint)(3 * stride + at));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreScores<T, TVector, TSimd>(ref T row, int at, int lanes, TVector scale, TVector s0, TVector s1, TVector s2)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TSimd : ISimdWidth<TVector, T>
    {
        TSimd.Store(TSimd.Multiply(s0, scale), ref row, (nuint)at);
        TSimd.Store(TSimd.Multiply(s1, scale), ref row, (nuint)(at + lanes));
        TSimd.Store(TSimd.Multiply(s2, scale), ref row, (nuint)(at + 2 * lanes));
    }

    /// <summary>
    /// Adds a chunk of keys to the output rows of a block: <c>o[r] = scales[r] · o[r] + Σ_j p[r, j] · value row j</c> over
    /// <c>j &lt; keyCounts[r]</c>, for <paramref name="rows"/> rows (a full block shares each value-row load among them).
    /// </summary>
    public static void AddValueBlock<T, TVector, TSimd>(
        ref T probabilities, int stride, int rows, ReadOnlySpan<int> keyCounts, ReadOnlySpan<T> scales,
        ref T values, int valueRowStride, int valueDim, ref T outputs, int outputRowStride)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TSimd : ISimdWidth<TVector, T>
    {
        if (rows < Rows)
        {
            for (int r = 0; r < rows; r++)
            {
                Span<T> output = System.Runtime.InteropServices.MemoryMarshal.CreateSpan(ref Unsafe.Add(ref outputs, r * outputRowStride), valueDim);
                VectorMath.Multiply<T>(output, scales[r], output);
                for (int j = 0; j < keyCounts[r]; j++)
                {
                    RowOps.AddScaled(ref Unsafe.Add(ref outputs, r * outputRowStride), ref Unsafe.Add(ref values, j * valueRowStride), Unsafe.Add(ref probabilities, r * stride + j), valueDim);
                }
            }

            return;
        }

        var block = new ValueBlock<T>(ref probabilities, stride, keyCounts, scales, ref values, valueRowStride, ref outputs, outputRowStride);
        int lanes = TSimd.Count;
        int column = 0;
        for (; column <= valueDim - 2 * lanes; column += 2 * lanes)
        {
            AddColumns2<T, TVector, TSimd>(block, column);
        }

        for (; column <= valueDim - lanes; column += lanes)
        {
            AddColumns1<T, TVector, TSimd>(block, column);
        }

        for (; column < valueDim; column++)
        {
            for (int r = 0; r < Rows; r++)
            {
                T sum = T.Zero;
                for (int j = 0; j < keyCounts[r]; j++)
                {
                    sum += block.Probability(r, j) * Unsafe.Add(ref values, j * valueRowStride + column);
                }

                ref T output = ref block.Output(r, column);
                output = output * scales[r] + sum;
            }
        }
    }

    /// <summary>Four rows × two vectors of columns from <paramref name="column"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddColumns2<T, TVector, TSimd>(in ValueBlock<T> block, int column)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TSimd : ISimdWidth<TVector, T>
    {
        nuint next = (nuint)TSimd.Count;
        TVector s00 = TSimd.Zero, s01 = TSimd.Zero, s10 = TSimd.Zero, s11 = TSimd.Zero, s20 = TSimd.Zero, s21 = TSimd.Zero, s30 = TSimd.Zero, s31 = TSimd.Zero;
        ref T row = ref block.Value(0, column);
        ref T p0 = ref block.Probabilities(0);
        ref T p1 = ref block.Probabilities(1);
        ref T p2 = ref block.Probabilities(2);
        ref T p3 = ref block.Probabilities(3);
        int rowStride = block.ValueRowStride;
        for (nuint j = 0; j < (nuint)block.Shared; j++)
        {
            TVector v0 = TSimd.Load(ref row, 0), v1 = TSimd.Load(ref row, next);
            TVector p = TSimd.Broadcast(Unsafe.Add(ref p0, j));
            s00 = TSimd.MultiplyAdd(p, v0, s00);
            s01 = TSimd.MultiplyAdd(p, v1, s01);
            p = TSimd.Broadcast(Unsafe.Add(ref p1, j));
            s10 = TSimd.MultiplyAdd(p, v0, s10);
            s11 = TSimd.MultiplyAdd(p, v1, s11);
            p = TSimd.Broadcast(Unsafe.Add(ref p2, j));
            s20 = TSimd.MultiplyAdd(p, v0, s20);
            s21 = TSimd.MultiplyAdd(p, v1, s21);
            p = TSimd.Broadcast(Unsafe.Add(ref p3, j));
            s30 = TSimd.MultiplyAdd(p, v0, s30);
            s31 = TSimd.MultiplyAdd(p, v1, s31);
            row = ref Unsafe.Add(ref row, rowStride);
        }

        Finish2<T, TVector, TSimd>(block, 0, column, s00, s01);
        Finish2<T, TVector, TSimd>(block, 1, column, s10, s11);
        Finish2<T, TVector, TSimd>(block, 2, column, s20, s21);
        Finish2<T, TVector, TSimd>(block, 3, column, s30, s31);
    }

    /// <summary>Row <paramref name="r"/>'s further keys (past those the block shares), then its output update.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish2<T, TVector, TSimd>(in ValueBlock<T> block, int r, int column, TVector s0, TVector s1)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TSimd : ISimdWidth<TVector, T>
    {
        nuint next = (nuint)TSimd.Count;
        for (int j = block.Shared; j < block.KeyCount(r); j++)
        {
            ref T row = ref block.Value(j, column);
            TVector p = TSimd.Broadcast(block.Probability(r, j));
            (s0, s1) = (TSimd.MultiplyAdd(p, TSimd.Load(ref row, 0), s0), TSimd.MultiplyAdd(p, TSimd.Load(ref row, next), s1));
        }

        ref T output = ref block.Output(r, column);
        TVector scale = TSimd.Broadcast(block.Scale(r));
        TSimd.Store(TSimd.MultiplyAdd(TSimd.Load(ref output, 0), scale, s0), ref output, 0);
        TSimd.Store(TSimd.MultiplyAdd(TSimd.Load(ref output, next), scale, s1), ref output, next);
    }

    /// <summary>Four rows × one vector of columns from <paramref name="column"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddColumns1<T, TVector, TSimd>(in ValueBlock<T> block, int column)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TSimd : ISimdWidth<TVector, T>
    {
        TVector s0 = TSimd.Zero, s1 = TSimd.Zero, s2 = TSimd.Zero, s3 = TSimd.Zero;
        ref T row = ref block.Value(0, column);
        ref T p0 = ref block.Probabilities(0);
        ref T p1 = ref block.Probabilities(1);
        ref T p2 = ref block.Probabilities(2);
        ref T p3 = ref block.Probabilities(3);
        int rowStride = block.ValueRowStride;
        for (nuint j = 0; j < (nuint)block.Shared; j++)
        {
            TVector v = TSimd.Load(ref row, 0);
            s0 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref p0, j)), v, s0);
            s1 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref p1, j)), v, s1);
            s2 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref p2, j)), v, s2);
            s3 = TSimd.MultiplyAdd(TSimd.Broadcast(Unsafe.Add(ref p3, j)), v, s3);
            row = ref Unsafe.Add(ref row, rowStride);
        }

        Finish1<T, TVector, TSimd>(block, 0, column, s0);
        Finish1<T, TVector, TSimd>(block, 1, column, s1);
        Finish1<T, TVector, TSimd>(block, 2, column, s2);
        Finish1<T, TVector, TSimd>(block, 3, column, s3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish1<T, TVector, TSimd>(in ValueBlock<T> block, int r, int column, TVector sum)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TSimd : ISimdWidth<TVector, T>
    {
        for (int j = block.Shared; j < block.KeyCount(r); j++)
        {
            sum = TSimd.MultiplyAdd(TSimd.Broadcast(block.Probability(r, j)), TSimd.Load(ref block.Value(j, column), 0), sum);
        }

        ref T output = ref block.Output(r, column);
        TSimd.Store(TSimd.MultiplyAdd(TSimd.Load(ref output, 0), TSimd.Broadcast(block.Scale(r)), sum), ref output, 0);
    }

    /// <summary>A full block's probabilities, key counts, scales, value rows and output rows.</summary>
    private readonly ref struct ValueBlock<T>
        where T : unmanaged
    {
        private readonly ref T _probabilities;
        private readonly int _stride;
        private readonly ReadOnlySpan<int> _keyCounts;
        private readonly ReadOnlySpan<T> _scales;
        private readonly ref T _values;
        private readonly ref T _outputs;
        private readonly int _outputRowStride;

        public ValueBlock(ref T probabilities, int stride, ReadOnlySpan<int> keyCounts, ReadOnlySpan<T> scales, ref T values, int valueRowStride, ref T outputs, int outputRowStride)
        {
            _probabilities = ref probabilities;
            _stride = stride;
            _keyCounts = keyCounts;
            _scales = scales;
            _values = ref values;
            ValueRowStride = valueRowStride;
            _outputs = ref outputs;
            _outputRowStride = outputRowStride;
            Shared = Math.Min(Math.Min(keyCounts[0], keyCounts[1]), Math.Min(keyCounts[2], keyCounts[3]));
        }

        /// <summary>Keys every row of the block attends.</summary>
        public int Shared { get; }

        public int ValueRowStride { get; }

        public int KeyCount(int r) => _keyCounts[r];

        public T Scale(int r) => _scales[r];

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Probability(int r, int j) => Unsafe.Add(ref _probabilities, r * _stride + j);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ref T Probabilities(int r) => ref Unsafe.Add(ref _probabilities, r * _stride);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ref T Value(int j, int column) => ref Unsafe.Add(ref _values, j * ValueRowStride + column);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ref T Output(int r, int column) => ref Unsafe.Add(ref _outputs, r * _outputRowStride + column);
    }
}
