using System.Collections.Generic;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

internal static partial class KernelEmitter
{
    /// <summary>The parameters of <c>ComputeCore</c> and <c>ValidateArguments</c> that carry the run-time masks, in api.md's order.</summary>
    private static IEnumerable<string> MaskParameters(KernelSpec spec)
    {
        if (spec.HasBooleanMask)
        {
            yield return "global::System.ReadOnlySpan<bool> mask";
        }

        if (spec.HasBias)
        {
            yield return $"global::System.ReadOnlySpan<{spec.ElementName}> bias";
        }

        if (spec.HasKeyPadding)
        {
            yield return "int validKeys";
        }
    }

    /// <summary>Every input parameter, in api.md's order: query, key, value, the masks, <c>causalOffset</c> (if asked), the additive score's.</summary>
    private static List<string> InputParameters(KernelSpec spec, bool withOffset)
    {
        string readOnly = $"global::System.ReadOnlySpan<{spec.ElementName}>";
        var parameters = new List<string> { $"{readOnly} query", $"{readOnly} key", $"{readOnly} value" };
        parameters.AddRange(MaskParameters(spec));
        if (withOffset)
        {
            parameters.Add("int causalOffset");
        }

        parameters.AddRange(ScoreParameters(spec));
        return parameters;
    }

    /// <summary>The additive score's run-time inputs, after the mask parameters and <c>causalOffset</c>.</summary>
    private static IEnumerable<string> ScoreParameters(KernelSpec spec)
    {
        if (spec.IsAdditive)
        {
            yield return $"global::System.ReadOnlySpan<{spec.ElementName}> queryProjection";
            yield return $"global::System.ReadOnlySpan<{spec.ElementName}> keyProjection";
            yield return $"global::System.ReadOnlySpan<{spec.ElementName}> scoreVector";
        }
    }

    /// <summary>Whether <c>head</c> is the first this call computes of its key/value head's group (a range may start mid-group).</summary>
    private const string NewKeyValueHead = "head == firstHead || head % GroupSize == 0";

    /// <summary>The loop over heads and query rows: scores, softmax, value accumulation, and the optional weights.</summary>
    private static void WriteCore(CodeWriter w, KernelSpec spec)
    {
        string span = $"global::System.Span<{spec.ElementName}>";
        List<string> parameters = InputParameters(spec, withOffset: spec.IsCausal);
        parameters.AddRange(new[] { $"{span} output", $"{span} weights", "global::AttentionGen.AttentionScoreStage stage", "int firstHead", "int endHead" });

        w.Line("/// <summary>Runs the kernel on arguments that have passed the checks, for query heads firstHead … endHead − 1.</summary>");
        w.Line(AggressiveInlining);
        w.Open($"private static void ComputeCore({string.Join(", ", parameters)})");
        bool chunked = spec.UsesKeyChunks;
        bool tiled = spec.UsesKeyTiles || chunked;
        WriteScratch(w, spec);
        if (spec.HasBooleanMask)
        {
            w.Line("int maskHeadStride = mask.Length == SeqLen * KeySeqLen ? 0 : SeqLen * KeySeqLen; // shared by all heads, or one per head");
        }

        if (spec.HasBias)
        {
            w.Line("int biasHeadStride = bias.Length == SeqLen * KeySeqLen ? 0 : SeqLen * KeySeqLen; // shared by all heads, or one per head");
        }

        string e = spec.ElementName;
        if (spec.IsAdditive)
        {
            w.Line(RowReference(spec, "scoreVectorStart", $"{MemoryMarshal}.GetReference(scoreVector)", "HiddenDim", "scoreVectorScratch"));
        }

        w.Line($"ref {e} queries = ref {MemoryMarshal}.GetReference(query);");
        w.Line($"ref {e} keys = ref {MemoryMarshal}.GetReference(key);");
        w.Line($"ref {e} values = ref {MemoryMarshal}.GetReference(value);");
        w.Line($"ref {e} outputs = ref {MemoryMarshal}.GetReference(output);");
        if (spec.FoldsHeads)
        {
            w.Line("// One key/value head's group of query heads at a time (or the part of it in this call's range of heads).");
            w.Open("for (int head = firstHead, groupEnd; head < endHead; head = groupEnd)");
            w.Line("int keyValueHead = head / GroupSize;");
            w.Line("groupEnd = global::System.Math.Min(endHead, (keyValueHead + 1) * GroupSize);");
        }
        else
        {
            w.Open("for (int head = firstHead; head < endHead; head++)");
            if (spec.IsGrouped)
            {
                w.Line("int keyValueHead = head / GroupSize;");
            }
        }

        string kvHead = spec.IsGrouped ? "keyValueHead" : "head";
        w.Line($"ref {e} headKeys = ref {Unsafe}.Add(ref keys, {kvHead} * KeyHeadStride);");
        w.Line($"ref {e} headValues = ref {Unsafe}.Add(ref values, {kvHead} * ValueHeadStride);");
        var perKeyCaches = new List<string>();
        if (spec.IsAdditive)
        {
            perKeyCaches.Add("isProjected");
        }

        if (spec.IsGaussian)
        {
            perKeyCaches.Add("hasNorm");
        }

        if (perKeyCaches.Count > 0 && spec.IsGrouped)
        {
            w.Open($"if ({NewKeyValueHead})");
            w.Line("// A new key/value head: its keys' projections and norms are computed afresh; the group's other query heads reuse them.");
            perKeyCaches.ForEach(cache => w.Line($"{cache}.Clear();"));
            w.Close();
        }
        else
        {
            perKeyCaches.ForEach(cache => w.Line($"{cache}.Clear(); // this head's keys are computed afresh"));
        }

        string limit = spec.HasKeyPadding ? "validKeys" : "KeySeqLen";
        if (chunked)
        {
            WriteChunkedHead(w, spec, limit);
        }
        else if (tiled)
        {
            WriteTiledHead(w, spec, limit);
        }
        else
        {
            WriteRows(w, spec, limit);
        }

        w.Close();
        w.Close();
        w.Line();
        WriteWeightsMethod(w, spec);
        if (chunked)
        {
            WriteChunkedWeightsMethod(w, spec);
        }

        if (tiled)
        {
            WriteScoreRows(w, spec);
            WriteAccumulateValueBlock(w, spec, chunk: chunked);
        }

        if (spec.IsAdditive)
        {
            WriteProjectedKeyMethod(w, spec);
        }

        if (spec.IsGaussian)
        {
            WriteKeyHalfNormMethod(w, spec);
        }
    }

