using System.Collections.Generic;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

/// <summary>
/// <see cref="KeyStrategy.RowAtATime"/>: each query row's scores one key at a time, then its softmax and its value sum.
/// The strategy of the scores the block loops do not compute (per-key masks, Half, Gaussian, additive) and of few rows.
/// </summary>
internal static partial class KernelEmitter
{
    /// <summary>The row-by-row loop of one head: each row's scores, softmax, value sum and weights.</summary>
    private static void WriteRowsOfHead(CodeWriter w, KernelSpec spec, string limit)
    {
        string t = spec.ComputeName;
        string e = spec.ElementName;
        using (w.Block("for (int row = 0; row < SeqLen; row++)"))
        {
            string queryAt = "Add(ref queries, head * QueryHeadStride + row * QueryRowStride)";
            if (spec.IsAdditive)
            {
                w.Line(RowReference(spec, "queryInput", queryAt, "HeadDim", "queryScratch"));
                w.Line($"Projection.MultiplyRowTransposed<{t}>(queryProjectionT, CreateReadOnlySpan(ref queryInput, HeadDim), projectedQuery);");
                w.Line($"ref {t} queryRow = ref GetReference(projectedQuery);");
                w.Line($"bool queryFits = AdditiveTanh.Exponentials<{t}>(projectedQuery, queryExponentials);");
            }
            else
            {
                w.Line(RowReference(spec, "queryRow", queryAt, "HeadDim", "queryScratch"));
            }

            w.Line($"ref {e} outputRow = ref Add(ref outputs, head * OutputHeadStride + row * OutputRowStride);");
            w.Line($"Span<{e}> weightsRow = weights.IsEmpty ? default : weights.Slice((head * SeqLen + row) * KeySeqLen, KeySeqLen);");
            if (spec.HasBooleanMask)
            {
                w.Line("ReadOnlySpan<bool> maskRow = mask.Slice(head * maskHeadStride + row * KeySeqLen, KeySeqLen);");
            }

            if (spec.HasBias)
            {
                w.Line($"ReadOnlySpan<{e}> biasRow = bias.Slice(head * biasHeadStride + row * KeySeqLen, KeySeqLen);");
            }

            string keyLimit = "KeySeqLen";
            if (spec.MasksPrefix)
            {
                w.Line();
                w.Comment("Causal and padding masks keep a prefix of the keys: this row may attend keys 0 … keyCount − 1 and never reads the rest.");
                w.Line(spec.IsCausal ? $"int keyCount = SoftmaxRow.CausalKeyCount(row, causalOffset, {limit});" : "int keyCount = validKeys;");
                keyLimit = "keyCount";
            }

            if (spec.HasWindow)
            {
                WriteRowWindow(w, spec, keyLimit, "row");
                keyLimit = "keyCount";
            }

            w.Line();
            string count = WriteRowScores(w, spec, keyLimit);
            WriteRowSoftmaxAndValues(w, spec, count);
        }
    }

    /// <summary>
    /// The sliding window of query row <paramref name="row"/> (of a head; a folded block's rows are all row 0): its keys
    /// <c>firstKey … keyCount − 1</c>, within the <paramref name="keyLimit"/> its other masks leave.
    /// </summary>
    private static void WriteRowWindow(CodeWriter w, KernelSpec spec, string keyLimit, string row)
    {
        w.Comment("The sliding window: this row attends keys firstKey … keyCount − 1 at most, and never reads the others.");
        string declared = keyLimit == "keyCount" ? "" : "int ";
        if (spec.HasRightWindow)
        {
            w.Line($"{declared}keyCount = KeyWindow.End({row}, causalOffset, RightWindow, {keyLimit});");
        }
        else if (declared.Length > 0)
        {
            w.Line($"int keyCount = {keyLimit};");
        }

        w.Line(spec.HasLeftWindow ? $"int firstKey = Math.Min(KeyWindow.First({row}, causalOffset, LeftWindow), keyCount);" : "int firstKey = 0;");
    }

