using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

/// <summary>
/// <see cref="KeyStrategy.SlidingWindow"/>: the rows in order, a block at a time; a chunk of the keys is transposed from
/// the first key a block's windows hold, and again whenever a block's windows move past its end. Every block's keys lie
/// in one chunk, so its softmax is whole (the tiled strategy's block steps) and a key is scored for a block only if one
/// of its rows' windows holds it: about the window's width of keys per row, whatever the sequence's length.
/// </summary>
internal static partial class KernelEmitter
{
    private static void WriteSlidingWindowHead(CodeWriter w, KernelSpec spec, string limit)
    {
        string e = spec.ElementName;
        string prefix(string row) => spec.IsCausal ? $"SoftmaxRow.CausalKeyCount({row}, causalOffset, {limit})" : limit;
        string RowKeyCount(string row) => spec.HasRightWindow ? $"KeyWindow.End({row}, causalOffset, RightWindow, {prefix(row)})" : prefix(row);
        w.Line("// The keys some row may attend; the rest are never read.");
        w.Line($"int headKeyCount = {RowKeyCount("SeqLen - 1")};");
        if (spec.IsGaussian)
        {
            w.Line("// Whether a block may take the expanded form depends on every key's norm: all are known before the first chunk.");
            w.Line("int headFirstKey = Math.Min(KeyWindow.First(0, causalOffset, LeftWindow), headKeyCount);");
            w.Line("largestKeyNorm = KeyTiles.LargestSquaredNorm(ref Add(ref headKeys, headFirstKey * KeyRowStride), KeyRowStride, headKeyCount - headFirstKey, HeadDim, AffinityFactor);");
        }

        w.Line("int chunkStart = 0, chunkKeys = 0; // no chunk transposed yet");
        using (w.Block("for (int rowBlock = 0; rowBlock < SeqLen; rowBlock += RowBlock)"))
        {
            w.Line("int rows = Math.Min(RowBlock, SeqLen - rowBlock);");
            w.Line("// Each row's window among the keys its other masks leave.");
            using (w.Block("for (int r = 0; r < rows; r++)"))
            {
                w.Line($"blockKeyCounts[r] = {RowKeyCount("rowBlock + r")};");
                w.Line("blockFirstKeys[r] = KeyWindow.First(rowBlock + r, causalOffset, LeftWindow);");
            }

            w.Line();
            w.Line("(int blockLow, int blockHigh) = KeyWindow.Span(rows, blockFirstKeys, blockKeyCounts);");
            using (w.Block("if (blockHigh > blockLow && (blockLow < chunkStart || blockHigh > chunkStart + chunkKeys))"))
            {
                w.Line("// The windows have moved past the chunk: the next one starts at this block's first key (a whole vector's start).");
                w.Line("chunkStart = KeyWindow.ChunkStart(blockLow);");
                w.Line("chunkKeys = Math.Min(KeyChunk, headKeyCount - chunkStart);");
                w.Line($"ref {e} chunkKeysStart = ref Add(ref headKeys, chunkStart * KeyRowStride);");
                if (IsHalf(spec))
                {
                    w.Line("KeyTiles.Transpose(ref chunkKeysStart, KeyRowStride, chunkKeys, HeadDim, keysT, KeyTileStride, keyRows);");
                    w.Line("HalfConversion.WidenRows(ref Add(ref headValues, chunkStart * ValueRowStride), ValueRowStride, chunkKeys, ValueDim, widenedValues);");
                }
                else
                {
                    w.Line("KeyTiles.Transpose(ref chunkKeysStart, KeyRowStride, chunkKeys, HeadDim, keysT, KeyTileStride);");
                }

                if (spec.IsGaussian)
                {
                    w.Line("KeyTiles.HalfSquaredNorms<" + spec.ComputeName + ">(keysT, KeyTileStride, HeadDim, chunkKeys, AffinityFactor, keyHalfNorms);");
                }
            }

            w.Line();
            w.Line("// Each row's keys relative to the block's first scored key, chunkStart + blockStart.");
            w.Line("(int blockStart, int blockKeys) = KeyWindow.ToBlock(rows, blockFirstKeys, blockKeyCounts, chunkStart, chunkKeys);");
            w.Line();
            WriteBlockScores(w, spec, "head * QueryHeadStride + rowBlock * QueryRowStride", keyAt: "chunkStart + blockStart");
            w.Line("// Softmax, stable, of the block's rows together; normalising is folded into the value sums.");
            w.Line("SoftmaxBlock.Exponentiate(ref blockScores, KeyTileStride, rows, blockFirstKeys, blockKeyCounts, blockNormalizers, logSumExp.IsEmpty ? default : blockMaxima);");
            w.Line();
            string values = IsHalf(spec)
                ? "Add(ref GetReference(widenedValues), blockStart * ValueDim)"
                : "Add(ref headValues, (chunkStart + blockStart) * ValueRowStride)";
            WriteWholeBlockEnd(w, spec, values, keyOrigin: "chunkStart + blockStart");
        }
    }
}