    /// <summary>The row-by-row loop of one head: each row's scores, softmax, value sum and weights.</summary>
    private static void WriteRows(CodeWriter w, KernelSpec spec, string limit)
    {
        string t = spec.ComputeName;
        string e = spec.ElementName;
        string span = $"global::System.Span<{spec.ElementName}>";
        string readOnly = $"global::System.ReadOnlySpan<{spec.ElementName}>";
        w.Open("for (int row = 0; row < SeqLen; row++)");
        if (spec.IsAdditive)
        {
            w.Line(RowReference(spec, "queryInput", $"{Unsafe}.Add(ref queries, head * QueryHeadStride + row * QueryRowStride)", "HeadDim", "queryScratch"));
            w.Line($"{Kernels}.Projection.MultiplyRow<{e}, {t}>(queryProjection, {MemoryMarshal}.CreateReadOnlySpan(ref queryInput, HeadDim), projectedQuery);");
            w.Line($"ref {t} queryRow = ref {MemoryMarshal}.GetReference(projectedQuery);");
        }
        else
        {
            w.Line(RowReference(spec, "queryRow", $"{Unsafe}.Add(ref queries, head * QueryHeadStride + row * QueryRowStride)", "HeadDim", "queryScratch"));
        }

        w.Line($"ref {e} outputRow = ref {Unsafe}.Add(ref outputs, head * OutputHeadStride + row * OutputRowStride);");
        w.Line($"{span} weightsRow = weights.IsEmpty ? default : weights.Slice((head * SeqLen + row) * KeySeqLen, KeySeqLen);");
        if (spec.HasBooleanMask)
        {
            w.Line("global::System.ReadOnlySpan<bool> maskRow = mask.Slice(head * maskHeadStride + row * KeySeqLen, KeySeqLen);");
        }

        if (spec.HasBias)
        {
            w.Line($"{readOnly} biasRow = bias.Slice(head * biasHeadStride + row * KeySeqLen, KeySeqLen);");
        }

        string keyLimit = "KeySeqLen";
        if (spec.MasksPrefix)
        {
            w.Line();
            w.Line("// Causal and padding masks keep a prefix of the keys: this row may attend keys 0 … keyCount − 1 and never reads the rest.");
            w.Line(spec.IsCausal ? $"int keyCount = {Kernels}.SoftmaxRow.CausalKeyCount(row, causalOffset, {limit});" : "int keyCount = validKeys;");
            keyLimit = "keyCount";
        }

        w.Line();

        if (spec.IsGaussian)
        {
            w.Line($"{t} largest = Affinity(ref queryRow, ref queryRow); // Scale·‖q‖², then the largest Scale·‖k‖² too");
        }

        string count = keyLimit;
        if (spec.MasksPerKey)
        {
            w.Line("// Scores: one per attended key; a masked key's rows are never read.");
            w.Line("int count = 0;");
            w.Open($"for (int j = 0; j < {keyLimit}; j++)");
            var hidden = new List<string>();
            if (spec.HasBooleanMask)
            {
                hidden.Add("!maskRow[j]");
            }

            if (spec.HasBias)
            {
                hidden.Add($"{t}.IsNegativeInfinity({Widened(spec, "biasRow[j]")})");
            }

            w.Open($"if ({string.Join(" || ", hidden)})");
            w.Line("continue;");
            w.Close();
            WriteScoreAssignment(w, spec, "count");
            w.Line("attended[count++] = j;");
            w.Close();
            count = "count";
        }
        else
        {
            w.Line("// Scores: one per attended key.");
            w.Open($"for (int j = 0; j < {keyLimit}; j++)");
            WriteScoreAssignment(w, spec, "j");
            w.Close();
        }

        if (spec.IsGaussian)
        {
            w.Open("if (largest > GaussianExactLimit)");
            w.Line("// Magnitudes too large for the shifted form to stay exact: score this row from the differences q − k.");
            w.Open($"for (int n = 0; n < {count}; n++)");
            w.Line($"scores[n] = {ScoreOfKey(spec, spec.MasksPerKey ? "attended[n]" : "n")};");
            w.Close();
            w.Close();
        }

        string WeightsCall(string probabilities, string attendedKeys, string normalizer)
            => $"WriteWeights(weightsRow, stage, {probabilities}, " + (spec.MasksPerKey ? attendedKeys + ", " : "") + normalizer + ", ref queryRow, ref headKeys"
                + (spec.MasksPrefix ? ", keyCount" : "") + (spec.HasBooleanMask ? ", maskRow" : "") + (spec.HasBias ? ", biasRow" : "")
                + (IsHalf(spec) ? ", keyScratch" : "") + (spec.IsAdditive ? ", keyProjection, projectedKeys, isProjected, ref scoreVectorStart" : "") + ");";
        if (spec.MasksPrefix || spec.MasksPerKey)
        {
            w.Line();
            w.Open($"if ({count} == 0)");
            w.Line("// Every key is masked: an output row of 0, never NaN, and weights of 0.");
            w.Line($"{MemoryMarshal}.CreateSpan(ref outputRow, ValueDim).Clear();");
            w.Open("if (!weightsRow.IsEmpty)");
            w.Line(WeightsCall("default", "default", spec.Literal(0)));
            w.Close();
            w.Line("continue;");
            w.Close();
        }

        w.Line();
        w.Line($"global::System.Span<{t}> rowScores = scores.Slice(0, {count});");
        if (spec.Softcap > 0)
        {
            w.Line("// Softcap, before any bias.");
            w.Line($"{Kernels}.VectorMath.Softcap(rowScores, Softcap);");
        }

        if (spec.HasBias)
        {
            w.Line("// Bias: the additive mask of each attended key.");
            w.Open("for (int n = 0; n < count; n++)");
            w.Line($"rowScores[n] += {Widened(spec, "biasRow[attended[n]]")};");
            w.Close();
        }

        w.Line("// Softmax, stable (the row maximum is subtracted); normalising is folded into the value sum.");
        w.Line($"{t} normalizer = {Kernels}.SoftmaxRow.Exponentiate(rowScores);");
        w.Line();
        w.Line("// Values: the probability-weighted sum of the attended value rows.");
        string attendedArgument = spec.MasksPerKey ? $"ref {MemoryMarshal}.GetReference(attended), " : "";
        if (IsHalf(spec))
        {
            w.Line($"AccumulateValues(ref {MemoryMarshal}.GetReference(rowScores), {attendedArgument}{count}, ref headValues, normalizer, ref {MemoryMarshal}.GetReference(outputScratch), valueScratch);");
            w.Line($"{Kernels}.HalfConversion.Narrow(outputScratch, {MemoryMarshal}.CreateSpan(ref outputRow, ValueDim));");
        }
        else
        {
            w.Line($"AccumulateValues(ref {MemoryMarshal}.GetReference(rowScores), {attendedArgument}{count}, ref headValues, normalizer, ref outputRow);");
        }

        w.Open("if (!weightsRow.IsEmpty)");
        w.Line(WeightsCall("rowScores", "attended.Slice(0, count)", "normalizer"));
        w.Close();
        w.Close();
    }

