using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using AttentionGen.Kernels;

namespace AttentionGen;

/// <summary>
/// The generic path's tiled route, for dot-product and Gaussian scores under any mask, with sinks, ALiBi and the
/// log-sum-exp, weights written as probabilities: the
/// generated kernels' scheme and block microkernels with the shape known only at run time. Keys go in chunks transposed
/// into working memory, blocks of <see cref="KeyTileShape.RowBlock"/> query rows are scored together, and an online
/// softmax carries each row across the chunks. Half rows are widened to float on their way in, in vectors.
/// </summary>
public static partial class Attention
{
    private static bool TakesTiledRoute<T>(in AttentionDescriptor d, bool withWeights, AttentionScoreStage weightsStage)
        where T : unmanaged
        => (typeof(T) == typeof(float) || typeof(T) == typeof(double) || typeof(T) == typeof(Half))
            && Vector256.IsHardwareAccelerated
            && (d.Score is AttentionScore.ScaledDotProduct or AttentionScore.DotProduct || IsTileableGaussian<T>(d))
            && !d.HasWindow
            && (!withWeights || KeepsScoresInWeights<T>(weightsStage))
            && d.SeqLen * d.GroupSize >= KeyTileShape.MinRowsPerTransposition
            && d.SeqLen <= KeyTileShape.MaxChunkedRows
            && KeyTileShape.Chunk(d.HeadDim, d.KeySeqLen, ComputeSize<T>()) >= KeyTileShape.MinChunk;

    /// <summary>
    /// The Gaussian score, in its shifted form (<see cref="GaussianShift"/>), with no softcap (which would not cancel the
    /// shift); over Half, with its keys in one chunk, as the generated kernels keep it (their Half weights need that).
    /// </summary>
    private static bool IsTileableGaussian<T>(in AttentionDescriptor d)
        where T : unmanaged
        => d.Score == AttentionScore.Gaussian
            && d.Softcap == 0
            && (typeof(T) != typeof(Half) || KeyTileShape.Chunk(d.HeadDim, d.KeySeqLen, ComputeSize<T>()) >= d.KeySeqLen);

    /// <summary>
    /// Whether the route writes the weights asked for: the probabilities, each row's scores kept in its weights row chunk by
    /// chunk until its maximum and sum are known, as the generated chunked kernels do. Not Half, which would round them.
    /// </summary>
    private static bool KeepsScoresInWeights<T>(AttentionScoreStage weightsStage)
        where T : unmanaged
        => weightsStage == AttentionScoreStage.Probabilities && typeof(T) != typeof(Half);

    /// <summary>Bytes of the type <typeparamref name="T"/> is computed in: Half is computed in float.</summary>
    private static int ComputeSize<T>()
        where T : unmanaged
        => typeof(T) == typeof(Half) ? sizeof(float) : Unsafe.SizeOf<T>();

