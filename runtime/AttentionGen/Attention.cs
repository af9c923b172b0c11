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
/// shapes put the head inside the row: <c>[SeqLen, Heads·HeadDim]</c> and so on. <c>mask</c>, <c>bias</c> and
/// <c>weights</c> are always <c>[SeqLen, KeySeqLen]</c> (shared by all heads) or <c>[Heads, SeqLen, KeySeqLen]</c>.
/// Allocation-free once a thread has called it: the score row, the indices of the attended keys and, for
/// <see cref="Half"/>, widened copies of the current rows live in the thread's <see cref="AttentionWorkspace"/>, so the
/// stack holds only the frames, whatever the shape.
/// </remarks>
public static partial class Attention
{
    /// <summary>The most stack a call of the generic path uses, whatever the shape: its working memory is in the workspace.</summary>
    public const int StackBytes = KernelMemory.FrameAllowance;

    /// <summary>
    /// Computes <c>softmax(score(Q, K) + mask) · V</c> for every head and query row, writing <paramref name="output"/>
    /// and, when it is not empty, the probabilities (or the scores at <paramref name="weightsStage"/>) to <paramref name="weights"/>.
    /// </summary>
    /// <param name="descriptor">The shape and options; see <see cref="AttentionDescriptor"/>.</param>
    /// <param name="query">Query rows, <see cref="AttentionDescriptor.QueryLength"/> elements.</param>
    /// <param name="key">Key rows, <see cref="AttentionDescriptor.KeyLength"/> elements.</param>
    /// <param name="value">Value rows, <see cref="AttentionDescriptor.ValueLength"/> elements.</param>
    /// <param name="output">Receives the output rows, <see cref="AttentionDescriptor.OutputLength"/> elements.</param>
    /// <param name="weights">Empty, or receives <c>[Heads, SeqLen, KeySeqLen]</c> values, <see cref="AttentionDescriptor.WeightsLength"/> elements.</param>
    /// <param name="causalOffset">With <see cref="AttentionMask.Causal"/>: key <c>j</c> is masked for row <c>i</c> when <c>j &gt; i + causalOffset</c>.</param>
    /// <param name="validKeys">With <see cref="AttentionMask.KeyPadding"/>: keys <c>j &gt;= validKeys</c> are masked; <c>0 … KeySeqLen</c>.</param>
    /// <param name="mask">With <see cref="AttentionMask.Boolean"/>: <c>true</c> = may attend.</param>
    /// <param name="bias">With <see cref="AttentionMask.Additive"/>: added to the scores after the softcap; <c>−∞</c> masks the key.</param>
    /// <param name="weightsStage">What <paramref name="weights"/> receives; the probabilities unless told otherwise.</param>
    /// <param name="queryProjection">With <see cref="AttentionScore.Additive"/>: <c>W_q</c>, <c>[HiddenDim, HeadDim]</c>.</param>
    /// <param name="keyProjection">With <see cref="AttentionScore.Additive"/>: <c>W_k</c>, <c>[HiddenDim, KeyDim]</c>.</param>
    /// <param name="scoreVector">With <see cref="AttentionScore.Additive"/>: <c>w</c>, <c>[HiddenDim]</c>; the score is <c>Scale · w·tanh(W_q q + W_k k)</c>.</param>
    /// <param name="sinks">With <see cref="AttentionDescriptor.Sinks"/>: one logit per query head, <c>[Heads]</c>, in each row's softmax denominator.</param>
    /// <exception cref="ArgumentException">A span has the wrong length, an output overlaps an input, a mask input is given without its mask, or the descriptor is out of range.</exception>
    /// <exception cref="NotSupportedException">The element type or score is not supported by this path.</exception>
    public static void Compute<T>(
        in AttentionDescriptor descriptor,
        ReadOnlySpan<T> query,
        ReadOnlySpan<T> key,
        ReadOnlySpan<T> value,
        Span<T> output,
        Span<T> weights = default,
        int causalOffset = 0,
        int validKeys = -1,
        ReadOnlySpan<bool> mask = default,
        ReadOnlySpan<T> bias = default,
        AttentionScoreStage weightsStage = AttentionScoreStage.Probabilities,
        ReadOnlySpan<T> queryProjection = default,
        ReadOnlySpan<T> keyProjection = default,
        ReadOnlySpan<T> scoreVector = default,
        ReadOnlySpan<T> sinks = default)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Compute(descriptor, query, key, value, output, weights, default, causalOffset, validKeys, mask, bias, weightsStage, queryProjection, keyProjection, scoreVector, sinks);