    /// <summary>
    /// One head of the chunked path, for keys too many to transpose at once: chunk by chunk, the keys transposed and each
    /// block of rows scored against them, its softmax carried on from the chunks before (running maximum and sum) and
    /// its output rows rescaled and added to; at the end each output row is divided by its sum.
    /// </summary>
    private static void WriteChunkedHead(CodeWriter w, KernelSpec spec, string limit)
    {
        string t = spec.ComputeName;
        bool fold = spec.FoldsHeads;
        string RowKeyCount(string row) => spec.IsCausal ? $"{Kernels}.SoftmaxRow.CausalKeyCount({(fold ? "0" : row)}, causalOffset, {limit})" : limit;
        // A block row's query, output and weights rows: a row of this head, or (folded) query row 0 of the group's head.
        string QueryAt(string row) => fold ? $"(head + {row}) * QueryHeadStride" : $"head * QueryHeadStride + {row} * QueryRowStride";
        string OutputAt(string row) => fold ? $"(head + {row}) * OutputHeadStride" : $"head * OutputHeadStride + {row} * OutputRowStride";
        string WeightsAt(string row) => fold ? $"(head + {row}) * KeySeqLen" : $"(head * SeqLen + {row}) * KeySeqLen";
        string rowCount = fold ? "groupRows" : "SeqLen";
        if (fold)
        {
            w.Line("int groupRows = groupEnd - head;");
        }

        w.Line("// The output rows start at 0; each chunk of keys rescales them and adds its share (an online softmax).");
        w.Open($"for (int row = 0; row < {rowCount}; row++)");
        w.Line($"{MemoryMarshal}.CreateSpan(ref {Unsafe}.Add(ref outputs, {OutputAt("row")}), ValueDim).Clear();");
        w.Close();
        w.Line($"runningMax.Fill({t}.NegativeInfinity);");
        w.Line("runningSum.Clear();");
        w.Line($"int headKeyCount = {RowKeyCount("SeqLen - 1")}; // keys some row may attend; the rest are never read");
        w.Open("for (int chunkStart = 0; chunkStart < headKeyCount; chunkStart += KeyChunk)");
        w.Line("int chunkKeys = global::System.Math.Min(KeyChunk, headKeyCount - chunkStart);");
        w.Line("// The chunk's keys transposed, its value rows asked for meanwhile: over a long cache both stream from memory at once.");
        w.Line($"ref {t} chunkValues = ref {Unsafe}.Add(ref headValues, chunkStart * ValueRowStride);");
        w.Line($"{Kernels}.KeyTiles.Transpose(");
        w.Line($"    ref {Unsafe}.Add(ref headKeys, chunkStart * KeyRowStride), KeyRowStride, chunkKeys, HeadDim, keysT, KeyTileStride,");
        w.Line("    ref chunkValues, ValueRowStride, ValueDim);");
        w.Open($"for (int rowBlock = 0; rowBlock < {rowCount}; rowBlock += RowBlock)");
        w.Line($"int rows = global::System.Math.Min(RowBlock, {rowCount} - rowBlock);");
        w.Open("for (int r = 0; r < rows; r++)");
        w.Line($"blockKeyCounts[r] = global::System.Math.Clamp({RowKeyCount("rowBlock + r")} - chunkStart, 0, chunkKeys);");
        w.Close();
        if (spec.IsCausal)
        {
            w.Open("if (blockKeyCounts[rows - 1] == 0)");
            w.Line("continue; // the causal mask hides this whole chunk from the block: nothing is computed");
            w.Close();
        }

        w.Line();
        WriteBlockScores(w, spec, QueryAt("rowBlock"));
        w.Line("// The softmax carried on from the chunks before: exponentials against each row's running maximum.");
        w.Line($"{Kernels}.SoftmaxBlock.ExponentiateChunk(ref blockScores, KeyTileStride, rows, blockKeyCounts, runningMax.Slice(rowBlock), runningSum.Slice(rowBlock), blockScales);");
        WriteBlockValues(w, spec, chunk: true, OutputAt("rowBlock"), "chunkValues");
        w.Close();
        w.Close();
        w.Line();
        w.Line("// Each output row divided by its sum of exponentials (a row with no keys stays 0), and the weights if asked for.");
        w.Open($"for (int row = 0; row < {rowCount}; row++)");
        w.Line($"global::System.Span<{t}> outputRow = {MemoryMarshal}.CreateSpan(ref {Unsafe}.Add(ref outputs, {OutputAt("row")}), ValueDim);");
        w.Line($"{t} normalizer = runningSum[row] == {spec.Literal(0)} ? {spec.Literal(0)} : {spec.Literal(1)} / runningSum[row];");
        w.Line($"{Kernels}.VectorMath.Multiply<{t}>(outputRow, normalizer, outputRow);");
        w.Open("if (!weights.IsEmpty)");
        w.Line($"ref {t} queryRow = ref {Unsafe}.Add(ref queries, {QueryAt("row")});");
        w.Line("global::System.Span<" + spec.ElementName + $"> weightsRow = weights.Slice({WeightsAt("row")}, KeySeqLen);");
        w.Line("WriteChunkedWeights(weightsRow, stage, runningMax[row], normalizer, ref queryRow, ref headKeys" + (spec.MasksPrefix ? $", {RowKeyCount("row")});" : ");"));
        w.Close();
        w.Close();
    }