    /// <summary>The row's scores, one per attended key; returns the expression that counts them.</summary>
    private static string WriteRowScores(CodeWriter w, KernelSpec spec, string keyLimit)
    {
        string t = spec.ComputeName;
        if (spec.IsGaussian)
        {
            w.Line($"{t} largest = Affinity(ref queryRow, ref queryRow); // Scale·‖q‖², then the largest Scale·‖k‖² too");
            w.Line($"{t} queryHalfNorm = {spec.Literal(0.5)} * largest; // subtracted too, the expanded form is the score itself");
        }

        if (spec.IsAdditive)
        {
            WriteAdditiveKeyScores(w, spec, keyLimit);
        }

        string count = keyLimit;
        string firstKey = spec.HasWindow ? "firstKey" : "0";
        if (spec.MasksPerKey)
        {
            w.Line("// Scores: one per attended key; a masked key's rows are never read.");
            w.Line("int count = 0;");
            using (w.Block($"for (int j = {firstKey}; j < {keyLimit}; j++)"))
            {
                using (w.Block($"if ({string.Join(" || ", HiddenByMasks(spec))})"))
                {
                    w.Line("continue;");
                }

                w.Line();
                WriteScoreAssignment(w, spec, "count");
                w.Line("attended[count++] = j;");
            }

            count = "count";
        }
        else if (spec.HasWindow)
        {
            w.Line("// Scores: one per attended key, the window's first key at 0.");
            using (w.Block($"for (int j = firstKey; j < {keyLimit}; j++)"))
            {
                WriteScoreAssignment(w, spec, "j - firstKey");
            }

            w.Line($"int count = {keyLimit} - firstKey;");
            count = "count";
        }
        else if (spec.IsAdditive)
        {
            w.Line("// Scores: the exponentials gave each key's in place, unless this row's or some key's projections were too large for them.");
            using (w.Block($"if (!queryFits || keyFits.Slice(0, {keyLimit}).Contains(false))"))
            {
                using (w.Block($"for (int j = 0; j < {keyLimit}; j++)"))
                {
                    WriteScoreAssignment(w, spec, "j");
                }
            }
        }
        else
        {
            w.Line("// Scores: one per attended key.");
            using (w.Block($"for (int j = 0; j < {keyLimit}; j++)"))
            {
                WriteScoreAssignment(w, spec, "j");
            }
        }

        if (spec.IsGaussian)
        {
            using (w.Block("if (largest > GaussianExactLimit)"))
            {
                w.Line("// Magnitudes too large for the shifted form to stay exact: score this row from the differences q − k.");
                using (w.Block($"for (int n = 0; n < {count}; n++)"))
                {
                    w.Line($"scores[n] = {ScoreOfKey(spec, spec.MasksPerKey ? "attended[n]" : spec.HasWindow ? "(firstKey + n)" : "n")};");
                }
            }
        }

        return count;
    }

    /// <summary>The row's softcap, bias and softmax, its value sum, and its weights if asked for.</summary>
    private static void WriteRowSoftmaxAndValues(CodeWriter w, KernelSpec spec, string count)
    {
        string t = spec.ComputeName;
        if (spec.BoundsKeys || spec.MasksPerKey)
        {
            w.Line();
            using (w.Block($"if ({count} == 0)"))
            {
                w.Line("// Every key is masked: an output row of 0, never NaN, and weights of 0.");
                w.Line("CreateSpan(ref outputRow, ValueDim).Clear();");
                using (w.Block("if (!weightsRow.IsEmpty)"))
                {
                    w.Line(RowWeightsCall(spec, "default", "default", spec.Literal(0)));
                }

                using (w.Block("if (!logSumExp.IsEmpty)"))
                {
                    w.Line(spec.Sinks
                        ? $"logSumExp[{LogSumExpIndex(spec, "head", "row")}] = SoftmaxRow.LogSumExp({SinkOf(spec, "head")}, {spec.Literal(1)}); // the sink alone"
                        : $"logSumExp[{LogSumExpIndex(spec, "head", "row")}] = float.NegativeInfinity;");
                }

                w.Line("continue;");
            }
        }

        w.Line();
        w.Line($"Span<{t}> rowScores = scores.Slice(0, {count});");
        if (spec.Softcap > 0)
        {
            w.Line("// Softcap, before any bias.");
            w.Line("VectorMath.Softcap(rowScores, Softcap);");
        }

        if (spec.HasAlibi)
        {
            w.Line("// ALiBi: −slope · |p − j| for the row at position p and each attended key j.");
            w.Line(spec.MasksPerKey
                ? "AlibiBias.Add(rowScores, Slopes[head], row + causalOffset, attended.Slice(0, count));"
                : $"AlibiBias.Add(rowScores, Slopes[head], row + causalOffset, {(spec.HasWindow ? "firstKey" : "0")});");
        }

        if (spec.HasBias)
        {
            w.Line("// Bias: the additive mask of each attended key.");
            using (w.Block("for (int n = 0; n < count; n++)"))
            {
                w.Line($"rowScores[n] += {Widened(spec, "biasRow[attended[n]]")};");
            }
        }

        w.Line(spec.Sinks
            ? "// Softmax, stable (the larger of the row maximum and the sink is subtracted), the head's sink in the denominator;"
            : "// Softmax, stable (the row maximum is subtracted); normalising is folded into the value sum.");
        if (spec.Sinks)
        {
            w.Line("// normalising is folded into the value sum.");
        }

        w.Line($"{t} normalizer = SoftmaxRow.Exponentiate(rowScores, {SinkOf(spec, "head")}, out {t} rowMax);");
        w.Line();
        w.Line("// Values: the probability-weighted sum of the attended value rows.");
        string attended = spec.MasksPerKey ? "ref GetReference(attended), " : "";
        string values = spec.HasWindow && !spec.MasksPerKey ? "ref Add(ref headValues, firstKey * ValueRowStride)" : "ref headValues";
        if (IsHalf(spec))
        {
            w.Line($"AccumulateValues(ref GetReference(rowScores), {attended}{count}, {values}, normalizer, ref GetReference(outputScratch), valueScratch);");
            w.Line("HalfConversion.Narrow(outputScratch, CreateSpan(ref outputRow, ValueDim));");
        }
        else
        {
            w.Line($"AccumulateValues(ref GetReference(rowScores), {attended}{count}, {values}, normalizer, ref outputRow);");
        }

        using (w.Block("if (!weightsRow.IsEmpty)"))
        {
            w.Line(RowWeightsCall(spec, "rowScores", "attended.Slice(0, count)", "normalizer"));
        }

        using (w.Block("if (!logSumExp.IsEmpty)"))
        {
            w.Line($"logSumExp[{LogSumExpIndex(spec, "head", "row")}] = SoftmaxRow.LogSumExp(rowMax, {spec.Literal(1)} / normalizer);");
        }
    }

