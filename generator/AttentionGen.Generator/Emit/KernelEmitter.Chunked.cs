using System.Collections.Generic;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

/// <summary>
/// <see cref="KeyStrategy.Chunked"/> and <see cref="KeyStrategy.FoldedDecode"/>: the keys chunk by chunk, each chunk
/// transposed and every block of rows scored against it, its softmax carried on from the chunks before (running maximum
/// and sum) and its output rows rescaled and added to; at the end each output row is divided by its sum. A folded decode
/// step's blocks are a key/value group's query heads, one query row each, so the group's keys are read once.
/// </summary>
internal static partial class KernelEmitter
{
    /// <summary>
    /// Whether the chunked path keeps each row's scores in its weights row, to turn them into probabilities at the end: the
    /// weights row has room for every score, and the scores need not be computed again. Not for Half, which would round them.
    /// </summary>
    private static bool KeepsScoresInWeights(KernelSpec spec) => !IsHalf(spec);

    private static void WriteChunkedHead(CodeWriter w, KernelSpec spec, string limit)
    {
        string t = spec.ComputeName;
        bool fold = spec.FoldsHeads;
        string RowPosition(string row) => fold ? "0" : row;
        string PrefixKeyCount(string row) => spec.IsCausal ? $"SoftmaxRow.CausalKeyCount({RowPosition(row)}, causalOffset, {limit})" : limit;
        // One past a row's last attended key: its prefix masks', the window's end if sooner.
        string RowKeyCount(string row) => spec.HasRightWindow
            ? $"KeyWindow.End({RowPosition(row)}, causalOffset, RightWindow, {PrefixKeyCount(row)})"
            : PrefixKeyCount(row);
        string RowFirstKey(string row) => $"KeyWindow.First({RowPosition(row)}, causalOffset, LeftWindow)";
        // A block row's query, output and weights rows: a row of this head, or (folded) query row 0 of the group's head.
        string QueryAt(string row) => fold ? $"(head + {row}) * QueryHeadStride" : $"head * QueryHeadStride + {row} * QueryRowStride";
        string OutputAt(string row) => fold ? $"(head + {row}) * OutputHeadStride" : $"head * OutputHeadStride + {row} * OutputRowStride";
        string WeightsAt(string row) => fold ? $"(head + {row}) * KeySeqLen" : $"(head * SeqLen + {row}) * KeySeqLen";
        string rowCount = fold ? "groupRows" : "SeqLen";
        if (fold)
        {
            w.Line("int groupRows = groupEnd - head;");
        }

        if (KeepsScoresInWeights(spec))
        {
            w.Line("// Probabilities asked for: each row's scores wait in its weights row until its maximum and sum are known.");
            w.Line("bool keepScores = !weights.IsEmpty && stage == AttentionScoreStage.Probabilities;");
        }

        w.Line("// The output rows start at 0; each chunk of keys rescales them and adds its share (an online softmax).");
        if (IsHalf(spec))
        {
            w.Line("outputRows.Clear();");
        }
        else
        {
            using (w.Block($"for (int row = 0; row < {rowCount}; row++)"))
            {
                w.Line($"CreateSpan(ref Add(ref outputs, {OutputAt("row")}), ValueDim).Clear();");
            }
        }

        if (KeepsScoresInWeights(spec) && spec.MasksPerKey)
        {
            w.Line();
            using (w.Block("if (keepScores)"))
            {
                w.Line("// Keys a mask hides are never scored: their kept scores are −∞ from the start.");
                using (w.Block($"for (int row = 0; row < {rowCount}; row++)"))
                {
                    w.Line($"weights.Slice({WeightsAt("row")}, {RowKeyCount("row")}).Fill({t}.NegativeInfinity);");
                }
            }

            w.Line();
        }

        if (spec.Sinks)
        {
            w.Line("// The sink joins each row's softmax as a key with no value row: the running maximum and sum start from it.");
            using (w.Block($"for (int row = 0; row < {rowCount}; row++)"))
            {
                w.Line($"{t} sink = {SinkOf(spec, fold ? "head + row" : "head")};");
                w.Line("runningMax[row] = sink;");
                w.Line($"runningSum[row] = {t}.IsNegativeInfinity(sink) ? {spec.Literal(0)} : {spec.Literal(1)};");
            }
        }
        else
        {
            w.Line($"runningMax.Fill({t}.NegativeInfinity);");
            w.Line("runningSum.Clear();");
        }
        w.Line("// The keys some row may attend; the rest are never read.");
        w.Line($"int headKeyCount = {RowKeyCount("SeqLen - 1")};");
        string firstChunk = "0";
        if (spec.HasWindow)
        {
            w.Line("// The first row's window starts where the keys any row attends start.");
            w.Line($"int headFirstKey = Math.Min({RowFirstKey("0")}, headKeyCount);");
            firstChunk = "headFirstKey";
        }

        if (spec.IsGaussian)
        {
            w.Line("// Whether a block may take the shifted form depends on every key's norm: all are known before the first chunk.");
            w.Line(spec.HasWindow
                ? "largestKeyNorm = KeyTiles.LargestSquaredNorm(ref Add(ref headKeys, headFirstKey * KeyRowStride), KeyRowStride, headKeyCount - headFirstKey, HeadDim, AffinityFactor);"
                : "largestKeyNorm = KeyTiles.LargestSquaredNorm(ref headKeys, KeyRowStride, headKeyCount, HeadDim, AffinityFactor);");
        }

        using (w.Block($"for (int chunkStart = {firstChunk}; chunkStart < headKeyCount; chunkStart += KeyChunk)"))
        {
            w.Line("int chunkKeys = Math.Min(KeyChunk, headKeyCount - chunkStart);");
            w.Line($"ref {spec.ElementName} chunkKeysStart = ref Add(ref headKeys, chunkStart * KeyRowStride);");
            w.Line($"ref {spec.ElementName} chunkValues = ref Add(ref headValues, chunkStart * ValueRowStride);");
            if (IsHalf(spec))
            {
                w.Line("// The chunk's keys transposed and its value rows, widened to float.");
                w.Line("KeyTiles.Transpose(ref chunkKeysStart, KeyRowStride, chunkKeys, HeadDim, keysT, KeyTileStride, keyRows);");
                w.Line("HalfConversion.WidenRows(ref chunkValues, ValueRowStride, chunkKeys, ValueDim, widenedValues);");
            }
            else
            {
                w.Line("// The chunk's keys transposed, its value rows asked for meanwhile: over a long cache both stream from memory at once.");
                w.Line("KeyTiles.Transpose(");
                w.Indented("ref chunkKeysStart, KeyRowStride, chunkKeys, HeadDim, keysT, KeyTileStride,", "ref chunkValues, ValueRowStride, ValueDim);");
                if (spec.PacksValues)
                {
                    w.Line("KeyTiles.PackRows(ref chunkValues, ValueRowStride, chunkKeys, ValueDim, packedValues);");
                }
            }

            if (spec.IsGaussian)
            {
                w.Line("KeyTiles.HalfSquaredNorms<" + t + ">(keysT, KeyTileStride, HeadDim, chunkKeys, AffinityFactor, keyHalfNorms);");
            }

            string firstBlock = "0", endRow = rowCount;
            if (spec.HasWindow && !fold)
            {
                string right = spec.IsCausal ? "0" : spec.HasRightWindow ? "RightWindow" : "-1";
                w.Line("// Only the rows whose windows may reach this chunk look at it.");
                w.Line($"(int firstRow, int endRow) = KeyWindow.RowsSeeing(chunkStart, chunkStart + chunkKeys, causalOffset, LeftWindow, {right}, SeqLen);");
                (firstBlock, endRow) = ("firstRow", "endRow");
            }

            using (w.Block($"for (int rowBlock = {firstBlock}; rowBlock < {endRow}; rowBlock += RowBlock)"))
            {
                w.Line($"int rows = Math.Min(RowBlock, {rowCount} - rowBlock);");
                if (spec.HasWindow)
                {
                    w.Line("// The sliding window: each row's keys in this chunk, from the first some row attends (a whole vector's start).");
                    using (w.Block("for (int r = 0; r < rows; r++)"))
                    {
                        w.Line($"blockKeyCounts[r] = {RowKeyCount("rowBlock + r")};");
                        w.Line($"blockFirstKeys[r] = {RowFirstKey("rowBlock + r")};");
                    }

                    w.Line("(int blockStart, int blockKeys) = KeyWindow.ToBlock(rows, blockFirstKeys, blockKeyCounts, chunkStart, chunkKeys);");
                    using (w.Block("if (blockKeys == 0)"))
                    {
                        w.Line("continue; // the window hides this whole chunk from the block: nothing is computed");
                    }
                }
                else
                {
                    using (w.Block("for (int r = 0; r < rows; r++)"))
                    {
                        w.Line($"blockKeyCounts[r] = Math.Clamp({RowKeyCount("rowBlock + r")} - chunkStart, 0, chunkKeys);");
                    }
                }

                WriteBlockMask(w, spec, keyAt: "chunkStart");
                if (spec.MasksPerKey)
                {
                    using (w.Block("if (attended.End == 0)"))
                    {
                        w.Line("continue; // the masks hide this whole chunk from the block: nothing is computed");
                    }
                }
                else if (spec.IsCausal && !spec.HasWindow)
                {
                    using (w.Block("if (blockKeyCounts[rows - 1] == 0)"))
                    {
                        w.Line("continue; // the causal mask hides this whole chunk from the block: nothing is computed");
                    }
                }

                w.Line();
                WriteBlockScores(w, spec, QueryAt("rowBlock"), keyAt: spec.HasWindow ? "chunkStart + blockStart" : "chunkStart");
                if (KeepsScoresInWeights(spec))
                {
                    using (w.Block("if (keepScores)"))
                    using (w.Block("for (int r = 0; r < rows; r++)"))
                    {
                        if (spec.HasWindow)
                        {
                            w.Line("int kept = blockKeyCounts[r] - blockFirstKeys[r];");
                            w.Line($"Span<{t}> keptScores = weights.Slice({WeightsAt("rowBlock + r")} + chunkStart + blockStart + blockFirstKeys[r], kept);");
                            w.Line("scores.Slice(r * KeyTileStride + blockFirstKeys[r], kept).CopyTo(keptScores);");
                        }
                        else
                        {
                            w.Line($"Span<{t}> keptScores = weights.Slice({WeightsAt("rowBlock + r")} + chunkStart, blockKeyCounts[r]);");
                            w.Line("scores.Slice(r * KeyTileStride, blockKeyCounts[r]).CopyTo(keptScores);");
                        }
                    }
                }

                w.Line("// The softmax carried on from the chunks before: exponentials against each row's running maximum.");
                var exponentiate = new List<string> { "ref blockScores", "KeyTileStride", "rows", "blockKeyCounts", "runningMax.Slice(rowBlock)", "runningSum.Slice(rowBlock)", "blockScales" };
                if (spec.HasWindow)
                {
                    exponentiate.Insert(3, "blockFirstKeys"); // the lanes before a row's window stay out of its exponentials
                }

                if (spec.MaskPassFindsMaxima)
                {
                    exponentiate.Insert(4, "blockMaxima"); // found by the mask pass
                }

                w.List(spec.MaskPassFindsMaxima ? "SoftmaxBlock.ExponentiateChunkFromMaxima" : "SoftmaxBlock.ExponentiateChunk", exponentiate, ";");
                string? packed = IsHalf(spec) ? "widenedValues" : spec.PacksValues ? "packedValues" : null;
                string chunkValues = packed != null ? $"GetReference({packed})" : "chunkValues";
                if (spec.HasWindow)
                {
                    chunkValues = packed != null ? $"Add(ref GetReference({packed}), blockStart * ValueDim)" : "Add(ref chunkValues, blockStart * ValueRowStride)";
                }

                WriteBlockValues(w, spec, chunk: true, OutputAt("rowBlock"), chunkValues);
            }
        }

        w.Line();
        w.Line("// Each output row divided by its sum of exponentials (a row with no keys stays 0), and the weights if asked for.");
        using (w.Block($"for (int row = 0; row < {rowCount}; row++)"))
        {
            w.Line(IsHalf(spec)
                ? "Span<float> outputRow = outputRows.Slice(row * ValueDim, ValueDim);"
                : $"Span<{t}> outputRow = CreateSpan(ref Add(ref outputs, {OutputAt("row")}), ValueDim);");
            w.Line($"{t} normalizer = runningSum[row] == {spec.Literal(0)} ? {spec.Literal(0)} : {spec.Literal(1)} / runningSum[row];");
            w.Line($"VectorMath.Multiply<{t}>(outputRow, normalizer, outputRow);");
            if (IsHalf(spec))
            {
                w.Line($"HalfConversion.Narrow(outputRow, CreateSpan(ref Add(ref outputs, {OutputAt("row")}), ValueDim));");
            }

            using (w.Block("if (!logSumExp.IsEmpty)"))
            {
                string index = fold ? "head + row" : LogSumExpIndex(spec, "head", "row");
                w.Line($"logSumExp[{index}] = SoftmaxRow.LogSumExp(runningMax[row], runningSum[row]);");
            }

            using (w.Block("if (!weights.IsEmpty)"))
            {
                w.Line(RowReference(spec, "queryRow", $"Add(ref queries, {QueryAt("row")})", "HeadDim", "queryScratch"));
                w.Line($"Span<{spec.ElementName}> weightsRow = weights.Slice({WeightsAt("row")}, KeySeqLen);");
                var given = new Dictionary<string, string> { ["max"] = "runningMax[row]", ["keyCount"] = RowKeyCount("row") };
                AddAlibiArguments(given, spec, fold ? "head + row" : "head", fold ? "causalOffset" : "row + causalOffset");
                if (spec.HasWindow)
                {
                    w.Line($"int keyCount = {RowKeyCount("row")};");
                    w.Line($"int firstKey = Math.Min({RowFirstKey("row")}, keyCount);");
                    given["keyCount"] = "keyCount";
                }

                AddMaskRows(given, spec, "row");

                w.Line($"WriteChunkedWeights({string.Join(", ", ChunkedWeightsParameters(spec).ArgumentsWith(given))});");
            }
        }
    }
}