    /// <summary>
    /// <c>WriteChunkedWeights</c>: a row's probabilities from its final maximum and normalizer (no row of scores is kept
    /// whole on the chunked path, so each is computed again), or its scores at an earlier stage.
    /// </summary>
    private static void WriteChunkedWeightsMethod(CodeWriter w, KernelSpec spec)
    {
        string t = spec.ComputeName;
        w.Line("/// <summary>Writes one row of <c>weights</c>: <c>exp(score − max) · normalizer</c> (masked keys 0), or every key's score at an earlier <paramref name=\"stage\"/>.</summary>");
        w.Open($"private static void WriteChunkedWeights(global::System.Span<{t}> weightsRow, global::AttentionGen.AttentionScoreStage stage, {t} max, {t} normalizer, ref {t} queryRow, ref {t} headKeys"
            + (spec.MasksPrefix ? ", int keyCount)" : ")"));
        w.Open("if (stage != global::AttentionGen.AttentionScoreStage.Probabilities)");
        w.Line("WriteWeights(weightsRow, stage, default, normalizer, ref queryRow, ref headKeys" + (spec.MasksPrefix ? ", keyCount);" : ");"));
        w.Line("return;");
        w.Close();
        w.Line();
        string keys = spec.MasksPrefix ? "keyCount" : "KeySeqLen";
        w.Open($"for (int j = 0; j < {keys}; j++)");
        w.Line($"{t} score = {ScoreOfKey(spec, "j")};");
        if (spec.Softcap > 0)
        {
            w.Line($"score = Softcap * {spec.MathName}.Tanh(score / Softcap);");
        }

        w.Line($"weightsRow[j] = {spec.MathName}.Exp(score - max) * normalizer;");
        w.Close();
        if (spec.MasksPrefix)
        {
            w.Line("weightsRow.Slice(keyCount).Clear();");
        }

        w.Close();
        w.Line();
    }

