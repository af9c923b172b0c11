using System;
using System.Numerics;
using AttentionGen.Kernels;

namespace AttentionGen;

public static partial class Attention
{
    /// <summary>
    /// Merges two partial attention results over disjoint key ranges into the result over their union (flash decoding):
    /// for each row, <c>output = (e^{lseA}·outputA + e^{lseB}·outputB) / (e^{lseA} + e^{lseB})</c> and
    /// <c>lse = log(e^{lseA} + e^{lseB})</c>, computed against the larger of the two so that nothing overflows. A part with
    /// no key (<c>lse = −∞</c>) contributes nothing; if neither has one, the row is 0 and its <c>lse</c> −∞.
    /// </summary>
    /// <param name="outputA">The first part's output rows, <c>lseA.Length · valueDim</c> elements.</param>
    /// <param name="lseA">The first part's log-sum-exp, one per row (from a <c>ComputeWithLogSumExp</c>).</param>
    /// <param name="outputB">The second part's output rows, as many.</param>
    /// <param name="lseB">The second part's log-sum-exp.</param>
    /// <param name="output">Receives the merged rows; may be <paramref name="outputA"/> itself (or <paramref name="outputB"/>).</param>
    /// <param name="lse">Receives the merged log-sum-exp; may be <paramref name="lseA"/> itself (or <paramref name="lseB"/>).</param>
    /// <param name="valueDim">Elements per row.</param>
    /// <exception cref="ArgumentException">A span has the wrong length, or an output partly overlaps an input.</exception>
    public static void MergePartials<T>(
        ReadOnlySpan<T> outputA, ReadOnlySpan<float> lseA, ReadOnlySpan<T> outputB, ReadOnlySpan<float> lseB, Span<T> output, Span<float> lse, int valueDim)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (valueDim < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(valueDim), valueDim, "valueDim must be at least 1.");
        }

        int rows = lseA.Length;
        string shape = $"[rows = {rows}] × valueDim = {valueDim}";
        KernelGuard.RequireLength(outputA, rows * valueDim, shape, nameof(outputA));
        KernelGuard.RequireLength(lseB, rows, $"[rows = {rows}]", nameof(lseB));
        KernelGuard.RequireLength(outputB, rows * valueDim, shape, nameof(outputB));
        KernelGuard.RequireLength<T>(output, rows * valueDim, shape, nameof(output));
        KernelGuard.RequireLength<float>(lse, rows, $"[rows = {rows}]", nameof(lse));
        RequireSameOrDisjoint(output, outputA, nameof(output), nameof(outputA));
        RequireSameOrDisjoint(output, outputB, nameof(output), nameof(outputB));
        RequireSameOrDisjoint<float>(lse, lseA, nameof(lse), nameof(lseA));
        RequireSameOrDisjoint<float>(lse, lseB, nameof(lse), nameof(lseB));

        for (int row = 0; row < rows; row++)
        {
            float a = lseA[row], b = lseB[row];
            float max = MathF.Max(a, b);
            Span<T> merged = output.Slice(row * valueDim, valueDim);
            if (float.IsNegativeInfinity(max))
            {
                merged.Clear(); // neither part attends a key
                lse[row] = float.NegativeInfinity;
                continue;
            }

            // Weights relative to the larger part: one is 1, the other at most 1, so neither overflows.
            T weightA = T.Exp(T.CreateTruncating(a - max)), weightB = T.Exp(T.CreateTruncating(b - max));
            T total = weightA + weightB;
            T scaleA = weightA / total, scaleB = weightB / total;
            ReadOnlySpan<T> rowA = outputA.Slice(row * valueDim, valueDim), rowB = outputB.Slice(row * valueDim, valueDim);
            for (int c = 0; c < valueDim; c++)
            {
                // A part without keys has weight 0 and rows of 0: select, so that its row never reaches the result.
                T fromA = weightA == T.Zero ? T.Zero : scaleA * rowA[c];
                T fromB = weightB == T.Zero ? T.Zero : scaleB * rowB[c];
                merged[c] = fromA + fromB;
            }

            lse[row] = max + float.CreateTruncating(T.Log(total));
        }
    }

    /// <summary>An output may be one of the inputs exactly (merging in place), but not overlap it in part.</summary>
    private static void RequireSameOrDisjoint<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> input, string outputName, string inputName)
    {
        if (output.Length == input.Length && System.Runtime.CompilerServices.Unsafe.AreSame(
            ref System.Runtime.InteropServices.MemoryMarshal.GetReference(output), ref System.Runtime.InteropServices.MemoryMarshal.GetReference(input)))
        {
            return;
        }

        KernelGuard.RequireDisjoint(output, input, outputName, inputName);
    }
}