    /// <summary>
    /// Computes <c>softmax(score(Q, K) + mask) · V</c> as <c>Compute</c> does, and each output row's log-sum-exp,
    /// <c>lse = m + log(Σ exp(s − m))</c> over its attended keys (and its sink): attention over key ranges computed apart
    /// merges exactly with <see cref="MergePartials{T}"/>.
    /// </summary>
    /// <param name="descriptor">The shape and options; see <see cref="AttentionDescriptor"/>.</param>
    /// <param name="query">Query rows, <see cref="AttentionDescriptor.QueryLength"/> elements.</param>
    /// <param name="key">Key rows, <see cref="AttentionDescriptor.KeyLength"/> elements.</param>
    /// <param name="value">Value rows, <see cref="AttentionDescriptor.ValueLength"/> elements.</param>
    /// <param name="output">Receives the output rows, <see cref="AttentionDescriptor.OutputLength"/> elements.</param>
    /// <param name="logSumExp">Receives one value per output row, in the output's row order (<c>[Heads, SeqLen]</c> head-major,
    /// <c>[SeqLen, Heads]</c> interleaved), <see cref="AttentionDescriptor.LogSumExpLength"/> elements; <c>−∞</c> for a row with
    /// no key and no sink.</param>
    /// <param name="causalOffset">Query row <c>i</c> sits at position <c>i + causalOffset</c> (causal mask, window).</param>
    /// <param name="validKeys">With <see cref="AttentionMask.KeyPadding"/>: keys <c>j &gt;= validKeys</c> are masked.</param>
    /// <param name="mask">With <see cref="AttentionMask.Boolean"/>: <c>true</c> = may attend.</param>
    /// <param name="bias">With <see cref="AttentionMask.Additive"/>: added to the scores after the softcap.</param>
    /// <param name="queryProjection">With <see cref="AttentionScore.Additive"/>: <c>W_q</c>.</param>
    /// <param name="keyProjection">With <see cref="AttentionScore.Additive"/>: <c>W_k</c>.</param>
    /// <param name="scoreVector">With <see cref="AttentionScore.Additive"/>: <c>w</c>.</param>
    /// <param name="sinks">With <see cref="AttentionDescriptor.Sinks"/>: one logit per query head.</param>
    /// <exception cref="ArgumentException">As for <c>Compute</c>, or <paramref name="logSumExp"/> has the wrong length.</exception>
    /// <exception cref="NotSupportedException">The element type or score is not supported by this path.</exception>
    public static void ComputeWithLogSumExp<T>(
        in AttentionDescriptor descriptor,
        ReadOnlySpan<T> query,
        ReadOnlySpan<T> key,
        ReadOnlySpan<T> value,
        Span<T> output,
        Span<float> logSumExp,
        int causalOffset = 0,
        int validKeys = -1,
        ReadOnlySpan<bool> mask = default,
        ReadOnlySpan<T> bias = default,
        ReadOnlySpan<T> queryProjection = default,
        ReadOnlySpan<T> keyProjection = default,
        ReadOnlySpan<T> scoreVector = default,
        ReadOnlySpan<T> sinks = default)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        KernelGuard.RequireLength<float>(logSumExp, descriptor.LogSumExpLength, "Heads · SeqLen", nameof(logSumExp));
        Compute(descriptor, query, key, value, output, default, logSumExp, causalOffset, validKeys, mask, bias, AttentionScoreStage.Probabilities,
            queryProjection, keyProjection, scoreVector, sinks);
    }

    private static void Compute<T>(
        in AttentionDescriptor descriptor,
        ReadOnlySpan<T> query,
        ReadOnlySpan<T> key,
        ReadOnlySpan<T> value,
        Span<T> output,
        Span<T> weights,
        Span<float> logSumExp,
        int causalOffset,
        int validKeys,
        ReadOnlySpan<bool> mask,
        ReadOnlySpan<T> bias,
        AttentionScoreStage weightsStage,
        ReadOnlySpan<T> queryProjection,
        ReadOnlySpan<T> keyProjection,
        ReadOnlySpan<T> scoreVector,
        ReadOnlySpan<T> sinks)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        StackGuard.Ensure(StackBytes); // an exception rather than an overflow when too little stack is left
        descriptor.Validate();
        KernelGuard.RequireDefined(weightsStage, nameof(weightsStage));
        if (descriptor.Score == AttentionScore.Additive)
        {
            KernelGuard.RequireLength(queryProjection, descriptor.HiddenDim * descriptor.HeadDim, "[HiddenDim, HeadDim]", nameof(queryProjection));
            KernelGuard.RequireLength(keyProjection, descriptor.HiddenDim * descriptor.KeyDim, "[HiddenDim, KeyDim]", nameof(keyProjection));
            KernelGuard.RequireLength(scoreVector, descriptor.HiddenDim, "[HiddenDim]", nameof(scoreVector));
        }
        else
        {
            KernelGuard.RequireAbsent(queryProjection, nameof(queryProjection), "an additive score");
            KernelGuard.RequireAbsent(keyProjection, nameof(keyProjection), "an additive score");
            KernelGuard.RequireAbsent(scoreVector, nameof(scoreVector), "an additive score");
        }

        if (descriptor.Sinks)
        {
            KernelGuard.RequireLength(sinks, descriptor.Heads, "[Heads]", nameof(sinks));
        }
        else
        {
            KernelGuard.RequireAbsent(sinks, nameof(sinks), nameof(AttentionDescriptor.Sinks));
        }

        KernelGuard.RequireLength(query, descriptor.QueryLength, descriptor.Heads, descriptor.SeqLen, descriptor.HeadDim, nameof(query));
        KernelGuard.RequireLength(key, descriptor.KeyLength, descriptor.KeyValueHeads, descriptor.KeySeqLen, descriptor.KeyDim, nameof(key));
        KernelGuard.RequireLength(value, descriptor.ValueLength, descriptor.KeyValueHeads, descriptor.KeySeqLen, descriptor.ValueDim, nameof(value));
        KernelGuard.RequireLength<T>(output, descriptor.OutputLength, descriptor.Heads, descriptor.SeqLen, descriptor.ValueDim, nameof(output));
        var masks = new RowMasks(descriptor, mask, validKeys, causalOffset, bias.Length);
        if ((descriptor.Mask & AttentionMask.Additive) == 0)
        {
            KernelGuard.RequireAbsent(bias, nameof(bias), nameof(AttentionMask.Additive));
        }
        KernelGuard.RequireDisjoint<T>(output, query, nameof(output), nameof(query));
        KernelGuard.RequireDisjoint<T>(output, key, nameof(output), nameof(key));
        KernelGuard.RequireDisjoint<T>(output, value, nameof(output), nameof(value));
        KernelGuard.RequireDisjoint<T>(output, bias, nameof(output), nameof(bias));
        KernelGuard.RequireDisjoint<T>(output, queryProjection, nameof(output), nameof(queryProjection));
        KernelGuard.RequireDisjoint<T>(output, keyProjection, nameof(output), nameof(keyProjection));
        KernelGuard.RequireDisjoint<T>(output, scoreVector, nameof(output), nameof(scoreVector));
        KernelGuard.RequireDisjoint<T>(output, sinks, nameof(output), nameof(sinks));
        if (!weights.IsEmpty)
        {
            KernelGuard.RequireLength<T>(weights, descriptor.WeightsLength, descriptor.Heads, descriptor.SeqLen, descriptor.KeySeqLen, nameof(weights));
            KernelGuard.RequireDisjoint<T>(weights, query, nameof(weights), nameof(query));
            KernelGuard.RequireDisjoint<T>(weights, key, nameof(weights), nameof(key));
            KernelGuard.RequireDisjoint<T>(weights, value, nameof(weights), nameof(value));
            KernelGuard.RequireDisjoint<T>(weights, bias, nameof(weights), nameof(bias));
            KernelGuard.RequireDisjoint<T>(weights, output, nameof(weights), nameof(output));
        }

        if (TakesTiledRoute<T>(descriptor, !weights.IsEmpty, weightsStage))
        {
            RunTiled(descriptor, query, key, value, output, weights, bias, masks, sinks, logSumExp);
        }
        else if (typeof(T) == typeof(float) || typeof(T) == typeof(double))
        {
            var additive = new AdditiveInputs<T>(queryProjection, keyProjection, scoreVector);
            Run<T, T, InPlaceRows<T>>(descriptor, query, key, value, output, weights, bias, masks, weightsStage, additive, sinks, logSumExp);
        }
        else if (typeof(T) == typeof(Half))
        {
            Run<Half, float, HalfRows>(
                descriptor,
                MemoryMarshal.Cast<T, Half>(query),
                MemoryMarshal.Cast<T, Half>(key),
                MemoryMarshal.Cast<T, Half>(value),
                MemoryMarshal.Cast<T, Half>(output),
                MemoryMarshal.Cast<T, Half>(weights),
                MemoryMarshal.Cast<T, Half>(bias),
                masks,
                weightsStage,
                new AdditiveInputs<Half>(
                    MemoryMarshal.Cast<T, Half>(queryProjection), MemoryMarshal.Cast<T, Half>(keyProjection), MemoryMarshal.Cast<T, Half>(scoreVector)),
                MemoryMarshal.Cast<T, Half>(sinks),
                logSumExp);
        }
        else
        {
            throw new NotSupportedException($"The generic path supports float, double and Half, not {typeof(T).Name}.");
        }
    }

    private static void Run<TStore, T, TRows>(
        in AttentionDescriptor d,
        ReadOnlySpan<TStore> query,
        ReadOnlySpan<TStore> key,
        ReadOnlySpan<TStore> value,
        Span<TStore> output,
        Span<TStore> weights,
        ReadOnlySpan<TStore> bias,
        RowMasks masks,
        AttentionScoreStage weightsStage,
        AdditiveInputs<TStore> additive,
        ReadOnlySpan<TStore> sinks,
        Span<float> logSumExp)
        where TStore : unmanaged, IBinaryFloatingPointIeee754<TStore>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TRows : IRowStorage<TStore, T>
    {
        bool interleaved = d.Layout == AttentionLayout.Interleaved;
        bool widened = typeof(TStore) != typeof(T);
        int keyStride = interleaved ? d.KeyValueHeads * d.KeyDim : d.KeyDim;
        int valueStride = interleaved ? d.KeyValueHeads * d.ValueDim : d.ValueDim;

        // Working memory from this thread's workspace: the stack holds only this method's frame, whatever the shape.
        bool isAdditive = d.Score == AttentionScore.Additive;
        long bytes = Footprint<T>(d.KeySeqLen)
            + (masks.ListsKeys ? Footprint<int>(d.KeySeqLen) : 0)
            + (widened ? Footprint<T>(d.HeadDim) + Footprint<T>(d.KeyDim) + 2 * Footprint<T>(d.ValueDim) + Footprint<T>(d.KeySeqLen) : 0)
            + (isAdditive
                ? 3 * Footprint<T>(d.HiddenDim) + 2 * Footprint<T>((long)d.KeySeqLen * d.HiddenDim) + 2 * Footprint<bool>(d.KeySeqLen)
                    + Footprint<T>((long)d.HiddenDim * d.HeadDim) + Footprint<T>((long)d.HiddenDim * d.KeyDim)
                : 0);
        scoped Scratch scratch = new(AttentionWorkspace.ForCurrentThread(checked((int)bytes)));
        Span<T> scores = scratch.Take<T>(d.KeySeqLen);
        Span<int> attended = masks.ListsKeys ? scratch.Take<int>(d.KeySeqLen) : default;
        Span<T> queryScratch = widened ? scratch.Take<T>(d.HeadDim) : default;
        Span<T> keyScratch = widened ? scratch.Take<T>(d.KeyDim) : default;
        var projections = new ProjectedRows<TStore, T, TRows>(
            additive,
            isAdditive ? scratch.Take<T>(d.HiddenDim) : default,
            isAdditive ? scratch.Take<T>(d.KeySeqLen * d.HiddenDim) : default,
            isAdditive ? scratch.Take<bool>(d.KeySeqLen) : default,
            isAdditive ? scratch.Take<T>(d.HiddenDim) : default,
            isAdditive ? scratch.Take<T>(d.HiddenDim * d.HeadDim) : default,
            isAdditive ? scratch.Take<T>(d.HiddenDim * d.KeyDim) : default,
            new AdditiveExponentials<T>(
                isAdditive ? scratch.Take<T>(d.HiddenDim) : default,
                isAdditive ? scratch.Take<T>(d.KeySeqLen * d.HiddenDim) : default,
                isAdditive ? scratch.Take<bool>(d.KeySeqLen) : default));
        var scorer = new Scorer<T>(d, ref projections.ScoreVector);
        Span<T> valueScratch = widened ? scratch.Take<T>(d.ValueDim) : default;
        Span<T> outputScratch = widened ? scratch.Take<T>(d.ValueDim) : default;
        Span<T> weightsScratch = widened ? scratch.Take<T>(d.KeySeqLen) : default;

        ref TStore queries = ref MemoryMarshal.GetReference(query);
        ref TStore keys = ref MemoryMarshal.GetReference(key);
        ref TStore values = ref MemoryMarshal.GetReference(value);
        for (int head = 0; head < d.Heads; head++)
        {
            int kvHead = head / d.GroupSize;
            T sink = sinks.IsEmpty ? T.NegativeInfinity : TRows.Widen(sinks[head]); // the head's sink logit, or none
            T alibiSlope = T.CreateTruncating(d.AlibiSlope(head));
            ref TStore headKeys = ref Unsafe.Add(ref keys, RowOffset(interleaved, kvHead, 0, d.KeyValueHeads, d.KeySeqLen, d.KeyDim));
            if (head % d.GroupSize == 0)
            {
                projections.StartHead(); // a new key/value head: the group's query heads share its projected keys
            }
            ref TStore headValues = ref Unsafe.Add(ref values, RowOffset(interleaved, kvHead, 0, d.KeyValueHeads, d.KeySeqLen, d.ValueDim));
            for (int row = 0; row < d.SeqLen; row++)
            {
                ref T queryRow = ref projections.Query(ref TRows.Read(
                    ref Unsafe.Add(ref queries, RowOffset(interleaved, head, row, d.Heads, d.SeqLen, d.HeadDim)), d.HeadDim, queryScratch), d.HeadDim);
                Span<TStore> storedOutputRow = output.Slice(RowOffset(interleaved, head, row, d.Heads, d.SeqLen, d.ValueDim), d.ValueDim);
                Span<T> outputRow = TRows.Writable(storedOutputRow, outputScratch);
                Span<TStore> storedWeightsRow = weights.IsEmpty ? default : weights.Slice((head * d.SeqLen + row) * d.KeySeqLen, d.KeySeqLen);
                Span<T> weightsRow = TRows.Writable(storedWeightsRow, weightsScratch);
                ReadOnlySpan<bool> maskRow = masks.MaskRow(head, row);
                ReadOnlySpan<TStore> biasRow = masks.BiasRow(bias, head, row);
                int firstKey = masks.FirstKey(row);
                int keyCount = masks.KeyCount(row);
                T max = sink, sum = T.IsNegativeInfinity(sink) ? T.Zero : T.One; // a row with no key: the sink alone

                if (isAdditive)
                {
                    // The attended keys projected (each the first time a row attends it), then every key's score at once.
                    if (masks.ListsKeys)
                    {
                        for (int j = firstKey; j < keyCount; j++)
                        {
                            if (!IsHidden<TStore, T, TRows>(maskRow, biasRow, j))
                            {
                                projections.Key(j, ref Unsafe.Add(ref headKeys, j * keyStride), d.KeyDim, keyScratch);
                            }
                        }
                    }
                    else
                    {
                        projections.ProjectPrefix(keyCount, ref headKeys, keyStride, d.KeyDim, keyScratch);
                    }

                    projections.ScoreKeys(scorer, scores[..keyCount]);
                }

                // Scores of the attended keys only: masked keys' rows, and those outside the window, are never read. A row of
                // a prefix of the keys whose additive scores the exponentials all gave has them in place already.
                int count = 0;
                if (!masks.ListsKeys && projections.HasExponentialScores(keyCount))
                {
                    count = keyCount;
                }
                else
                {
                    for (int j = firstKey; j < keyCount; j++)
                    {
                        if (IsHidden<TStore, T, TRows>(maskRow, biasRow, j))
                        {
                            continue;
                        }

                        scores[count] = projections.HasExponentialScore(j)
                            ? scores[j]
                            : scorer.Score(ref queryRow, ref projections.Key(j, ref Unsafe.Add(ref headKeys, j * keyStride), d.KeyDim, keyScratch));
                        if (masks.ListsKeys)
                        {
                            attended[count] = j;
                        }

                        count++;
                    }
                }

                // A fully masked row attends nothing: weights 0 and an output row of 0, never NaN.
                outputRow.Clear();
                Span<T> rowScores = scores[..count];
                Span<int> rowKeys = masks.ListsKeys ? attended[..count] : default;
                if (count > 0)
                {
                    if (scorer.Softcap > T.Zero)
                    {
                        VectorMath.Softcap(rowScores, scorer.Softcap);
                    }

                    if (alibiSlope != T.Zero)
                    {
                        if (masks.ListsKeys)
                        {
                            AlibiBias.Add(rowScores, alibiSlope, masks.Position(row), rowKeys);
                        }
                        else
                        {
                            AlibiBias.Add(rowScores, alibiSlope, masks.Position(row), firstKey);
                        }
                    }

                    for (int n = 0; n < count && !biasRow.IsEmpty; n++)
                    {
                        rowScores[n] += TRows.Widen(biasRow[rowKeys[n]]);
                    }

                    T normalizer = SoftmaxRow.Exponentiate(rowScores, sink, out max);
                    sum = T.One / normalizer;

                    // Weighted sum of value rows, normalised once at the end; Half rows are widened one at a time.
                    if (TRows.Copies)
                    {
                        ref T outputStart = ref MemoryMarshal.GetReference(outputRow);
                        for (int n = 0; n < count; n++)
                        {
                            int j = masks.ListsKeys ? rowKeys[n] : n;
                            ref T valueRow = ref TRows.Read(ref Unsafe.Add(ref headValues, j * valueStride), d.ValueDim, valueScratch);
                            RowOps.AddScaled(ref outputStart, ref valueRow, rowScores[n], d.ValueDim);
                        }
                    }
                    else
                    {
                        RowOps.WeightedSum<T>(rowScores, rowKeys, ref Unsafe.As<TStore, T>(ref headValues), valueStride, outputRow);
                    }

                    VectorMath.Multiply<T>(outputRow, normalizer, outputRow);
                    VectorMath.Multiply<T>(rowScores, normalizer, rowScores);
                }

                TRows.Commit(outputRow, storedOutputRow);
                if (!logSumExp.IsEmpty)
                {
                    logSumExp[LogSumExpIndex(d, head, row)] = SoftmaxRow.LogSumExp(max, sum);
                }

                if (!weightsRow.IsEmpty)
                {
                    if (weightsStage == AttentionScoreStage.Probabilities)
                    {
                        weightsRow.Clear();
                        for (int n = 0; n < count; n++)
                        {
                            weightsRow[masks.ListsKeys ? rowKeys[n] : n] = rowScores[n];
                        }
                    }
                    else
                    {
                        WriteScoresAtStage(
                            weightsRow, weightsStage, scorer, ref queryRow, ref headKeys, keyStride, d.KeyDim, keyScratch, firstKey, keyCount, maskRow, biasRow,
                            alibiSlope, masks.Position(row), ref projections);
                    }

                    TRows.Commit(weightsRow, storedWeightsRow);
                }
            }
        }
    }

    /// <summary>Whether the Boolean or additive mask hides key <paramref name="j"/> of a row.</summary>
    private static bool IsHidden<TStore, T, TRows>(ReadOnlySpan<bool> maskRow, ReadOnlySpan<TStore> biasRow, int j)
        where TStore : unmanaged, IBinaryFloatingPointIeee754<TStore>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TRows : IRowStorage<TStore, T>
        => (!maskRow.IsEmpty && !maskRow[j]) || (!biasRow.IsEmpty && T.IsNegativeInfinity(TRows.Widen(biasRow[j])));

    /// <summary>Every key's score at <paramref name="stage"/>, for inspection; masked keys' rows are read only before the masks apply.</summary>
    private static void WriteScoresAtStage<TStore, T, TRows>(
        Span<T> weightsRow, AttentionScoreStage stage, Scorer<T> scorer, ref T queryRow, ref TStore headKeys, int keyStride, int keyDim,
        Span<T> keyScratch, int firstKey, int keyCount, ReadOnlySpan<bool> maskRow, ReadOnlySpan<TStore> biasRow, T alibiSlope, int position,
        ref ProjectedRows<TStore, T, TRows> projections)
        where TStore : unmanaged, IBinaryFloatingPointIeee754<TStore>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TRows : IRowStorage<TStore, T>
    {
        for (int j = 0; j < weightsRow.Length; j++)
        {
            T bias = biasRow.IsEmpty ? T.Zero : TRows.Widen(biasRow[j]);
            if (stage == AttentionScoreStage.Biased && (j < firstKey || j >= keyCount || (!maskRow.IsEmpty && !maskRow[j]) || T.IsNegativeInfinity(bias)))
            {
                weightsRow[j] = T.NegativeInfinity;
                continue;
            }

            T score = scorer.Score(ref queryRow, ref projections.Key(j, ref Unsafe.Add(ref headKeys, j * keyStride), keyDim, keyScratch));
            if (stage >= AttentionScoreStage.Softcapped && scorer.Softcap > T.Zero)
            {
                score = scorer.Softcap * T.Tanh(score / scorer.Softcap);
            }

            weightsRow[j] = stage == AttentionScoreStage.Biased ? score + bias + AlibiBias.Of(alibiSlope, position, j) : score;
        }
    }

    /// <summary>Where row <paramref name="row"/> of head <paramref name="head"/> starts, in either layout.</summary>
    private static int RowOffset(bool interleaved, int head, int row, int heads, int rows, int width)
        => interleaved ? (row * heads + head) * width : (head * rows + row) * width;

    /// <summary>Where a row's log-sum-exp goes: in the output's row order, as if each row's output were one element wide.</summary>
    private static int LogSumExpIndex(in AttentionDescriptor d, int head, int row)
        => RowOffset(d.Layout == AttentionLayout.Interleaved, head, row, d.Heads, d.SeqLen, 1);

    /// <summary>The score function of a descriptor, in the compute type; for the additive score, of projected rows.</summary>
    private readonly ref struct Scorer<T>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        private readonly AttentionScore _score;
        private readonly T _factor;
        private readonly int _width;
        private readonly ref T _scoreVector;

        public Scorer(in AttentionDescriptor d, ref T scoreVector)
        {
            _score = d.Score;
            _factor = T.CreateTruncating(d.Score == AttentionScore.Gaussian ? -0.5 * d.Scale : d.Scale);
            _width = d.Score == AttentionScore.Additive ? d.HiddenDim : d.HeadDim;
            _scoreVector = ref scoreVector;
            Softcap = T.CreateTruncating(d.Softcap);
        }

        public T Softcap { get; }

        /// <summary>What the raw score (dot product, squared distance, <c>w·tanh</c>) is multiplied by.</summary>
        public T Factor => _factor;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Score(ref T query, ref T key) => _factor * _score switch
        {
            AttentionScore.Gaussian => RowOps.SquaredDistance(ref query, ref key, _width),
            AttentionScore.Additive => RowOps.AdditiveScore(ref query, ref key, ref _scoreVector, _width),
            _ => RowOps.Dot(ref query, ref key, _width),
        };
    }

    /// <summary>The additive score's run-time inputs, as stored.</summary>
    private readonly ref struct AdditiveInputs<TStore>(ReadOnlySpan<TStore> queryProjection, ReadOnlySpan<TStore> keyProjection, ReadOnlySpan<TStore> scoreVector)
    {
        public ReadOnlySpan<TStore> QueryProjection { get; } = queryProjection;

        public ReadOnlySpan<TStore> KeyProjection { get; } = keyProjection;

        public ReadOnlySpan<TStore> ScoreVector { get; } = scoreVector;
    }

    /// <summary>
    /// The rows a score reads: the query and key rows themselves, or for the additive score their projections
    /// <c>W_q q</c> and <c>W_k k</c> — each query projected once per row, each key once per head and only when a row
    /// first attends it, so a masked key is never read.
    /// </summary>
    private ref struct ProjectedRows<TStore, T, TRows>
        where TStore : unmanaged, IBinaryFloatingPointIeee754<TStore>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TRows : IRowStorage<TStore, T>
    {
        private readonly ReadOnlySpan<T> _queryProjectionT;
        private readonly ReadOnlySpan<T> _keyProjectionT;
        private readonly Span<T> _query;
        private readonly Span<T> _keys;
        private readonly Span<bool> _projected;
        private readonly AdditiveExponentials<T> _exponentials;
        private readonly T _scoreVectorSum;
        private bool _queryFits;

        public ProjectedRows(
            AdditiveInputs<TStore> inputs, Span<T> query, Span<T> keys, Span<bool> projected, Span<T> scoreVector,
            Span<T> queryProjectionT, Span<T> keyProjectionT, AdditiveExponentials<T> exponentials)
        {
            // The projections transposed once per call, in the compute type: each row projected is then a sum of columns.
            Projection.Transpose<TStore, T>(inputs.QueryProjection, query.Length, queryProjectionT.Length / Math.Max(1, query.Length), queryProjectionT);
            Projection.Transpose<TStore, T>(inputs.KeyProjection, query.Length, keyProjectionT.Length / Math.Max(1, query.Length), keyProjectionT);
            _queryProjectionT = queryProjectionT;
            _keyProjectionT = keyProjectionT;
            _query = query;
            _keys = keys;
            _projected = projected;
            _exponentials = exponentials;
            ScoreVector = ref scoreVector.IsEmpty
                ? ref Unsafe.NullRef<T>()
                : ref TRows.Read(ref MemoryMarshal.GetReference(inputs.ScoreVector), scoreVector.Length, scoreVector);
            _scoreVectorSum = scoreVector.IsEmpty ? T.Zero : AdditiveTanh.Sum<T>(MemoryMarshal.CreateReadOnlySpan(ref ScoreVector, scoreVector.Length));
        }

        /// <summary>The score vector <c>w</c> in the compute type (a null reference unless additive).</summary>
        public readonly ref T ScoreVector;

        public readonly void StartHead() => _projected.Clear();

        /// <summary>The row the score reads for this query row.</summary>
        public ref T Query(ref T queryRow, int headDim)
        {
            if (_query.IsEmpty)
            {
                return ref queryRow;
            }

            Projection.MultiplyRowTransposed<T>(_queryProjectionT, MemoryMarshal.CreateReadOnlySpan(ref queryRow, headDim), _query);
            _queryFits = AdditiveTanh.Exponentials<T>(_query, _exponentials.Query);
            return ref MemoryMarshal.GetReference(_query);
        }

        /// <summary>
        /// Every key's additive score at once from the exponentials (<see cref="AdditiveTanh.ScoreKeys{T}"/>), in place, when
        /// this query row's could be formed; a key's score there is meaningful where <see cref="HasExponentialScore"/>.
        /// </summary>
        public readonly void ScoreKeys(in Scorer<T> scorer, Span<T> scores)
        {
            if (_queryFits)
            {
                AdditiveTanh.ScoreKeys<T>(_exponentials.Query, _exponentials.Keys, _projected.Length, ref ScoreVector, _scoreVectorSum, scorer.Factor, scores);
            }
        }

        /// <summary>Whether <see cref="ScoreKeys"/> gave key <paramref name="j"/>'s score (it and the query row fit).</summary>
        public readonly bool HasExponentialScore(int j) => !_query.IsEmpty && _queryFits && _exponentials.KeyFits[j];

        /// <summary>Whether <see cref="ScoreKeys"/> gave the scores of keys 0 … <paramref name="keyCount"/> − 1, every one.</summary>
        public readonly bool HasExponentialScores(int keyCount) => !_query.IsEmpty && _queryFits && !_exponentials.KeyFits[..keyCount].Contains(false);

        /// <summary>
        /// Projects keys 0 … <paramref name="keyCount"/> − 1 for a row that attends them all: rows attending a prefix of the
        /// keys leave a prefix projected, so the first key not yet projected is found in one search.
        /// </summary>
        public void ProjectPrefix(int keyCount, ref TStore headKeys, int keyStride, int keyDim, Span<T> keyScratch)
        {
            int first = _projected[..keyCount].IndexOf(false);
            for (int j = first < 0 ? keyCount : first; j < keyCount; j++)
            {
                Key(j, ref Unsafe.Add(ref headKeys, j * keyStride), keyDim, keyScratch);
            }
        }

        /// <summary>The row the score reads for key <paramref name="j"/> stored at <paramref name="keyRow"/>.</summary>
        public readonly ref T Key(int j, ref TStore keyRow, int keyDim, Span<T> keyScratch)
        {
            if (_query.IsEmpty)
            {
                return ref TRows.Read(ref keyRow, keyDim, keyScratch);
            }

            Span<T> projected = _keys.Slice(j * _query.Length, _query.Length);
            if (!_projected[j])
            {
                ref T key = ref TRows.Read(ref keyRow, keyDim, keyScratch);
                Projection.MultiplyRowTransposed<T>(_keyProjectionT, MemoryMarshal.CreateReadOnlySpan(ref key, keyDim), projected);
                _exponentials.KeyFits[j] = AdditiveTanh.KeyExponentials<T>(projected, _exponentials.Keys, _projected.Length, j);
                _projected[j] = true;
            }

            return ref MemoryMarshal.GetReference(projected);
        }
    }

    /// <summary>
    /// The additive score's exponentials <c>e^{2x}</c> of the projected query row and keys (transposed,
    /// <c>[HiddenDim, KeySeqLen]</c>), and which keys have them.
    /// </summary>
    private readonly ref struct AdditiveExponentials<T>(Span<T> query, Span<T> keys, Span<bool> keyFits)
    {
        public Span<T> Query { get; } = query;

        public Span<T> Keys { get; } = keys;

        public Span<bool> KeyFits { get; } = keyFits;
    }

    /// <summary>Bytes of working memory a buffer of <paramref name="count"/> elements takes, aligned as <see cref="Scratch"/> aligns it.</summary>
    private static long Footprint<TElement>(long count)
        where TElement : unmanaged
        => KernelMemory.Footprint(count * Unsafe.SizeOf<TElement>());

    /// <summary>The run-time mask arguments, checked, with the row views the loop needs.</summary>
    private readonly ref struct RowMasks
    {
        private readonly ReadOnlySpan<bool> _mask;
        private readonly int _maskHeadStride;
        private readonly int _biasHeadStride;
        private readonly int _keySeqLen;
        private readonly int _keyLimit;
        private readonly int? _causalOffset;
        private readonly int _positionOffset;
        private readonly int _leftWindow;
        private readonly int _rightWindow;
        private readonly bool _hasBias;

        public RowMasks(in AttentionDescriptor d, ReadOnlySpan<bool> mask, int validKeys, int causalOffset, int biasLength)
        {
            int matrix = d.SeqLen * d.KeySeqLen;
            _keySeqLen = d.KeySeqLen;
            _keyLimit = d.KeySeqLen;
            if ((d.Mask & AttentionMask.KeyPadding) != 0)
            {
                KernelGuard.RequireValidKeys(validKeys, d.KeySeqLen, nameof(validKeys));
                _keyLimit = validKeys;
            }
            else
            {
                KernelGuard.RequireDefault(validKeys, -1, nameof(validKeys), nameof(AttentionMask.KeyPadding));
            }

            if (!d.TakesPositions)
            {
                KernelGuard.RequireDefault(causalOffset, 0, nameof(causalOffset), "Causal, a window or ALiBi");
            }

            if ((d.Mask & AttentionMask.Boolean) != 0)
            {
                _maskHeadStride = KernelGuard.RequireMaskLength(mask, matrix, d.Heads, nameof(mask));
                _mask = mask;
            }
            else
            {
                KernelGuard.RequireAbsent(mask, nameof(mask), nameof(AttentionMask.Boolean));
            }

            if ((d.Mask & AttentionMask.Additive) != 0)
            {
                _biasHeadStride = KernelGuard.RequireMaskLength(biasLength, matrix, d.Heads, "bias");
                _hasBias = true;
            }

            _causalOffset = (d.Mask & AttentionMask.Causal) != 0 ? causalOffset : null;
            _positionOffset = causalOffset;
            _leftWindow = d.LeftWindow;
            _rightWindow = d.RightWindow;
            PerKey = (d.Mask & (AttentionMask.Boolean | AttentionMask.Additive)) != 0;
            ListsKeys = PerKey || d.HasWindow;
        }

        /// <summary>Keys are masked one by one (Boolean or Additive), not only as a prefix.</summary>
        public bool PerKey { get; }

        /// <summary>Whether the row route lists each row's attended keys: per-key masks, or a window that may not start at key 0.</summary>
        public bool ListsKeys { get; }

        /// <summary>One past the last key a row may attend: the causal and padding masks keep a prefix, the window may end it sooner.</summary>
        public int KeyCount(int row)
        {
            int prefix = _causalOffset is int offset ? SoftmaxRow.CausalKeyCount(row, offset, _keyLimit) : _keyLimit;
            return KeyWindow.End(row, _positionOffset, _rightWindow, prefix);
        }

        /// <summary>Where query row <paramref name="row"/> sits: <c>row + causalOffset</c>.</summary>
        public int Position(int row) => row + _positionOffset;

        /// <summary>The first key a row may attend: 0, or the window's start.</summary>
        public int FirstKey(int row) => KeyWindow.First(row, _positionOffset, _leftWindow);

        public ReadOnlySpan<bool> MaskRow(int head, int row)
            => _mask.IsEmpty ? default : _mask.Slice(head * _maskHeadStride + row * _keySeqLen, _keySeqLen);

        public ReadOnlySpan<TStore> BiasRow<TStore>(ReadOnlySpan<TStore> bias, int head, int row)
            => _hasBias ? bias.Slice(head * _biasHeadStride + row * _keySeqLen, _keySeqLen) : default;

        /// <summary>The Boolean and additive masks of a block of a head's rows from <paramref name="row"/>, over keys from <paramref name="keyAt"/>.</summary>
        public BlockMask<TStore> Block<TStore>(ReadOnlySpan<TStore> bias, int head, int row, int keyAt)
            where TStore : unmanaged, IBinaryFloatingPointIeee754<TStore>
            => new(
                _mask.IsEmpty ? default : _mask.Slice(head * _maskHeadStride + row * _keySeqLen + keyAt), _keySeqLen,
                _hasBias ? bias.Slice(head * _biasHeadStride + row * _keySeqLen + keyAt) : default, _keySeqLen);
    }
}