    /// <summary>
    /// One head of the tiled path: the keys transposed once, then blocks of RowBlock rows scored together, their
    /// softmax taken together, and their value sums made together.
    /// </summary>
    private static void WriteTiledHead(CodeWriter w, KernelSpec spec, string limit)
    {
        if (spec.IsGrouped)
        {
            w.Open($"if ({NewKeyValueHead})");
        }

        w.Line(spec.IsGrouped
            ? "// A new key/value head: transpose the keys that some row may attend (the rest are never read)."
            : "// Transpose the keys that some row may attend (the rest are never read).");
        string headKeyCount = spec.IsCausal ? $"{Kernels}.SoftmaxRow.CausalKeyCount(SeqLen - 1, causalOffset, {limit})" : limit;
        w.Line($"{Kernels}.KeyTiles.Transpose(ref headKeys, KeyRowStride, {headKeyCount}, HeadDim, keysT, KeyTileStride);");
        if (spec.IsGrouped)
        {
            w.Close();
        }

        w.Line();
        w.Open("for (int rowBlock = 0; rowBlock < SeqLen; rowBlock += RowBlock)");
        w.Line("int rows = global::System.Math.Min(RowBlock, SeqLen - rowBlock);");
        w.Line(spec.IsCausal
            ? "// Each row's attended keys: causal and padding masks keep a prefix, 0 … keyCount − 1; the rest are never read."
            : spec.HasKeyPadding ? "// Each row attends keys 0 … validKeys − 1; the rest are never read." : "// Each row attends every key.");
        w.Open("for (int r = 0; r < rows; r++)");
        w.Line(spec.IsCausal ? $"blockKeyCounts[r] = {Kernels}.SoftmaxRow.CausalKeyCount(rowBlock + r, causalOffset, {limit});" : $"blockKeyCounts[r] = {limit};");
        w.Close();
        w.Line();
        WriteBlockScores(w, spec, "head * QueryHeadStride + rowBlock * QueryRowStride");
        w.Line("// Softmax, stable, of the block's rows together; normalising is folded into the value sums.");
        w.Line($"{Kernels}.SoftmaxBlock.Exponentiate(ref blockScores, KeyTileStride, rows, blockKeyCounts, blockNormalizers);");
        w.Line();
        WriteBlockValues(w, spec, chunk: false, "head * OutputHeadStride + rowBlock * OutputRowStride", "headValues");
        w.Line();
        w.Open("if (!weights.IsEmpty)");
        w.Open("for (int r = 0; r < rows; r++)");
        w.Line("int row = rowBlock + r;");
        w.Line($"global::System.Span<{spec.ElementName}> weightsRow = weights.Slice((head * SeqLen + row) * KeySeqLen, KeySeqLen);");
        w.Line($"ref {spec.ComputeName} queryRow = ref {Unsafe}.Add(ref queries, head * QueryHeadStride + row * QueryRowStride);");
        w.Line("WriteWeights(weightsRow, stage, scores.Slice(r * KeyTileStride, blockKeyCounts[r]), blockNormalizers[r], ref queryRow, ref headKeys"
            + (spec.MasksPrefix ? ", blockKeyCounts[r]);" : ");"));
        w.Close();
        w.Close();
        w.Close();
    }

