using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AttentionGen.Kernels;

namespace AttentionGen;

/// <summary>
/// The generic attention path: run-time shapes and options, the same semantics and errors as the generated kernels.
/// It is the fallback for shapes known only at run time, and the baseline the generated kernels are measured against.
/// </summary>
/// <remarks>
/// Spans are row-major. Head-major shapes: <c>query [Heads, SeqLen, HeadDim]</c>, <c>key [KeyValueHeads, KeySeqLen,
/// HeadDim]</c>, <c>value [KeyValueHeads, KeySeqLen, ValueDim]</c>, <c>output [Heads, SeqLen, ValueDim]</c>; interleaved
/// shapes put the head inside the row: <c>[SeqLen, Heads·HeadDim]</c> and so on. <c>weights</c> is always
/// <c>[Heads, SeqLen, KeySeqLen]</c>. Allocation-free: one score row of <c>KeySeqLen</c> elements lives on the stack.
/// </remarks>
public static class Attention
{
    /// <summary>
    /// Computes <c>softmax(score(Q, K) + mask) · V</c> for every head and query row, writing <paramref name="output"/>
    /// and, when it is not empty, the attention probabilities to <paramref name="weights"/>.
    /// </summary>
    /// <param name="descriptor">The shape and options; see <see cref="AttentionDescriptor"/>.</param>
    /// <param name="query">Query rows, <see cref="AttentionDescriptor.QueryLength"/> elements.</param>
    /// <param name="key">Key rows, <see cref="AttentionDescriptor.KeyLength"/> elements.</param>
    /// <param name="value">Value rows, <see cref="AttentionDescriptor.ValueLength"/> elements.</param>
    /// <param name="output">Receives the output rows, <see cref="AttentionDescriptor.OutputLength"/> elements.</param>
    /// <param name="weights">Empty, or receives the probabilities, <see cref="AttentionDescriptor.WeightsLength"/> elements.</param>
    /// <param name="causalOffset">With <see cref="AttentionMask.Causal"/>: key <c>j</c> is masked for row <c>i</c> when <c>j &gt; i + causalOffset</c>.</param>
    /// <param name="validKeys">With <see cref="AttentionMask.KeyPadding"/>: keys <c>j &gt;= validKeys</c> are masked; <c>0 … KeySeqLen</c>.</param>
    /// <exception cref="ArgumentException">A span has the wrong length, an output overlaps an input, or the descriptor is out of range.</exception>
    /// <exception cref="NotSupportedException">The element type, score or mask is not supported by this path.</exception>
    public static void Compute<T>(
        in AttentionDescriptor descriptor,
        ReadOnlySpan<T> query,
        ReadOnlySpan<T> key,
        ReadOnlySpan<T> value,
        Span<T> output,
        Span<T> weights = default,
        int causalOffset = 0,
        int validKeys = -1)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        descriptor.Validate();
        RequireSupported<T>(descriptor);

        KernelGuard.RequireLength(query, descriptor.QueryLength, descriptor.Heads, descriptor.SeqLen, descriptor.HeadDim, nameof(query));
        KernelGuard.RequireLength(key, descriptor.KeyLength, descriptor.KeyValueHeads, descriptor.KeySeqLen, descriptor.HeadDim, nameof(key));
        KernelGuard.RequireLength(value, descriptor.ValueLength, descriptor.KeyValueHeads, descriptor.KeySeqLen, descriptor.ValueDim, nameof(value));
        KernelGuard.RequireLength<T>(output, descriptor.OutputLength, descriptor.Heads, descriptor.SeqLen, descriptor.ValueDim, nameof(output));
        KernelGuard.RequireDisjoint<T>(output, query, nameof(output), nameof(query));
        KernelGuard.RequireDisjoint<T>(output, key, nameof(output), nameof(key));
        KernelGuard.RequireDisjoint<T>(output, value, nameof(output), nameof(value));
        if (!weights.IsEmpty)
        {
            KernelGuard.RequireLength<T>(weights, descriptor.WeightsLength, descriptor.Heads, descriptor.SeqLen, descriptor.KeySeqLen, nameof(weights));
            KernelGuard.RequireDisjoint<T>(weights, query, nameof(weights), nameof(query));
            KernelGuard.RequireDisjoint<T>(weights, key, nameof(weights), nameof(key));
            KernelGuard.RequireDisjoint<T>(weights, value, nameof(weights), nameof(value));
            KernelGuard.RequireDisjoint<T>(weights, output, nameof(weights), nameof(output));
        }

        bool causal = (descriptor.Mask & AttentionMask.Causal) != 0;
        int keyLimit = descriptor.KeySeqLen;
        if ((descriptor.Mask & AttentionMask.KeyPadding) != 0)
        {
            KernelGuard.RequireValidKeys(validKeys, descriptor.KeySeqLen, nameof(validKeys));
            keyLimit = validKeys;
        }

