using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using AttentionGen.Kernels;

namespace AttentionGen;

/// <summary>
/// The generic path's tiled route, for dot-product scores with prefix masks at most and no weights asked for: the
/// generated kernels' scheme with the shape known only at run time. Keys go in chunks transposed on the stack, blocks
/// of four query rows are scored together, and an online softmax carries each row across the chunks.
/// </summary>
public static partial class Attention
{
    private static bool TakesTiledRoute<T>(in AttentionDescriptor d, in RowMasks masks, bool withWeights)
        where T : unmanaged
        => (typeof(T) == typeof(float) || typeof(T) == typeof(double))
            && Vector256.IsHardwareAccelerated
            && d.Score is AttentionScore.ScaledDotProduct or AttentionScore.DotProduct
            && !masks.PerKey
            && !withWeights
            && d.SeqLen * d.GroupSize >= KeyTileShape.MinRowsPerTransposition
            && d.SeqLen <= KeyTileShape.MaxChunkedRows
            && KeyTileShape.Chunk(d.HeadDim, d.KeySeqLen, Unsafe.SizeOf<T>()) >= KeyTileShape.MinChunk;

    private static void RunTiled<T>(in AttentionDescriptor d, ReadOnlySpan<T> query, ReadOnlySpan<T> key, ReadOnlySpan<T> value, Span<T> output, in RowMasks masks)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        const int rowBlockSize = SoftmaxBlock.Rows;
        bool interleaved = d.Layout == AttentionLayout.Interleaved;
        int queryRowStride = interleaved ? d.Heads * d.HeadDim : d.HeadDim;
        int keyRowStride = interleaved ? d.KeyValueHeads * d.KeyDim : d.KeyDim;
        int valueRowStride = interleaved ? d.KeyValueHeads * d.ValueDim : d.ValueDim;
        int outputRowStride = interleaved ? d.Heads * d.ValueDim : d.ValueDim;
        int chunk = KeyTileShape.Chunk(d.HeadDim, d.KeySeqLen, Unsafe.SizeOf<T>());
        int stride = KeyTileShape.Stride(chunk, Unsafe.SizeOf<T>());
        var shape = new RuntimeBlockShape<T>(d.HeadDim, d.ValueDim, queryRowStride, valueRowStride, outputRowStride, stride, T.CreateTruncating(d.Scale));
        T softcap = T.CreateTruncating(d.Softcap);

        // Working memory from this thread's workspace: the stack holds only this method's frame, whatever the shape.
        long bytes = Footprint<T>((long)d.HeadDim * stride) + Footprint<T>(rowBlockSize * stride) + Footprint<int>(rowBlockSize)
            + Footprint<T>(rowBlockSize) + 2 * Footprint<T>(d.SeqLen);
        scoped Scratch scratch = new(AttentionWorkspace.ForCurrentThread(checked((int)bytes)));
        Span<T> keysT = scratch.Take<T>(d.HeadDim * stride);
        Span<T> scores = scratch.Take<T>(rowBlockSize * stride);
        Span<int> keyCounts = scratch.Take<int>(rowBlockSize);
        Span<T> scales = scratch.Take<T>(rowBlockSize);
        Span<T> runningMax = scratch.Take<T>(d.SeqLen);
        Span<T> runningSum = scratch.Take<T>(d.SeqLen);
        ref T queries = ref MemoryMarshal.GetReference(query);
        ref T keys = ref MemoryMarshal.GetReference(key);
        ref T values = ref MemoryMarshal.GetReference(value);
        ref T outputs = ref MemoryMarshal.GetReference(output);
        for (int head = 0; head < d.Heads; head++)
        {
            int kvHead = head / d.GroupSize;
            ref T headKeys = ref Unsafe.Add(ref keys, RowOffset(interleaved, kvHead, 0, d.KeyValueHeads, d.KeySeqLen, d.KeyDim));
            ref T headValues = ref Unsafe.Add(ref values, RowOffset(interleaved, kvHead, 0, d.KeyValueHeads, d.KeySeqLen, d.ValueDim));
            for (int row = 0; row < d.SeqLen; row++)
            {
                output.Slice(RowOffset(interleaved, head, row, d.Heads, d.SeqLen, d.ValueDim), d.ValueDim).Clear();
            }

            runningMax.Fill(T.NegativeInfinity);
            runningSum.Clear();
            int headKeyCount = masks.KeyCount(d.SeqLen - 1); // keys some row may attend; the rest are never read
            for (int chunkStart = 0; chunkStart < headKeyCount; chunkStart += chunk)
            {
                int chunkKeys = Math.Min(chunk, headKeyCount - chunkStart);
                ref T chunkValues = ref Unsafe.Add(ref headValues, chunkStart * valueRowStride);
                KeyTiles.Transpose(ref Unsafe.Add(ref headKeys, chunkStart * keyRowStride), keyRowStride, chunkKeys, d.HeadDim, keysT, stride, ref chunkValues, valueRowStride, d.ValueDim);
                for (int rowBlock = 0; rowBlock < d.SeqLen; rowBlock += rowBlockSize)
                {
                    int rows = Math.Min(rowBlockSize, d.SeqLen - rowBlock);
                    int blockKeys = 0;
                    for (int r = 0; r < rows; r++)
                    {
                        keyCounts[r] = Math.Clamp(masks.KeyCount(rowBlock + r) - chunkStart, 0, chunkKeys);
                        blockKeys = Math.Max(blockKeys, keyCounts[r]);
                    }

                    if (blockKeys == 0)
                    {
                        continue; // the causal mask hides this whole chunk from the block: nothing is computed
                    }

                    ref T blockScores = ref MemoryMarshal.GetReference(scores);
                    ref T blockQueries = ref Unsafe.Add(ref queries, RowOffset(interleaved, head, rowBlock, d.Heads, d.SeqLen, d.HeadDim));
                    BlockKernels.ScoreRows(shape, ref blockQueries, rows, ref MemoryMarshal.GetReference(keysT), blockKeys, ref blockScores);
                    for (int r = 0; r < rows && softcap > T.Zero; r++)
                    {
                        VectorMath.Softcap(scores.Slice(r * stride, keyCounts[r]), softcap);
                    }

                    SoftmaxBlock.ExponentiateChunk(ref blockScores, stride, rows, keyCounts, runningMax[rowBlock..], runningSum[rowBlock..], scales);
                    ref T blockOutputs = ref Unsafe.Add(ref outputs, RowOffset(interleaved, head, rowBlock, d.Heads, d.SeqLen, d.ValueDim));
                    BlockKernels.AddValueBlock(shape, ref blockScores, rows, keyCounts, scales, ref chunkValues, ref blockOutputs);
                }
            }

            // Each output row divided by its sum of exponentials; a row with no keys stays 0.
            for (int row = 0; row < d.SeqLen; row++)
            {
                Span<T> outputRow = output.Slice(RowOffset(interleaved, head, row, d.Heads, d.SeqLen, d.ValueDim), d.ValueDim);
                VectorMath.Multiply<T>(outputRow, runningSum[row] == T.Zero ? T.Zero : T.One / runningSum[row], outputRow);
            }
        }
    }

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