    /// <summary>A block's scores against the transposed keys (as many keys as its last row attends), then the softcap row by row.</summary>
    private static void WriteBlockScores(CodeWriter w, KernelSpec spec, string queryAt)
    {
        w.Line("// Scores: the block's rows against the transposed keys, as many keys as the block's last row attends.");
        w.Line($"ref {spec.ComputeName} blockScores = ref {MemoryMarshal}.GetReference(scores);");
        w.Line($"ScoreRows(ref {Unsafe}.Add(ref queries, {queryAt}), rows, ref {MemoryMarshal}.GetReference(keysT), blockKeyCounts[rows - 1], ref blockScores);");
        if (spec.Softcap > 0)
        {
            w.Open("for (int r = 0; r < rows; r++)");
            w.Line($"{Kernels}.VectorMath.Softcap(scores.Slice(r * KeyTileStride, blockKeyCounts[r]), Softcap);");
            w.Close();
        }
    }

    /// <summary>
    /// A block's value sums: a full block's rows together (each value-row load serving them all), a partial block's row by
    /// row; normalised (<c>AccumulateValue…</c>) or, for a chunk of keys, added to the rescaled output (<c>AddValue…</c>).
    /// </summary>
    private static void WriteBlockValues(CodeWriter w, KernelSpec spec, bool chunk, string outputAt, string values)
    {
        string factors = chunk ? "blockScales" : "blockNormalizers";
        w.Line("// Values: the probability-weighted sums; a full block's rows share each value-row load. A row with no keys gets 0.");
        w.Line($"ref {spec.ComputeName} blockOutputs = ref {Unsafe}.Add(ref outputs, {outputAt});");
        w.Open("if (rows == RowBlock)");
        w.Line($"{(chunk ? "AddValueBlock" : "AccumulateValueBlock")}(ref blockScores, blockKeyCounts, {factors}, ref {values}, ref blockOutputs);");
        w.Close();
        w.Open("else");
        w.Open("for (int r = 0; r < rows; r++)");
        w.Line($"{(chunk ? "AddValues" : "AccumulateValues")}(ref {Unsafe}.Add(ref blockScores, r * KeyTileStride), blockKeyCounts[r], ref {values}, {factors}[r], ref {Unsafe}.Add(ref blockOutputs, r * OutputBlockStride));");
        w.Close();
        w.Close();
    }