        Span<T> scores = stackalloc T[descriptor.KeySeqLen];
        Run(descriptor, query, key, value, output, weights, scores, causal ? causalOffset : (int?)null, keyLimit);
    }

    private static void RequireSupported<T>(in AttentionDescriptor descriptor)
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException($"The generic path computes in float or double, not {typeof(T).Name}.");
        }

        if (descriptor.Score == AttentionScore.Additive)
        {
            throw new NotSupportedException("The additive (Bahdanau) score is not available on the generic path yet.");
        }

        if ((descriptor.Mask & (AttentionMask.Boolean | AttentionMask.Additive)) != 0)
        {
            throw new NotSupportedException("Boolean and additive masks are not available on the generic path yet.");
        }
    }

    private static void Run<T>(
        in AttentionDescriptor d,
        ReadOnlySpan<T> query,
        ReadOnlySpan<T> key,
        ReadOnlySpan<T> value,
        Span<T> output,
        Span<T> weights,
        Span<T> scores,
        int? causalOffset,
        int keyLimit)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        bool interleaved = d.Layout == AttentionLayout.Interleaved;
        int keyStride = interleaved ? d.KeyValueHeads * d.HeadDim : d.HeadDim;
        int valueStride = interleaved ? d.KeyValueHeads * d.ValueDim : d.ValueDim;
        bool gaussian = d.Score == AttentionScore.Gaussian;
        T scale = T.CreateTruncating(gaussian ? -0.5 * d.Scale : d.Scale);
        T softcap = T.CreateTruncating(d.Softcap);

        ref T queries = ref MemoryMarshal.GetReference(query);
        ref T keys = ref MemoryMarshal.GetReference(key);
        ref T values = ref MemoryMarshal.GetReference(value);
        ref T outputs = ref MemoryMarshal.GetReference(output);
        for (int head = 0; head < d.Heads; head++)
        {
            int kvHead = head / d.GroupSize;
            ref T headKeys = ref Unsafe.Add(ref keys, RowOffset(interleaved, kvHead, 0, d.KeyValueHeads, d.KeySeqLen, d.HeadDim));
            ref T headValues = ref Unsafe.Add(ref values, RowOffset(interleaved, kvHead, 0, d.KeyValueHeads, d.KeySeqLen, d.ValueDim));
            for (int row = 0; row < d.SeqLen; row++)
            {
                ref T queryRow = ref Unsafe.Add(ref queries, RowOffset(interleaved, head, row, d.Heads, d.SeqLen, d.HeadDim));
                Span<T> outputRow = MemoryMarshal.CreateSpan(
                    ref Unsafe.Add(ref outputs, RowOffset(interleaved, head, row, d.Heads, d.SeqLen, d.ValueDim)), d.ValueDim);
                Span<T> weightsRow = weights.IsEmpty ? default : weights.Slice((head * d.SeqLen + row) * d.KeySeqLen, d.KeySeqLen);
                int keyCount = causalOffset is int offset ? SoftmaxRow.CausalKeyCount(row, offset, keyLimit) : keyLimit;

                // A fully masked row attends nothing: weights 0 and an output row of 0, never NaN.
                outputRow.Clear();
                weightsRow.Clear();
                if (keyCount == 0)
                {
                    continue;
                }

                // Scores of the attended keys only: masked keys' rows are never read.
                Span<T> rowScores = scores[..keyCount];
                for (int j = 0; j < keyCount; j++)
                {
                    ref T keyRow = ref Unsafe.Add(ref headKeys, j * keyStride);
                    rowScores[j] = scale * (gaussian
                        ? RowOps.SquaredDistance(ref queryRow, ref keyRow, d.HeadDim)
                        : RowOps.Dot(ref queryRow, ref keyRow, d.HeadDim));
                }

                T normalizer = SoftmaxRow.Exponentiate(rowScores, softcap);

                // Weighted sum of value rows, normalised once at the end.
                ref T outputStart = ref MemoryMarshal.GetReference(outputRow);
                for (int j = 0; j < keyCount; j++)
                {
                    RowOps.AddScaled(ref outputStart, ref Unsafe.Add(ref headValues, j * valueStride), rowScores[j], d.ValueDim);
                }

                VectorMath.Multiply<T>(outputRow, normalizer, outputRow);
                if (!weightsRow.IsEmpty)
                {
                    VectorMath.Multiply<T>(rowScores, normalizer, weightsRow);
                }
            }
        }
    }

    /// <summary>Where row <paramref name="row"/> of head <paramref name="head"/> starts, in either layout.</summary>
    private static int RowOffset(bool interleaved, int head, int row, int heads, int rows, int width)
        => interleaved ? (row * heads + head) * width : (head * rows + row) * width;
}
