using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static System.Runtime.CompilerServices.Unsafe;

namespace AttentionGen.Kernels;

/// <summary>
/// The value sums of a block: keys every row of a full block attends are summed for all its rows at once, one load of
/// each value row serving them all; each row then adds its own further keys, so a key a row may not attend (under a
/// causal mask, later rows attend more) never touches that row. Rows wider than the registers hold go in groups of columns.
/// </summary>
public static partial class BlockKernels
{
    /// <summary>
    /// Writes the output rows of a block of <paramref name="rows"/> query rows:
    /// <c>normalizers[r] · Σ_j scores[r, j] · value row j</c> over keys 0 … <c>keyCounts[r]</c> − 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AccumulateValueBlock<T, TShape>(
        in TShape shape, ref T scores, int rows, ReadOnlySpan<int> keyCounts, ReadOnlySpan<T> normalizers, ref T values, ref T outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
        => ValueBlock(shape, ref scores, rows, default, keyCounts, normalizers, ref values, ref outputs, addToOutputs: false);

    /// <summary>
    /// Writes the output rows of a block whose rows each attend a range of keys (a sliding window):
    /// <c>normalizers[r] · Σ_j scores[r, j] · value row j</c> over keys <c>firstKeys[r]</c> … <c>keyCounts[r]</c> − 1. Keys
    /// every row attends are summed for all rows at once; a key outside a row's range never touches that row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AccumulateValueBlock<T, TShape>(
        in TShape shape, ref T scores, int rows, ReadOnlySpan<int> firstKeys, ReadOnlySpan<int> keyCounts, ReadOnlySpan<T> normalizers,
        ref T values, ref T outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
        => ValueBlock(shape, ref scores, rows, firstKeys, keyCounts, normalizers, ref values, ref outputs, addToOutputs: false);

    /// <summary>
    /// Adds a chunk of keys to the output rows of a block of <paramref name="rows"/> query rows:
    /// <c>o[r] = scales[r] · o[r] + Σ_j scores[r, j] · value row j</c> over keys 0 … <c>keyCounts[r]</c> − 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddValueBlock<T, TShape>(
        in TShape shape, ref T scores, int rows, ReadOnlySpan<int> keyCounts, ReadOnlySpan<T> scales, ref T values, ref T outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
        => ValueBlock(shape, ref scores, rows, default, keyCounts, scales, ref values, ref outputs, addToOutputs: true);