    /// <summary>The tiled route for the element type at hand: Half rows widened to float on their way into the blocks.</summary>
    private static void RunTiled<T>(
        in AttentionDescriptor d, ReadOnlySpan<T> query, ReadOnlySpan<T> key, ReadOnlySpan<T> value, Span<T> output, Span<T> weights,
        ReadOnlySpan<T> bias, in RowMasks masks, ReadOnlySpan<T> sinks, Span<float> logSumExp)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(Half))
        {
            RunTiled<Half, float, HalfRows>(
                d, MemoryMarshal.Cast<T, Half>(query), MemoryMarshal.Cast<T, Half>(key), MemoryMarshal.Cast<T, Half>(value), MemoryMarshal.Cast<T, Half>(output),
                default, MemoryMarshal.Cast<T, Half>(bias), masks, MemoryMarshal.Cast<T, Half>(sinks), logSumExp);
        }
        else
        {
            RunTiled<T, T, InPlaceRows<T>>(d, query, key, value, output, weights, bias, masks, sinks, logSumExp);
        }
    }

    /// <summary>
    /// The route's loops; <c>weights</c> is empty, or (not for Half) the probabilities' destination; <c>sinks</c> and
    /// <c>logSumExp</c> are empty when not asked for.
    /// </summary>
    private static void RunTiled<TStore, T, TRows>(
        in AttentionDescriptor d, ReadOnlySpan<TStore> query, ReadOnlySpan<TStore> key, ReadOnlySpan<TStore> value, Span<TStore> output,
        Span<TStore> weights, ReadOnlySpan<TStore> bias, in RowMasks masks, ReadOnlySpan<TStore> sinks, Span<float> logSumExp)
        where TStore : unmanaged, IBinaryFloatingPointIeee754<TStore>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TRows : IRowStorage<TStore, T>
    {
        const int rowBlockSize = SoftmaxBlock.Rows;
        bool interleaved = d.Layout == AttentionLayout.Interleaved;
        int queryRowStride = interleaved ? d.Heads * d.HeadDim : d.HeadDim;
        int keyRowStride = interleaved ? d.KeyValueHeads * d.KeyDim : d.KeyDim;
        int valueRowStride = interleaved ? d.KeyValueHeads * d.ValueDim : d.ValueDim;
        int outputRowStride = interleaved ? d.Heads * d.ValueDim : d.ValueDim;
        int chunk = KeyTileShape.Chunk(d.HeadDim, d.KeySeqLen, Unsafe.SizeOf<T>());
        int stride = KeyTileShape.Stride(chunk, Unsafe.SizeOf<T>());
        // Copied rows (Half widened to float) reach the microkernels packed, a row's width apart; value rows always do.
        bool copies = TRows.Copies;
        // Gaussian: the blocks compute Scale·q·k, less each key's Scale·‖k‖²/2, while the rows' magnitudes allow.
        bool gaussian = d.Score == AttentionScore.Gaussian;
        T exactLimit = T.CreateTruncating(GaussianShift.ExactLimit(d.HeadDim, typeof(T) == typeof(double)));
        var shape = new RuntimeBlockShape<T>(
            d.HeadDim, d.ValueDim, copies ? d.HeadDim : queryRowStride, d.ValueDim, copies ? d.ValueDim : outputRowStride,
            stride, T.CreateTruncating(d.Scale));
        T softcap = T.CreateTruncating(d.Softcap);

        // Working memory from this thread's workspace: the stack holds only this method's frame, whatever the shape.
        // A chunk's values are packed; copied rows add a block's queries, a batch of key rows and the head's output rows.
        int blockQueryLength = copies ? rowBlockSize * d.HeadDim : 0, keyRowsLength = copies ? KeyTileShape.WidenedKeyRows * d.HeadDim : 0;
        int chunkValuesLength = chunk * d.ValueDim, outputRowsLength = copies ? d.SeqLen * d.ValueDim : 0;
        int keyHalfNormsLength = gaussian ? chunk : 0, keyScratchLength = gaussian && copies ? d.HeadDim : 0;
        long bytes = Footprint<T>((long)d.HeadDim * stride) + Footprint<T>(rowBlockSize * stride) + 2 * Footprint<int>(rowBlockSize)
            + 2 * Footprint<T>(rowBlockSize) + 2 * Footprint<T>(d.SeqLen)
            + Footprint<T>(blockQueryLength) + Footprint<T>(keyRowsLength) + Footprint<T>(chunkValuesLength) + Footprint<T>(outputRowsLength)
            + Footprint<T>(keyHalfNormsLength) + Footprint<T>(keyScratchLength);
        scoped Scratch scratch = new(AttentionWorkspace.ForCurrentThread(checked((int)bytes)));
        Span<T> keysT = scratch.Take<T>(d.HeadDim * stride);
        Span<T> scores = scratch.Take<T>(rowBlockSize * stride);
        Span<int> keyCounts = scratch.Take<int>(rowBlockSize);
        Span<int> firstKeys = scratch.Take<int>(rowBlockSize);
        Span<T> scales = scratch.Take<T>(rowBlockSize);
        Span<T> blockMaxima = scratch.Take<T>(rowBlockSize);
        Span<T> runningMax = scratch.Take<T>(d.SeqLen);
        Span<T> runningSum = scratch.Take<T>(d.SeqLen);
        Span<T> blockQueryRows = scratch.Take<T>(blockQueryLength);
        Span<T> keyRows = scratch.Take<T>(keyRowsLength);
        Span<T> chunkValueRows = scratch.Take<T>(chunkValuesLength);
        Span<T> outputRows = scratch.Take<T>(outputRowsLength);
        Span<T> keyHalfNorms = scratch.Take<T>(keyHalfNormsLength);
        Span<T> keyScratch = scratch.Take<T>(keyScratchLength);
        T largestKeyNorm = T.Zero;
        ref TStore queries = ref MemoryMarshal.GetReference(query);
        ref TStore keys = ref MemoryMarshal.GetReference(key);
        ref TStore values = ref MemoryMarshal.GetReference(value);
        for (int head = 0; head < d.Heads; head++)
        {
            int kvHead = head / d.GroupSize;
            ref TStore headKeys = ref Unsafe.Add(ref keys, RowOffset(interleaved, kvHead, 0, d.KeyValueHeads, d.KeySeqLen, d.KeyDim));
            ref TStore headValues = ref Unsafe.Add(ref values, RowOffset(interleaved, kvHead, 0, d.KeyValueHeads, d.KeySeqLen, d.ValueDim));
            for (int row = 0; row < d.SeqLen; row++)
            {
                ComputedRow(copies, output, RowOffset(interleaved, head, row, d.Heads, d.SeqLen, d.ValueDim), outputRows, row, d.ValueDim).Clear();
            }

            // Weights asked for: each row's scores wait in its weights row (−∞ where a mask hides the key) until its maximum
            // and sum are known.
            Span<T> headWeights = MemoryMarshal.Cast<TStore, T>(weights.IsEmpty ? default : weights.Slice(head * d.SeqLen * d.KeySeqLen, d.SeqLen * d.KeySeqLen));
            for (int row = 0; row < d.SeqLen && masks.PerKey && !headWeights.IsEmpty; row++)
            {
                headWeights.Slice(row * d.KeySeqLen, masks.KeyCount(row)).Fill(T.NegativeInfinity);
            }

            // A sink joins each row's softmax as a key with no value row: the running maximum and sum start from it.
            T sink = sinks.IsEmpty ? T.NegativeInfinity : TRows.Widen(sinks[head]);
            runningMax.Fill(sink);
            runningSum.Fill(T.IsNegativeInfinity(sink) ? T.Zero : T.One);
            T alibiSlope = T.CreateTruncating(d.AlibiSlope(head));
            int headKeyCount = masks.KeyCount(d.SeqLen - 1); // keys some row may attend; the rest are never read
            if (gaussian)
            {
                // Whether a block may take the shifted form depends on every key's norm: all are known before the first chunk
                // (Half keys are one chunk, whose tile gives them).
                largestKeyNorm = copies
                    ? T.Zero
                    : KeyTiles.LargestSquaredNorm(ref Unsafe.As<TStore, T>(ref headKeys), keyRowStride, headKeyCount, d.HeadDim, shape.ScoreFactor);
            }

            for (int chunkStart = 0; chunkStart < headKeyCount; chunkStart += chunk)
            {
                int chunkKeys = Math.Min(chunk, headKeyCount - chunkStart);
                ref TStore storedValues = ref Unsafe.Add(ref headValues, chunkStart * valueRowStride);
                TRows.TransposeKeys(
                    ref Unsafe.Add(ref headKeys, chunkStart * keyRowStride), keyRowStride, chunkKeys, d.HeadDim, keysT, stride, keyRows,
                    ref storedValues, valueRowStride, d.ValueDim);
                // The chunk's value rows packed (Half: widened) on cache-line boundaries, as the generated kernels pack them.
                if (!copies)
                {
                    KeyTiles.PackRows(ref Unsafe.As<TStore, T>(ref storedValues), valueRowStride, chunkKeys, d.ValueDim, chunkValueRows);
                }

                ref T chunkValues = ref copies
                    ? ref TRows.ReadRows(ref storedValues, valueRowStride, chunkKeys, d.ValueDim, chunkValueRows)
                    : ref MemoryMarshal.GetReference(chunkValueRows);
                if (gaussian)
                {
                    largestKeyNorm = T.Max(largestKeyNorm, KeyTiles.HalfSquaredNorms<T>(keysT, stride, d.HeadDim, chunkKeys, shape.ScoreFactor, keyHalfNorms));
                }

                for (int rowBlock = 0; rowBlock < d.SeqLen; rowBlock += rowBlockSize)
                {
                    int rows = Math.Min(rowBlockSize, d.SeqLen - rowBlock);
                    int blockKeys = 0;
                    for (int r = 0; r < rows; r++)
                    {
                        keyCounts[r] = Math.Clamp(masks.KeyCount(rowBlock + r) - chunkStart, 0, chunkKeys);
                        blockKeys = Math.Max(blockKeys, keyCounts[r]);
                    }

                    // Boolean and additive masks: the keys each row attends, and whether each row's are a prefix (see BlockMask).
                    BlockMask<TStore> blockMask = masks.PerKey ? masks.Block(bias, head, rowBlock, chunkStart) : default;
                    AttendedBlock attended = masks.PerKey
                        ? blockMask.FindAttended(rows, keyCounts, firstKeys)
                        : new AttendedBlock(0, blockKeys, Prefixes: true);
                    if (attended.End == 0)
                    {
                        continue; // the masks hide this whole chunk from the block: nothing is computed
                    }

                    ref T blockScores = ref MemoryMarshal.GetReference(scores);
                    ref TStore storedQueries = ref Unsafe.Add(ref queries, RowOffset(interleaved, head, rowBlock, d.Heads, d.SeqLen, d.HeadDim));
                    ref T blockQueries = ref TRows.ReadRows(ref storedQueries, queryRowStride, rows, d.HeadDim, blockQueryRows);
                    int scored = attended.End - attended.Start;
                    if (!gaussian)
                    {
                        BlockKernels.ScoreRows(shape, ref blockQueries, rows, ref keysT[attended.Start], scored, ref scores[attended.Start]);
                        for (int r = 0; r < rows && softcap > T.Zero; r++)
                        {
                            VectorMath.Softcap(scores.Slice(r * stride, keyCounts[r]), softcap);
                        }
                    }
                    else if (LargestQueryNorm(shape, ref blockQueries, rows, largestKeyNorm) <= exactLimit)
                    {
                        BlockKernels.ScoreRows(shape, ref blockQueries, rows, ref keysT[attended.Start], scored, ref scores[attended.Start]);
                        for (int r = 0; r < rows; r++)
                        {
                            // Less each key's and the row's half norm: the expanded form is the score itself, which sinks and
                            // the log-sum-exp need (the softmax alone would not notice a shift per row).
                            ref T queryRow = ref Unsafe.Add(ref blockQueries, r * shape.QueryBlockStride);
                            T queryHalfNorm = T.CreateTruncating(0.5) * shape.ScoreFactor * RowOps.Dot(ref queryRow, ref queryRow, shape.HeadDim);
                            VectorMath.Subtract(scores.Slice(r * stride, keyCounts[r]), keyHalfNorms, queryHalfNorm);
                        }
                    }
                    else
                    {
                        // Magnitudes too large for the shifted form to stay exact: this block's scores from the differences q − k.
                        ref TStore chunkKeyRows = ref Unsafe.Add(ref headKeys, chunkStart * keyRowStride);
                        GaussianScoresFromDifferences<TStore, T, TRows>(shape, ref blockQueries, rows, keyCounts, ref chunkKeyRows, keyRowStride, scores, keyScratch);
                    }

                    for (int r = 0; r < rows && alibiSlope != T.Zero; r++)
                    {
                        // ALiBi: −slope · |p − j| for the row's position p and each key j it scored, after the softcap.
                        AlibiBias.Add(scores.Slice(r * stride, keyCounts[r]), alibiSlope, masks.Position(rowBlock + r), chunkStart);
                    }

                    if (masks.PerKey)
                    {
                        // The mask pass finds each row's maximum as it writes the scores: the softmax takes them from it.
                        attended = blockMask.Apply(rows, scores, stride, keyCounts, attended, blockMaxima);
                    }

                    for (int r = 0; r < rows && !headWeights.IsEmpty; r++)
                    {
                        scores.Slice(r * stride, keyCounts[r]).CopyTo(headWeights[((rowBlock + r) * d.KeySeqLen + chunkStart)..]);
                    }

                    if (masks.PerKey)
                    {
                        SoftmaxBlock.ExponentiateChunkFromMaxima(ref blockScores, stride, rows, keyCounts, blockMaxima, runningMax[rowBlock..], runningSum[rowBlock..], scales);
                    }
                    else
                    {
                        SoftmaxBlock.ExponentiateChunk(ref blockScores, stride, rows, keyCounts, runningMax[rowBlock..], runningSum[rowBlock..], scales);
                    }
                    int outputAt = RowOffset(interleaved, head, rowBlock, d.Heads, d.SeqLen, d.ValueDim);
                    ref T blockOutputs = ref MemoryMarshal.GetReference(ComputedRow(copies, output, outputAt, outputRows, rowBlock, d.ValueDim));
                    if (attended.Prefixes)
                    {
                        BlockKernels.AddValueBlock(shape, ref blockScores, rows, keyCounts, scales, ref chunkValues, ref blockOutputs);
                    }
                    else
                    {
                        BlockKernels.AddAttendedValues(shape, ref blockScores, rows, firstKeys, keyCounts, scales, ref chunkValues, ref blockOutputs);
                    }
                }
            }

            // Each output row divided by its sum of exponentials (a row with no keys stays 0), and stored if it was a copy;
            // the kept scores become probabilities.
            for (int row = 0; row < d.SeqLen; row++)
            {
                int outputAt = RowOffset(interleaved, head, row, d.Heads, d.SeqLen, d.ValueDim);
                Span<T> outputRow = ComputedRow(copies, output, outputAt, outputRows, row, d.ValueDim);
                T normalizer = runningSum[row] == T.Zero ? T.Zero : T.One / runningSum[row];
                VectorMath.Multiply<T>(outputRow, normalizer, outputRow);
                TRows.Commit(outputRow, output.Slice(outputAt, d.ValueDim));
                if (!headWeights.IsEmpty)
                {
                    SoftmaxRow.ScoresToProbabilities(headWeights.Slice(row * d.KeySeqLen, d.KeySeqLen), masks.KeyCount(row), runningMax[row], normalizer);
                }

                if (!logSumExp.IsEmpty)
                {
                    logSumExp[LogSumExpIndex(d, head, row)] = SoftmaxRow.LogSumExp(runningMax[row], runningSum[row]);
                }
            }
        }
    }

    /// <summary>
    /// A block's Gaussian scores <c>−Scale·‖q − k‖²/2</c> from the differences, each key row read (widened, for Half) as
    /// its score is formed: for rows too large for the shifted form.
    /// </summary>
    private static void GaussianScoresFromDifferences<TStore, T, TRows>(
        in RuntimeBlockShape<T> shape, ref T queries, int rows, ReadOnlySpan<int> keyCounts, ref TStore keys, int keyRowStride, Span<T> scores,
        Span<T> keyScratch)
        where TStore : unmanaged
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TRows : IRowStorage<TStore, T>
    {
        T factor = shape.ScoreFactor / T.CreateTruncating(-2);
        for (int r = 0; r < rows; r++)
        {
            ref T queryRow = ref Unsafe.Add(ref queries, r * shape.QueryBlockStride);
            for (int j = 0; j < keyCounts[r]; j++)
            {
                ref T keyRow = ref TRows.Read(ref Unsafe.Add(ref keys, j * keyRowStride), shape.HeadDim, keyScratch);
                scores[r * shape.KeyTileStride + j] = factor * RowOps.SquaredDistance(ref queryRow, ref keyRow, shape.HeadDim);
            }
        }
    }

    /// <summary>The largest <c>Scale·‖x‖²</c> among a block's query rows and <paramref name="largestKeyNorm"/>.</summary>
    private static T LargestQueryNorm<T, TShape>(in TShape shape, ref T queries, int rows, T largestKeyNorm)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TShape : struct, IBlockShape<T>
    {
        T largest = largestKeyNorm;
        for (int r = 0; r < rows; r++)
        {
            ref T queryRow = ref Unsafe.Add(ref queries, r * shape.QueryBlockStride);
            largest = T.Max(largest, shape.ScoreFactor * RowOps.Dot(ref queryRow, ref queryRow, shape.HeadDim));
        }

        return largest;
    }

    /// <summary>
    /// Where output row <paramref name="row"/> of a head is computed: in place at <paramref name="offset"/>, or (copied rows)
    /// packed in <paramref name="outputRows"/>, to be stored when it is done.
    /// </summary>
    private static Span<T> ComputedRow<TStore, T>(bool copies, Span<TStore> output, int offset, Span<T> outputRows, int row, int width)
        where TStore : unmanaged
        where T : unmanaged
        => copies ? outputRows.Slice(row * width, width) : MemoryMarshal.Cast<TStore, T>(output.Slice(offset, width));

    /// <summary>The shape the block microkernels work with, as the generic path is given it at run time.</summary>
    private readonly struct RuntimeBlockShape<T>(int headDim, int valueDim, int queryRowStride, int valueRowStride, int outputRowStride, int keyTileStride, T scoreFactor)
        : IBlockShape<T>
    {
        public int HeadDim { get; } = headDim;

        public int ValueDim { get; } = valueDim;

        public int QueryBlockStride { get; } = queryRowStride;

        public int ValueRowStride { get; } = valueRowStride;

        public int OutputBlockStride { get; } = outputRowStride;

        public int KeyTileStride { get; } = keyTileStride;

        public T ScoreFactor { get; } = scoreFactor;
    }
}