    /// <summary>Assigns the score of key <c>j</c> to <c>scores[index]</c>; for the Gaussian score, in its shifted form.</summary>
    private static void WriteScoreAssignment(CodeWriter w, KernelSpec spec, string index)
    {
        if (spec.IsGaussian)
        {
            w.Line($"{spec.ComputeName} keyHalfNorm = KeyHalfNorm(j, ref headKeys, keyHalfNorms, hasNorm{(IsHalf(spec) ? ", keyScratch" : "")});");
            w.Line($"largest = {spec.MathName}.Max(largest, keyHalfNorm + keyHalfNorm);");
            w.Line($"scores[{index}] = {ScoreOfKey(spec, "j", "Affinity")} - keyHalfNorm;");
        }
        else
        {
            w.Line($"scores[{index}] = {ScoreOfKey(spec, "j")};");
        }
    }

    /// <summary><c>KeyHalfNorm</c>: <c>Scale·‖k_j‖²/2</c>, computed when a row first attends key <c>j</c> and kept for the head.</summary>
    private static void WriteKeyHalfNormMethod(CodeWriter w, KernelSpec spec)
    {
        string t = spec.ComputeName;
        w.Line("/// <summary><c>Scale·‖k‖²/2</c> of key row <paramref name=\"j\"/>, computed when first needed and kept for the rest of the head.</summary>");
        w.Open($"private static {t} KeyHalfNorm(int j, ref {spec.ElementName} headKeys, global::System.Span<{t}> keyHalfNorms, global::System.Span<bool> hasNorm"
            + (IsHalf(spec) ? ", global::System.Span<float> keyScratch)" : ")"));
        w.Open("if (!hasNorm[j])");
        w.Line(RowReference(spec, "keyRow", $"{Unsafe}.Add(ref headKeys, j * KeyRowStride)", "HeadDim", "keyScratch"));
        w.Line($"keyHalfNorms[j] = {spec.Literal(0.5)} * Affinity(ref keyRow, ref keyRow);");
        w.Line("hasNorm[j] = true;");
        w.Close();
        w.Line("return keyHalfNorms[j];");
        w.Close();
        w.Line();
    }

    /// <summary><c>ProjectedKey</c>: <c>W_k</c> times key row <c>j</c>, computed when a row first attends the key and kept for the head.</summary>
    private static void WriteProjectedKeyMethod(CodeWriter w, KernelSpec spec)
    {
        string t = spec.ComputeName;
        string e = spec.ElementName;
        w.Line("/// <summary><c>W_k</c> times key row <paramref name=\"j\"/>, projected when first needed and kept for the rest of the head.</summary>");
        w.Open($"private static ref {t} ProjectedKey(int j, ref {e} headKeys, global::System.ReadOnlySpan<{e}> keyProjection, global::System.Span<{t}> projectedKeys, global::System.Span<bool> isProjected"
            + (IsHalf(spec) ? ", global::System.Span<float> keyScratch)" : ")"));
        w.Line($"global::System.Span<{t}> projected = projectedKeys.Slice(j * HiddenDim, HiddenDim);");
        w.Open("if (!isProjected[j])");
        w.Line(RowReference(spec, "keyRow", $"{Unsafe}.Add(ref headKeys, j * KeyRowStride)", "KeyDim", "keyScratch"));
        w.Line($"{Kernels}.Projection.MultiplyRow<{e}, {t}>(keyProjection, {MemoryMarshal}.CreateReadOnlySpan(ref keyRow, KeyDim), projected);");
        w.Line("isProjected[j] = true;");
        w.Close();
        w.Line($"return ref {MemoryMarshal}.GetReference(projected);");
        w.Close();
        w.Line();
    }