    /// <summary>
    /// Adds a chunk of keys to the output rows of a block whose rows each attend a range of keys (a sliding window):
    /// <c>o[r] = scales[r] · o[r] + Σ_j scores[r, j] · value row j</c> over keys <c>firstKeys[r]</c> … <c>keyCounts[r]</c> − 1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AddValueBlock<T, TShape>(
        in TShape shape, ref T scores, int rows, ReadOnlySpan<int> firstKeys, ReadOnlySpan<int> keyCounts, ReadOnlySpan<T> scales,
        ref T values, ref T outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
        => ValueBlock(shape, ref scores, rows, firstKeys, keyCounts, scales, ref values, ref outputs, addToOutputs: true);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // the width tests fold away: the call goes straight to one width's code
    private static void ValueBlock<T, TShape>(
        in TShape shape, ref T scores, int rows, ReadOnlySpan<int> firstKeys, ReadOnlySpan<int> keyCounts, ReadOnlySpan<T> factors, ref T values,
        ref T outputs, bool addToOutputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
    {
        if (Vector512.IsHardwareAccelerated)
        {
            ValueBlock<T, TShape, Simd512<T>, Vector512<T>>(shape, ref scores, rows, firstKeys, keyCounts, factors, ref values, ref outputs, addToOutputs);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            ValueBlock<T, TShape, Simd256<T>, Vector256<T>>(shape, ref scores, rows, firstKeys, keyCounts, factors, ref values, ref outputs, addToOutputs);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            ValueBlock<T, TShape, Simd128<T>, Vector128<T>>(shape, ref scores, rows, firstKeys, keyCounts, factors, ref values, ref outputs, addToOutputs);
        }
        else
        {
            ValueBlockScalar(shape, ref scores, rows, firstKeys, keyCounts, factors, ref values, ref outputs, addToOutputs);
        }
    }

    /// <summary>No SIMD: row by row, a column at a time.</summary>
    private static void ValueBlockScalar<T, TShape>(
        in TShape shape, ref T scores, int rows, ReadOnlySpan<int> firstKeys, ReadOnlySpan<int> keyCounts, ReadOnlySpan<T> factors, ref T values,
        ref T outputs, bool addToOutputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
    {
        for (int r = 0; r < rows; r++)
        {
            ref T rowScores = ref Add(ref scores, r * shape.KeyTileStride);
            ref T output = ref Add(ref outputs, r * shape.OutputBlockStride);
            ValueColumns(shape, ref rowScores, FirstKey(firstKeys, r), keyCounts[r], factors[r], ref values, ref output, 0, addToOutputs);
        }
    }

    /// <summary>Row <paramref name="r"/>'s first key: 0 when the rows attend prefixes (no first keys given).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FirstKey(ReadOnlySpan<int> firstKeys, int r) => firstKeys.IsEmpty ? 0 : firstKeys[r];

    private static void ValueBlock<T, TShape, TWidth, TVector>(
        in TShape shape, ref T scores, int rows, ReadOnlySpan<int> firstKeys, ReadOnlySpan<int> keyCounts, ReadOnlySpan<T> factors, ref T values,
        ref T outputs, bool addToOutputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
        where TWidth : ISimdWidth<TVector, T>
    {
        int lanes = TWidth.Count;
        int column = 0;
        if (rows < Rows)
        {
            // A partial block: row by row, a vector of columns at a time.
            for (int r = 0; r < rows; r++)
            {
                ref T rowScores = ref Add(ref scores, r * shape.KeyTileStride);
                ref T output = ref Add(ref outputs, r * shape.OutputBlockStride);
                for (column = 0; column <= shape.ValueDim - lanes; column += lanes)
                {
                    TVector sum = TWidth.Zero;
                    ref T valueRow = ref Add(ref values, FirstKey(firstKeys, r) * shape.ValueRowStride + column);
                    for (int j = FirstKey(firstKeys, r); j < keyCounts[r]; j++)
                    {
                        sum = TWidth.MultiplyAdd(TWidth.Broadcast(Add(ref rowScores, j)), TWidth.Load(ref valueRow, 0), sum);
                        valueRow = ref Add(ref valueRow, shape.ValueRowStride);
                    }

                    StoreSum<T, TWidth, TVector>(ref Add(ref output, column), factors[r], sum, addToOutputs);
                }

                ValueColumns(shape, ref rowScores, FirstKey(firstKeys, r), keyCounts[r], factors[r], ref values, ref output, column, addToOutputs);
            }

            return;
        }

        var block = new ValueBlockArguments<T>(ref scores, firstKeys, keyCounts, factors, ref values, ref outputs, addToOutputs);
        if (lanes * SizeOf<T>() == 64)
        {
            // Vector512: four vectors of columns, 16 accumulators of its 32 registers.
            for (; column <= shape.ValueDim - 4 * lanes; column += 4 * lanes)
            {
                ValueColumns4<T, TShape, TWidth, TVector>(shape, block, column);
            }
        }

        for (; column <= shape.ValueDim - 2 * lanes; column += 2 * lanes)
        {
            ValueColumns2<T, TShape, TWidth, TVector>(shape, block, column);
        }

        for (; column <= shape.ValueDim - lanes; column += lanes)
        {
            ValueColumns1<T, TShape, TWidth, TVector>(shape, block, column);
        }

        // Columns past the last whole vector, row by row.
        for (int r = 0; r < Rows && column < shape.ValueDim; r++)
        {
            ref T rowScores = ref Add(ref scores, r * shape.KeyTileStride);
            ref T output = ref Add(ref outputs, r * shape.OutputBlockStride);
            ValueColumns(shape, ref rowScores, FirstKey(firstKeys, r), keyCounts[r], factors[r], ref values, ref output, column, addToOutputs);
        }
    }

    /// <summary>The block's four rows × four vectors of columns from <paramref name="column"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ValueColumns4<T, TShape, TWidth, TVector>(in TShape shape, in ValueBlockArguments<T> block, int column)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
        where TWidth : ISimdWidth<TVector, T>
    {
        nuint lanes = (nuint)TWidth.Count;
        ref T p0 = ref block.Scores;
        ref T p1 = ref Add(ref p0, shape.KeyTileStride);
        ref T p2 = ref Add(ref p1, shape.KeyTileStride);
        ref T p3 = ref Add(ref p2, shape.KeyTileStride);
        TVector s00 = TWidth.Zero, s01 = TWidth.Zero, s02 = TWidth.Zero, s03 = TWidth.Zero;
        TVector s10 = TWidth.Zero, s11 = TWidth.Zero, s12 = TWidth.Zero, s13 = TWidth.Zero;
        TVector s20 = TWidth.Zero, s21 = TWidth.Zero, s22 = TWidth.Zero, s23 = TWidth.Zero;
        TVector s30 = TWidth.Zero, s31 = TWidth.Zero, s32 = TWidth.Zero, s33 = TWidth.Zero;
        ref T row = ref Add(ref block.Values, block.SharedStart * shape.ValueRowStride + column);
        for (nuint j = (nuint)block.SharedStart; j < (nuint)block.Shared; j++)
        {
            TVector v0 = TWidth.Load(ref row, 0), v1 = TWidth.Load(ref row, lanes);
            TVector v2 = TWidth.Load(ref row, 2 * lanes), v3 = TWidth.Load(ref row, 3 * lanes);
            TVector p = TWidth.Broadcast(Add(ref p0, j));
            (s00, s01) = (TWidth.MultiplyAdd(p, v0, s00), TWidth.MultiplyAdd(p, v1, s01));
            (s02, s03) = (TWidth.MultiplyAdd(p, v2, s02), TWidth.MultiplyAdd(p, v3, s03));
            p = TWidth.Broadcast(Add(ref p1, j));
            (s10, s11) = (TWidth.MultiplyAdd(p, v0, s10), TWidth.MultiplyAdd(p, v1, s11));
            (s12, s13) = (TWidth.MultiplyAdd(p, v2, s12), TWidth.MultiplyAdd(p, v3, s13));
            p = TWidth.Broadcast(Add(ref p2, j));
            (s20, s21) = (TWidth.MultiplyAdd(p, v0, s20), TWidth.MultiplyAdd(p, v1, s21));
            (s22, s23) = (TWidth.MultiplyAdd(p, v2, s22), TWidth.MultiplyAdd(p, v3, s23));
            p = TWidth.Broadcast(Add(ref p3, j));
            (s30, s31) = (TWidth.MultiplyAdd(p, v0, s30), TWidth.MultiplyAdd(p, v1, s31));
            (s32, s33) = (TWidth.MultiplyAdd(p, v2, s32), TWidth.MultiplyAdd(p, v3, s33));
            row = ref Add(ref row, shape.ValueRowStride);
        }

        // Each row's further keys are few (at most RowBlock − 1 under a causal mask): two passes of two vectors cost little.
        int second = column + 2 * TWidth.Count;
        FinishRow2<T, TShape, TWidth, TVector>(shape, block, 0, column, s00, s01);
        FinishRow2<T, TShape, TWidth, TVector>(shape, block, 0, second, s02, s03);
        FinishRow2<T, TShape, TWidth, TVector>(shape, block, 1, column, s10, s11);
        FinishRow2<T, TShape, TWidth, TVector>(shape, block, 1, second, s12, s13);
        FinishRow2<T, TShape, TWidth, TVector>(shape, block, 2, column, s20, s21);
        FinishRow2<T, TShape, TWidth, TVector>(shape, block, 2, second, s22, s23);
        FinishRow2<T, TShape, TWidth, TVector>(shape, block, 3, column, s30, s31);
        FinishRow2<T, TShape, TWidth, TVector>(shape, block, 3, second, s32, s33);
    }

    /// <summary>The block's four rows × two vectors of columns from <paramref name="column"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ValueColumns2<T, TShape, TWidth, TVector>(in TShape shape, in ValueBlockArguments<T> block, int column)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
        where TWidth : ISimdWidth<TVector, T>
    {
        nuint lanes = (nuint)TWidth.Count;
        ref T p0 = ref block.Scores;
        ref T p1 = ref Add(ref p0, shape.KeyTileStride);
        ref T p2 = ref Add(ref p1, shape.KeyTileStride);
        ref T p3 = ref Add(ref p2, shape.KeyTileStride);
        TVector s00 = TWidth.Zero, s01 = TWidth.Zero, s10 = TWidth.Zero, s11 = TWidth.Zero;
        TVector s20 = TWidth.Zero, s21 = TWidth.Zero, s30 = TWidth.Zero, s31 = TWidth.Zero;
        ref T row = ref Add(ref block.Values, block.SharedStart * shape.ValueRowStride + column);
        for (nuint j = (nuint)block.SharedStart; j < (nuint)block.Shared; j++)
        {
            TVector v0 = TWidth.Load(ref row, 0), v1 = TWidth.Load(ref row, lanes);
            TVector p = TWidth.Broadcast(Add(ref p0, j));
            (s00, s01) = (TWidth.MultiplyAdd(p, v0, s00), TWidth.MultiplyAdd(p, v1, s01));
            p = TWidth.Broadcast(Add(ref p1, j));
            (s10, s11) = (TWidth.MultiplyAdd(p, v0, s10), TWidth.MultiplyAdd(p, v1, s11));
            p = TWidth.Broadcast(Add(ref p2, j));
            (s20, s21) = (TWidth.MultiplyAdd(p, v0, s20), TWidth.MultiplyAdd(p, v1, s21));
            p = TWidth.Broadcast(Add(ref p3, j));
            (s30, s31) = (TWidth.MultiplyAdd(p, v0, s30), TWidth.MultiplyAdd(p, v1, s31));
            row = ref Add(ref row, shape.ValueRowStride);
        }

        FinishRow2<T, TShape, TWidth, TVector>(shape, block, 0, column, s00, s01);
        FinishRow2<T, TShape, TWidth, TVector>(shape, block, 1, column, s10, s11);
        FinishRow2<T, TShape, TWidth, TVector>(shape, block, 2, column, s20, s21);
        FinishRow2<T, TShape, TWidth, TVector>(shape, block, 3, column, s30, s31);
    }

    /// <summary>The block's four rows × one vector of columns from <paramref name="column"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ValueColumns1<T, TShape, TWidth, TVector>(in TShape shape, in ValueBlockArguments<T> block, int column)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
        where TWidth : ISimdWidth<TVector, T>
    {
        ref T p0 = ref block.Scores;
        ref T p1 = ref Add(ref p0, shape.KeyTileStride);
        ref T p2 = ref Add(ref p1, shape.KeyTileStride);
        ref T p3 = ref Add(ref p2, shape.KeyTileStride);
        TVector s0 = TWidth.Zero, s1 = TWidth.Zero, s2 = TWidth.Zero, s3 = TWidth.Zero;
        ref T row = ref Add(ref block.Values, block.SharedStart * shape.ValueRowStride + column);
        for (nuint j = (nuint)block.SharedStart; j < (nuint)block.Shared; j++)
        {
            TVector v = TWidth.Load(ref row, 0);
            s0 = TWidth.MultiplyAdd(TWidth.Broadcast(Add(ref p0, j)), v, s0);
            s1 = TWidth.MultiplyAdd(TWidth.Broadcast(Add(ref p1, j)), v, s1);
            s2 = TWidth.MultiplyAdd(TWidth.Broadcast(Add(ref p2, j)), v, s2);
            s3 = TWidth.MultiplyAdd(TWidth.Broadcast(Add(ref p3, j)), v, s3);
            row = ref Add(ref row, shape.ValueRowStride);
        }

        FinishRow1<T, TShape, TWidth, TVector>(shape, block, 0, column, s0);
        FinishRow1<T, TShape, TWidth, TVector>(shape, block, 1, column, s1);
        FinishRow1<T, TShape, TWidth, TVector>(shape, block, 2, column, s2);
        FinishRow1<T, TShape, TWidth, TVector>(shape, block, 3, column, s3);
    }

    /// <summary>Row <paramref name="r"/>'s own keys (outside those the block shares) into two vectors of columns, then its output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FinishRow2<T, TShape, TWidth, TVector>(in TShape shape, in ValueBlockArguments<T> block, int r, int column, TVector s0, TVector s1)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
        where TWidth : ISimdWidth<TVector, T>
    {
        (int first, int sharedStart, int sharedEnd, int end) = block.OwnKeys(r);
        AddKeys2<T, TShape, TWidth, TVector>(shape, block, r, column, first, sharedStart, ref s0, ref s1);
        AddKeys2<T, TShape, TWidth, TVector>(shape, block, r, column, sharedEnd, end, ref s0, ref s1);
        ref T output = ref Add(ref block.Outputs, r * shape.OutputBlockStride + column);
        StoreSum<T, TWidth, TVector>(ref output, block.Factors[r], s0, block.AddToOutputs);
        StoreSum<T, TWidth, TVector>(ref Add(ref output, TWidth.Count), block.Factors[r], s1, block.AddToOutputs);
    }

    /// <summary>Keys <paramref name="from"/> … <paramref name="to"/> − 1 of row <paramref name="r"/> into two vectors of columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddKeys2<T, TShape, TWidth, TVector>(
        in TShape shape, in ValueBlockArguments<T> block, int r, int column, int from, int to, ref TVector s0, ref TVector s1)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
        where TWidth : ISimdWidth<TVector, T>
    {
        nuint lanes = (nuint)TWidth.Count;
        ref T rowScores = ref Add(ref block.Scores, r * shape.KeyTileStride);
        for (int j = from; j < to; j++)
        {
            ref T valueRow = ref Add(ref block.Values, j * shape.ValueRowStride + column);
            TVector p = TWidth.Broadcast(Add(ref rowScores, j));
            (s0, s1) = (TWidth.MultiplyAdd(p, TWidth.Load(ref valueRow, 0), s0), TWidth.MultiplyAdd(p, TWidth.Load(ref valueRow, lanes), s1));
        }
    }

    /// <summary>Row <paramref name="r"/>'s own keys (outside those the block shares) into one vector of columns, then its output.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FinishRow1<T, TShape, TWidth, TVector>(in TShape shape, in ValueBlockArguments<T> block, int r, int column, TVector sum)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
        where TWidth : ISimdWidth<TVector, T>
    {
        (int first, int sharedStart, int sharedEnd, int end) = block.OwnKeys(r);
        AddKeys1<T, TShape, TWidth, TVector>(shape, block, r, column, first, sharedStart, ref sum);
        AddKeys1<T, TShape, TWidth, TVector>(shape, block, r, column, sharedEnd, end, ref sum);
        StoreSum<T, TWidth, TVector>(ref Add(ref block.Outputs, r * shape.OutputBlockStride + column), block.Factors[r], sum, block.AddToOutputs);
    }

    /// <summary>Keys <paramref name="from"/> … <paramref name="to"/> − 1 of row <paramref name="r"/> into one vector of columns.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddKeys1<T, TShape, TWidth, TVector>(
        in TShape shape, in ValueBlockArguments<T> block, int r, int column, int from, int to, ref TVector sum)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
        where TWidth : ISimdWidth<TVector, T>
    {
        ref T rowScores = ref Add(ref block.Scores, r * shape.KeyTileStride);
        for (int j = from; j < to; j++)
        {
            ref T valueRow = ref Add(ref block.Values, j * shape.ValueRowStride + column);
            sum = TWidth.MultiplyAdd(TWidth.Broadcast(Add(ref rowScores, j)), TWidth.Load(ref valueRow, 0), sum);
        }
    }

    /// <summary><c>output = factor · sum</c>, or, adding a chunk of keys, <c>output = factor · output + sum</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreSum<T, TWidth, TVector>(ref T output, T factor, TVector sum, bool addToOutput)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TWidth : ISimdWidth<TVector, T>
    {
        TVector scale = TWidth.Broadcast(factor);
        TWidth.Store(addToOutput ? TWidth.MultiplyAdd(TWidth.Load(ref output, 0), scale, sum) : TWidth.Multiply(sum, scale), ref output, 0);
    }

    /// <summary>One row's sums over keys <paramref name="firstKey"/> … <paramref name="keyCount"/> − 1 for columns <paramref name="first"/> … ValueDim − 1, a column at a time.</summary>
    private static void ValueColumns<T, TShape>(
        in TShape shape, ref T rowScores, int firstKey, int keyCount, T factor, ref T values, ref T output, int first, bool addToOutput)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
    {
        for (int column = first; column < shape.ValueDim; column++)
        {
            T sum = T.Zero;
            for (int j = firstKey; j < keyCount; j++)
            {
                sum += Add(ref rowScores, j) * Add(ref values, j * shape.ValueRowStride + column);
            }

            ref T target = ref Add(ref output, column);
            target = addToOutput ? factor * target + sum : factor * sum;
        }
    }

    /// <summary>A full block's arguments, as its column groups read them.</summary>
    private readonly ref struct ValueBlockArguments<T>
        where T : unmanaged
    {
        public readonly ref T Scores;
        public readonly ReadOnlySpan<int> FirstKeys;
        public readonly ReadOnlySpan<int> KeyCounts;
        public readonly ReadOnlySpan<T> Factors;
        public readonly ref T Values;
        public readonly ref T Outputs;
        public readonly bool AddToOutputs;

        /// <summary>The first key every row of the block attends (0 when the rows attend prefixes).</summary>
        public readonly int SharedStart;

        /// <summary>One past the last key every row of the block attends, from <see cref="SharedStart"/> on (no fewer).</summary>
        public readonly int Shared;

        public ValueBlockArguments(
            ref T scores, ReadOnlySpan<int> firstKeys, ReadOnlySpan<int> keyCounts, ReadOnlySpan<T> factors, ref T values, ref T outputs, bool addToOutputs)
        {
            Scores = ref scores;
            FirstKeys = firstKeys;
            KeyCounts = keyCounts;
            Factors = factors;
            Values = ref values;
            Outputs = ref outputs;
            AddToOutputs = addToOutputs;
            SharedStart = firstKeys.IsEmpty ? 0 : Math.Max(Math.Max(firstKeys[0], firstKeys[1]), Math.Max(firstKeys[2], firstKeys[3]));
            Shared = Math.Max(SharedStart, Math.Min(Math.Min(keyCounts[0], keyCounts[1]), Math.Min(keyCounts[2], keyCounts[3])));
        }

        /// <summary>Row <paramref name="r"/>'s first key.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int FirstKey(int r) => FirstKeys.IsEmpty ? 0 : FirstKeys[r];

        /// <summary>
        /// Row <paramref name="r"/>'s own keys, outside those the block shares: <c>first … sharedStart − 1</c> and
        /// <c>sharedEnd … end − 1</c>, each empty when the row's range does not reach it.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public (int First, int SharedStart, int SharedEnd, int End) OwnKeys(int r)
        {
            int first = FirstKey(r);
            int end = KeyCounts[r];
            return (first, Math.Min(SharedStart, end), Math.Max(Shared, first), end);
        }
    }
}
