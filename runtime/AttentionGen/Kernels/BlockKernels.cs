using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using static System.Runtime.CompilerServices.Unsafe;

namespace AttentionGen.Kernels;

/// <summary>
/// The block microkernels of the tiled and chunked strategies, written once for the generated kernels and the generic
/// path alike: a block of <see cref="KeyTileShape.RowBlock"/> query rows is scored together against transposed keys, and
/// its value sums are made together, so each load of a key column or a value row serves every row of the block. Generic
/// over the shape (<see cref="IBlockShape{T}"/>) and the vector width: the JIT compiles them for each kernel and width.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class BlockKernels
{
    /// <summary>Rows of a block. The accumulators are written out for four rows: another row block fails the build here.</summary>
    private const int Rows = KeyTileShape.RowBlock / (KeyTileShape.RowBlock == 4 ? 1 : 0);

    /// <summary>
    /// Writes <c>ScoreFactor · q·k</c> of <paramref name="rows"/> query rows (1 … RowBlock) and keys 0 …
    /// <paramref name="keyCount"/> − 1, reading the keys transposed, <c>[HeadDim, KeyTileStride]</c>, into
    /// <paramref name="scores"/>, <c>[RowBlock, KeyTileStride]</c>. Keys go in whole vectors: the last vector reads the
    /// tile's padding, and the scores past <paramref name="keyCount"/> it writes are never used.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // the width tests fold away: the call goes straight to one width's code
    public static void ScoreRows<T, TShape>(in TShape shape, ref T queryRows, int rows, ref T keysT, int keyCount, ref T scores)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
    {
        if (Vector512.IsHardwareAccelerated)
        {
            ScoreRows<T, TShape, Simd512<T>, Vector512<T>>(shape, ref queryRows, rows, ref keysT, keyCount, ref scores);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            ScoreRows<T, TShape, Simd256<T>, Vector256<T>>(shape, ref queryRows, rows, ref keysT, keyCount, ref scores);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            ScoreRows<T, TShape, Simd128<T>, Vector128<T>>(shape, ref queryRows, rows, ref keysT, keyCount, ref scores);
        }
        else
        {
            ScoreRowsScalar(shape, ref queryRows, rows, ref keysT, keyCount, ref scores);
        }
    }

    /// <summary>No SIMD: a scalar loop per row and key.</summary>
    private static void ScoreRowsScalar<T, TShape>(in TShape shape, ref T queryRows, int rows, ref T keysT, int keyCount, ref T scores)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
    {
        for (int r = 0; r < rows; r++)
        {
            ref T queryRow = ref Add(ref queryRows, r * shape.QueryBlockStride);
            for (int j = 0; j < keyCount; j++)
            {
                T sum = T.Zero;
                for (int c = 0; c < shape.HeadDim; c++)
                {
                    sum += Add(ref queryRow, c) * Add(ref keysT, c * shape.KeyTileStride + j);
                }

                Add(ref scores, r * shape.KeyTileStride + j) = shape.ScoreFactor * sum;
            }
        }
    }

    private static void ScoreRows<T, TShape, TWidth, TVector>(in TShape shape, ref T queryRows, int rows, ref T keysT, int keyCount, ref T scores)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
        where TWidth : ISimdWidth<TVector, T>
    {
        int lanes = TWidth.Count;
        int keyEnd = (keyCount + lanes - 1) & -lanes;
        TVector factor = TWidth.Broadcast(shape.ScoreFactor);
        if (rows < Rows)
        {
            // A partial block: row by row, a vector of keys at a time.
            for (int r = 0; r < rows; r++)
            {
                ref T queryRow = ref Add(ref queryRows, r * shape.QueryBlockStride);
                for (int j = 0; j < keyEnd; j += lanes)
                {
                    TVector sum = TWidth.Zero;
                    ref T column = ref Add(ref keysT, j);
                    for (int c = 0; c < shape.HeadDim; c++)
                    {
                        sum = TWidth.MultiplyAdd(TWidth.Broadcast(Add(ref queryRow, c)), TWidth.Load(ref column, 0), sum);
                        column = ref Add(ref column, shape.KeyTileStride);
                    }

                    TWidth.Store(TWidth.Multiply(sum, factor), ref scores, (nuint)(r * shape.KeyTileStride + j));
                }
            }

            return;
        }

        int at = 0;
        if (lanes * SizeOf<T>() == 64)
        {
            // Vector512: four vectors of keys, 16 accumulators of its 32 registers.
            for (; at <= keyEnd - 4 * lanes; at += 4 * lanes)
            {
                ScoreKeys4<T, TShape, TWidth, TVector>(shape, ref queryRows, ref Add(ref keysT, at), factor, ref Add(ref scores, at));
            }
        }

        // Two vectors of keys, 8 accumulators: enough independent multiply-adds to hide their latency on two FMA pipes.
        for (; at <= keyEnd - 2 * lanes; at += 2 * lanes)
        {
            ScoreKeys2<T, TShape, TWidth, TVector>(shape, ref queryRows, ref Add(ref keysT, at), factor, ref Add(ref scores, at));
        }

        for (; at < keyEnd; at += lanes)
        {
            ScoreKeys1<T, TShape, TWidth, TVector>(shape, ref queryRows, ref Add(ref keysT, at), factor, ref Add(ref scores, at));
        }
    }

    /// <summary>The block's four rows against four vectors of keys from <paramref name="columns"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScoreKeys4<T, TShape, TWidth, TVector>(in TShape shape, ref T q0, ref T columns, TVector factor, ref T scores)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
        where TWidth : ISimdWidth<TVector, T>
    {
        nuint lanes = (nuint)TWidth.Count;
        ref T q1 = ref Add(ref q0, shape.QueryBlockStride);
        ref T q2 = ref Add(ref q1, shape.QueryBlockStride);
        ref T q3 = ref Add(ref q2, shape.QueryBlockStride);
        TVector s00 = TWidth.Zero, s01 = TWidth.Zero, s02 = TWidth.Zero, s03 = TWidth.Zero;
        TVector s10 = TWidth.Zero, s11 = TWidth.Zero, s12 = TWidth.Zero, s13 = TWidth.Zero;
        TVector s20 = TWidth.Zero, s21 = TWidth.Zero, s22 = TWidth.Zero, s23 = TWidth.Zero;
        TVector s30 = TWidth.Zero, s31 = TWidth.Zero, s32 = TWidth.Zero, s33 = TWidth.Zero;
        ref T column = ref columns;
        for (nuint c = 0; c < (nuint)shape.HeadDim; c++)
        {
            TVector k0 = TWidth.Load(ref column, 0), k1 = TWidth.Load(ref column, lanes);
            TVector k2 = TWidth.Load(ref column, 2 * lanes), k3 = TWidth.Load(ref column, 3 * lanes);
            TVector q = TWidth.Broadcast(Add(ref q0, c));
            (s00, s01) = (TWidth.MultiplyAdd(q, k0, s00), TWidth.MultiplyAdd(q, k1, s01));
            (s02, s03) = (TWidth.MultiplyAdd(q, k2, s02), TWidth.MultiplyAdd(q, k3, s03));
            q = TWidth.Broadcast(Add(ref q1, c));
            (s10, s11) = (TWidth.MultiplyAdd(q, k0, s10), TWidth.MultiplyAdd(q, k1, s11));
            (s12, s13) = (TWidth.MultiplyAdd(q, k2, s12), TWidth.MultiplyAdd(q, k3, s13));
            q = TWidth.Broadcast(Add(ref q2, c));
            (s20, s21) = (TWidth.MultiplyAdd(q, k0, s20), TWidth.MultiplyAdd(q, k1, s21));
            (s22, s23) = (TWidth.MultiplyAdd(q, k2, s22), TWidth.MultiplyAdd(q, k3, s23));
            q = TWidth.Broadcast(Add(ref q3, c));
            (s30, s31) = (TWidth.MultiplyAdd(q, k0, s30), TWidth.MultiplyAdd(q, k1, s31));
            (s32, s33) = (TWidth.MultiplyAdd(q, k2, s32), TWidth.MultiplyAdd(q, k3, s33));
            column = ref Add(ref column, shape.KeyTileStride);
        }

        int stride = shape.KeyTileStride;
        StoreScaled<T, TWidth, TVector>(ref scores, factor, s00, s01, s02, s03);
        StoreScaled<T, TWidth, TVector>(ref Add(ref scores, stride), factor, s10, s11, s12, s13);
        StoreScaled<T, TWidth, TVector>(ref Add(ref scores, 2 * stride), factor, s20, s21, s22, s23);
        StoreScaled<T, TWidth, TVector>(ref Add(ref scores, 3 * stride), factor, s30, s31, s32, s33);
    }

    /// <summary>The block's four rows against two vectors of keys from <paramref name="columns"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScoreKeys2<T, TShape, TWidth, TVector>(in TShape shape, ref T q0, ref T columns, TVector factor, ref T scores)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
        where TWidth : ISimdWidth<TVector, T>
    {
        nuint lanes = (nuint)TWidth.Count;
        ref T q1 = ref Add(ref q0, shape.QueryBlockStride);
        ref T q2 = ref Add(ref q1, shape.QueryBlockStride);
        ref T q3 = ref Add(ref q2, shape.QueryBlockStride);
        TVector s00 = TWidth.Zero, s01 = TWidth.Zero, s10 = TWidth.Zero, s11 = TWidth.Zero;
        TVector s20 = TWidth.Zero, s21 = TWidth.Zero, s30 = TWidth.Zero, s31 = TWidth.Zero;
        ref T column = ref columns;
        for (nuint c = 0; c < (nuint)shape.HeadDim; c++)
        {
            TVector k0 = TWidth.Load(ref column, 0), k1 = TWidth.Load(ref column, lanes);
            TVector q = TWidth.Broadcast(Add(ref q0, c));
            (s00, s01) = (TWidth.MultiplyAdd(q, k0, s00), TWidth.MultiplyAdd(q, k1, s01));
            q = TWidth.Broadcast(Add(ref q1, c));
            (s10, s11) = (TWidth.MultiplyAdd(q, k0, s10), TWidth.MultiplyAdd(q, k1, s11));
            q = TWidth.Broadcast(Add(ref q2, c));
            (s20, s21) = (TWidth.MultiplyAdd(q, k0, s20), TWidth.MultiplyAdd(q, k1, s21));
            q = TWidth.Broadcast(Add(ref q3, c));
            (s30, s31) = (TWidth.MultiplyAdd(q, k0, s30), TWidth.MultiplyAdd(q, k1, s31));
            column = ref Add(ref column, shape.KeyTileStride);
        }

        int stride = shape.KeyTileStride;
        StoreScaled<T, TWidth, TVector>(ref scores, factor, s00, s01);
        StoreScaled<T, TWidth, TVector>(ref Add(ref scores, stride), factor, s10, s11);
        StoreScaled<T, TWidth, TVector>(ref Add(ref scores, 2 * stride), factor, s20, s21);
        StoreScaled<T, TWidth, TVector>(ref Add(ref scores, 3 * stride), factor, s30, s31);
    }

    /// <summary>The block's four rows against one vector of keys from <paramref name="columns"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScoreKeys1<T, TShape, TWidth, TVector>(in TShape shape, ref T q0, ref T columns, TVector factor, ref T scores)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
        where TWidth : ISimdWidth<TVector, T>
    {
        ref T q1 = ref Add(ref q0, shape.QueryBlockStride);
        ref T q2 = ref Add(ref q1, shape.QueryBlockStride);
        ref T q3 = ref Add(ref q2, shape.QueryBlockStride);
        TVector s0 = TWidth.Zero, s1 = TWidth.Zero, s2 = TWidth.Zero, s3 = TWidth.Zero;
        ref T column = ref columns;
        for (nuint c = 0; c < (nuint)shape.HeadDim; c++)
        {
            TVector k = TWidth.Load(ref column, 0);
            s0 = TWidth.MultiplyAdd(TWidth.Broadcast(Add(ref q0, c)), k, s0);
            s1 = TWidth.MultiplyAdd(TWidth.Broadcast(Add(ref q1, c)), k, s1);
            s2 = TWidth.MultiplyAdd(TWidth.Broadcast(Add(ref q2, c)), k, s2);
            s3 = TWidth.MultiplyAdd(TWidth.Broadcast(Add(ref q3, c)), k, s3);
            column = ref Add(ref column, shape.KeyTileStride);
        }

        int stride = shape.KeyTileStride;
        TWidth.Store(TWidth.Multiply(s0, factor), ref scores, 0);
        TWidth.Store(TWidth.Multiply(s1, factor), ref Add(ref scores, stride), 0);
        TWidth.Store(TWidth.Multiply(s2, factor), ref Add(ref scores, 2 * stride), 0);
        TWidth.Store(TWidth.Multiply(s3, factor), ref Add(ref scores, 3 * stride), 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreScaled<T, TWidth, TVector>(ref T row, TVector factor, TVector s0, TVector s1)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TWidth : ISimdWidth<TVector, T>
    {
        TWidth.Store(TWidth.Multiply(s0, factor), ref row, 0);
        TWidth.Store(TWidth.Multiply(s1, factor), ref row, (nuint)TWidth.Count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreScaled<T, TWidth, TVector>(ref T row, TVector factor, TVector s0, TVector s1, TVector s2, TVector s3)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TWidth : ISimdWidth<TVector, T>
    {
        StoreScaled<T, TWidth, TVector>(ref row, factor, s0, s1);
        StoreScaled<T, TWidth, TVector>(ref Add(ref row, 2 * TWidth.Count), factor, s2, s3);
    }
}