    /// <summary><c>WriteWeights</c>: the probabilities, or every key's score at an earlier stage, for one row.</summary>
    private static void WriteWeightsMethod(CodeWriter w, KernelSpec spec)
    {
        string t = spec.ComputeName;
        var parameters = new List<string>
        {
            $"global::System.Span<{spec.ElementName}> weightsRow", "global::AttentionGen.AttentionScoreStage stage", $"global::System.ReadOnlySpan<{t}> probabilities",
        };
        if (spec.MasksPerKey)
        {
            parameters.Add("global::System.ReadOnlySpan<int> attended");
        }

        parameters.AddRange(new[] { $"{t} normalizer", $"ref {t} queryRow", $"ref {spec.ElementName} headKeys" });
        if (spec.MasksPrefix)
        {
            parameters.Add("int keyCount");
        }

        if (spec.HasBooleanMask)
        {
            parameters.Add("global::System.ReadOnlySpan<bool> maskRow");
        }

        if (spec.HasBias)
        {
            parameters.Add($"global::System.ReadOnlySpan<{spec.ElementName}> biasRow");
        }

        if (IsHalf(spec))
        {
            parameters.Add("global::System.Span<float> keyScratch");
        }

        if (spec.IsAdditive)
        {
            parameters.AddRange(new[]
            {
                $"global::System.ReadOnlySpan<{spec.ElementName}> keyProjection", $"global::System.Span<{t}> projectedKeys",
                "global::System.Span<bool> isProjected", $"ref {t} scoreVectorStart",
            });
        }

        w.Line("/// <summary>Writes one row of <c>weights</c>: the probabilities (masked keys 0), or every key's score at an earlier <paramref name=\"stage\"/>.</summary>");
        w.Open($"private static void WriteWeights({string.Join(", ", parameters)})");
        w.Open("if (stage == global::AttentionGen.AttentionScoreStage.Probabilities)");
        if (spec.MasksPerKey)
        {
            w.Line("weightsRow.Clear();");
            w.Open("for (int n = 0; n < probabilities.Length; n++)");
            w.Line($"weightsRow[attended[n]] = {Narrowed(spec, "probabilities[n] * normalizer")};");
            w.Close();
        }
        else if (IsHalf(spec))
        {
            w.Open("for (int n = 0; n < probabilities.Length; n++)");
            w.Line($"weightsRow[n] = {Narrowed(spec, "probabilities[n] * normalizer")};");
            w.Close();
            if (spec.MasksPrefix)
            {
                w.Line("weightsRow.Slice(probabilities.Length).Clear();");
            }
        }
        else
        {
            w.Line($"{Kernels}.VectorMath.Multiply<{t}>(probabilities, normalizer, weightsRow);");
            if (spec.MasksPrefix)
            {
                w.Line("weightsRow.Slice(probabilities.Length).Clear();");
            }
        }

        w.Line("return;");
        w.Close();
        w.Line();
        w.Line(spec.MasksPrefix || spec.MasksPerKey
            ? "// An earlier stage: every key's score, read even where a mask hides the key (but the biased stage writes −∞ there)."
            : "// An earlier stage: every key's score.");
        w.Open("for (int j = 0; j < KeySeqLen; j++)");
        if (spec.MasksPrefix || spec.MasksPerKey)
        {
            var masked = new List<string>();
            if (spec.MasksPrefix)
            {
                masked.Add("j >= keyCount");
            }

            if (spec.HasBooleanMask)
            {
                masked.Add("!maskRow[j]");
            }

            if (spec.HasBias)
            {
                masked.Add($"{t}.IsNegativeInfinity({Widened(spec, "biasRow[j]")})");
            }

            w.Open($"if (stage == global::AttentionGen.AttentionScoreStage.Biased && ({string.Join(" || ", masked)}))");
            w.Line($"weightsRow[j] = {spec.ElementName}.NegativeInfinity;");
            w.Line("continue;");
            w.Close();
        }

        w.Line($"{t} score = {ScoreOfKey(spec, "j")};");
        if (spec.Softcap > 0)
        {
            w.Open("if (stage != global::AttentionGen.AttentionScoreStage.Scaled)");
            w.Line($"score = Softcap * {spec.MathName}.Tanh(score / Softcap);");
            w.Close();
        }

        if (spec.HasBias)
        {
            w.Line($"weightsRow[j] = {Narrowed(spec, $"stage == global::AttentionGen.AttentionScoreStage.Biased ? score + {Widened(spec, "biasRow[j]")} : score")};");
        }
        else
        {
            w.Line($"weightsRow[j] = {Narrowed(spec, "score")};");
        }

        w.Close();
        w.Close();
        w.Line();
    }
}
