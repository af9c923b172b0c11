using System;
using System.Numerics;
using System.Runtime.InteropServices;
using static System.Runtime.CompilerServices.Unsafe;

namespace AttentionGen.Kernels;

/// <summary>
/// The value sums of a block whose rows do not each attend a prefix of the keys (<see cref="BlockMask{TBias}"/>): row by
/// row, over that row's attended keys alone, so a value row a mask hides from it is never read for it, whatever it holds.
/// </summary>
public static partial class BlockKernels
{
    /// <summary>
    /// Writes <c>normalizers[r] · Σ_j scores[r, j] · value row j</c> over the keys <c>firstKeys[r]</c> …
    /// <c>keyCounts[r]</c> − 1 whose probability is not 0 (a hidden key's is exactly 0).
    /// </summary>
    public static void AccumulateAttendedValues<T, TShape>(
        in TShape shape, ref T scores, int rows, ReadOnlySpan<int> firstKeys, ReadOnlySpan<int> keyCounts, ReadOnlySpan<T> normalizers,
        ref T values, ref T outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
        => AttendedValues(shape, ref scores, rows, firstKeys, keyCounts, normalizers, ref values, ref outputs, addToOutputs: false);

    /// <summary>
    /// Adds a chunk of keys to the output rows: <c>o[r] = scales[r] · o[r] + Σ_j scores[r, j] · value row j</c> over the
    /// keys <c>firstKeys[r]</c> … <c>keyCounts[r]</c> − 1 whose probability is not 0.
    /// </summary>
    public static void AddAttendedValues<T, TShape>(
        in TShape shape, ref T scores, int rows, ReadOnlySpan<int> firstKeys, ReadOnlySpan<int> keyCounts, ReadOnlySpan<T> scales,
        ref T values, ref T outputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
        => AttendedValues(shape, ref scores, rows, firstKeys, keyCounts, scales, ref values, ref outputs, addToOutputs: true);

    private static void AttendedValues<T, TShape>(
        in TShape shape, ref T scores, int rows, ReadOnlySpan<int> firstKeys, ReadOnlySpan<int> keyCounts, ReadOnlySpan<T> factors,
        ref T values, ref T outputs, bool addToOutputs)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
    {
        for (int r = 0; r < rows; r++)
        {
            ref T outputRow = ref Add(ref outputs, r * shape.OutputBlockStride);
            Span<T> output = MemoryMarshal.CreateSpan(ref outputRow, shape.ValueDim);
            if (addToOutputs)
            {
                VectorMath.Multiply<T>(output, factors[r], output);
            }
            else
            {
                output.Clear();
            }

            ref T rowScores = ref Add(ref scores, r * shape.KeyTileStride);
            for (int j = firstKeys[r]; j < keyCounts[r]; j++)
            {
                T probability = Add(ref rowScores, j);
                if (probability != T.Zero)
                {
                    RowOps.AddScaled(ref outputRow, ref Add(ref values, j * shape.ValueRowStride), probability, shape.ValueDim);
                }
            }

            if (!addToOutputs)
            {
                VectorMath.Multiply<T>(output, factors[r], output);
            }
        }
    }
}