    /// <summary>
    /// The additive score's first pass over a row's keys: each attended key projected the first time a row attends it (with
    /// its exponentials, when they can be formed), then, from the exponentials, every key's score at once, in place.
    /// </summary>
    private static void WriteAdditiveKeyScores(CodeWriter w, KernelSpec spec, string keyLimit)
    {
        if (!spec.MasksPerKey)
        {
            w.Line($"// Additive score: keys 0 … {keyLimit} − 1 projected, each the first time a row reaches it. Every row projects from");
            w.Line("// key 0, so the keys projected so far are a prefix: the first not yet projected is found in one search.");
            w.Line($"int firstUnprojected = isProjected.Slice(0, {keyLimit}).IndexOf(false);");
            using (w.Block($"for (int j = firstUnprojected < 0 ? {keyLimit} : firstUnprojected; j < {keyLimit}; j++)"))
            {
                w.Line($"{ProjectedKeyCall(spec, "j")};");
            }
        }
        else
        {
            w.Line("// Additive score: the keys this row attends projected, each the first time a row attends it (a masked key is never read).");
            WriteProjectAttendedKeys(w, spec, keyLimit);
        }

        w.Line();
        using (w.Block("if (queryFits)"))
        {
            w.Line("// Every key's score at once from the exponentials, a vector of keys at a time (keys never projected: unused).");
            w.List(
                $"AdditiveTanh.ScoreKeys<{spec.ComputeName}>",
                new[] { "queryExponentials", "keyExponentials", "KeySeqLen", "ref scoreVectorStart", "scoreVectorSum", "ScoreFactor", $"scores.Slice(0, {keyLimit})" },
                ";");
        }

        w.Line();
    }

    /// <summary>Projects each key a per-key mask leaves the row that no row has attended before.</summary>
    private static void WriteProjectAttendedKeys(CodeWriter w, KernelSpec spec, string keyLimit)
    {
        using (w.Block($"for (int j = 0; j < {keyLimit}; j++)"))
        {
            var condition = new List<string> { "!isProjected[j]" };
            if (spec.HasBooleanMask)
            {
                condition.Add("maskRow[j]");
            }

            if (spec.HasBias)
            {
                condition.Add($"!{spec.ComputeName}.IsNegativeInfinity({Widened(spec, "biasRow[j]")})");
            }

            using (w.Block($"if ({string.Join(" && ", condition)})"))
            {
                w.Line($"{ProjectedKeyCall(spec, "j")};");
            }
        }
    }

    /// <summary>Assigns the score of key <c>j</c> to <c>scores[index]</c>; for the Gaussian score, in its shifted form.</summary>
    private static void WriteScoreAssignment(CodeWriter w, KernelSpec spec, string index)
    {
        if (spec.IsGaussian)
        {
            w.Line($"{spec.ComputeName} keyHalfNorm = KeyHalfNorm(j, ref headKeys, keyHalfNorms, hasNorm{(IsHalf(spec) ? ", keyScratch" : "")});");
            w.Line($"largest = {spec.MathName}.Max(largest, keyHalfNorm + keyHalfNorm);");
            w.Line($"scores[{index}] = {ScoreOfKey(spec, "j", "Affinity")} - keyHalfNorm - queryHalfNorm;");
        }
        else if (spec.IsAdditive)
        {
            // The scores from the exponentials lie at each key's own place; others take tanh.
            w.Line($"scores[{index}] = queryFits && keyFits[j] ? scores[j] : {ScoreOfKey(spec, "j")};");
        }
        else
        {
            w.Line($"scores[{index}] = {ScoreOfKey(spec, "j")};");
        }
    }
}
