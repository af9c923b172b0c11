using System.Collections.Generic;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

/// <summary>The optional <c>weights</c> output: a row's probabilities, or its scores at an earlier stage.</summary>
internal static partial class KernelEmitter
{
    /// <summary><c>WriteWeights</c>' parameters, modelled once for its declaration and every call.</summary>
    private static List<Parameter> WeightsParameters(KernelSpec spec)
    {
        string t = spec.ComputeName;
        string e = spec.ElementName;
        var parameters = new List<Parameter>
        {
            Parameter.Internal($"Span<{e}>", "weightsRow"),
            Parameter.Internal("AttentionScoreStage", "stage"),
            Parameter.Internal($"ReadOnlySpan<{t}>", "probabilities"),
        };
        if (spec.ListsAttendedKeys)
        {
            parameters.Add(Parameter.Internal("ReadOnlySpan<int>", "attended"));
        }

        parameters.Add(Parameter.Internal(t, "normalizer"));
        parameters.Add(Parameter.Internal($"ref {t}", "queryRow"));
        parameters.Add(Parameter.Internal($"ref {e}", "headKeys"));
        if (spec.HasWindow)
        {
            parameters.Add(Parameter.Internal("int", "firstKey"));
        }

        if (spec.BoundsKeys)
        {
            parameters.Add(Parameter.Internal("int", "keyCount"));
        }

        if (spec.HasAlibi)
        {
            parameters.Add(Parameter.Internal(t, "alibiSlope"));
            parameters.Add(Parameter.Internal("int", "position"));
        }

        if (spec.HasBooleanMask)
        {
            parameters.Add(Parameter.Internal("ReadOnlySpan<bool>", "maskRow"));
        }

        if (spec.HasBias)
        {
            parameters.Add(Parameter.Internal($"ReadOnlySpan<{e}>", "biasRow"));
        }

        if (IsHalf(spec))
        {
            parameters.Add(Parameter.Internal("Span<float>", "keyScratch"));
        }

        if (spec.IsAdditive)
        {
            parameters.Add(Parameter.Internal($"ReadOnlySpan<{t}>", "keyProjectionT"));
            parameters.Add(Parameter.Internal($"Span<{t}>", "projectedKeys"));
            parameters.Add(Parameter.Internal("Span<bool>", "isProjected"));
            parameters.Add(Parameter.Internal($"Span<{t}>", "keyExponentials"));
            parameters.Add(Parameter.Internal("Span<bool>", "keyFits"));
            parameters.Add(Parameter.Internal($"ref {t}", "scoreVectorStart"));
        }

        return parameters;
    }

    /// <summary>A call of <c>WriteWeights</c> from the row-at-a-time loop.</summary>
    private static string RowWeightsCall(KernelSpec spec, string probabilities, string attended, string normalizer)
    {
        var given = new Dictionary<string, string> { ["probabilities"] = probabilities, ["attended"] = attended, ["normalizer"] = normalizer };
        AddAlibiArguments(given, spec, "head", "row + causalOffset");
        return $"WriteWeights({string.Join(", ", WeightsParameters(spec).ArgumentsWith(given))});";
    }

    /// <summary>The ALiBi slope and row position <c>WriteWeights</c> takes, for query head <paramref name="head"/>.</summary>
    private static void AddAlibiArguments(Dictionary<string, string> given, KernelSpec spec, string head, string position)
    {
        if (spec.HasAlibi)
        {
            given["alibiSlope"] = $"Slopes[{head}]";
            given["position"] = position;
        }
    }

    /// <summary><c>WriteWeights</c>: the probabilities, or every key's score at an earlier stage, for one row.</summary>
    private static void WriteWeightsMethod(CodeWriter w, KernelSpec spec)
    {
        string t = spec.ComputeName;
        w.Line("/// <summary>Writes one row of <c>weights</c>: the probabilities (masked keys 0), or every key's score at an earlier stage.</summary>");
        w.List("private static void WriteWeights", WeightsParameters(spec).Declarations(qualified: false), "");
        using (w.Block())
        {
            using (w.Block("if (stage == AttentionScoreStage.Probabilities)"))
            {
                if (spec.ListsAttendedKeys)
                {
                    w.Line("weightsRow.Clear();");
                    using (w.Block("for (int n = 0; n < probabilities.Length; n++)"))
                    {
                        w.Line($"weightsRow[attended[n]] = {Narrowed(spec, "probabilities[n] * normalizer")};");
                    }
                }
                else if (IsHalf(spec))
                {
                    string at = spec.HasWindow ? "firstKey + n" : "n";
                    using (w.Block("for (int n = 0; n < probabilities.Length; n++)"))
                    {
                        w.Line($"weightsRow[{at}] = {Narrowed(spec, "probabilities[n] * normalizer")};");
                    }
                }
                else
                {
                    w.Line($"VectorMath.Multiply<{t}>(probabilities, normalizer, weightsRow{(spec.HasWindow ? ".Slice(firstKey)" : "")});");
                }

                if (spec.HasWindow && !spec.ListsAttendedKeys)
                {
                    w.Line("weightsRow.Slice(0, firstKey).Clear();");
                    w.Line("weightsRow.Slice(firstKey + probabilities.Length).Clear();");
                }
                else if ((spec.MasksPrefix || spec.MasksPerKey) && !spec.ListsAttendedKeys)
                {
                    w.Line("weightsRow.Slice(probabilities.Length).Clear();");
                }

                w.Line("return;");
            }

            w.Line();
            bool masks = spec.BoundsKeys || spec.MasksPerKey;
            w.Line(masks
                ? "// An earlier stage: every key's score, read even where a mask hides the key (but the biased stage writes −∞ there)."
                : "// An earlier stage: every key's score.");
            using (w.Block("for (int j = 0; j < KeySeqLen; j++)"))
            {
                if (masks)
                {
                    WriteMaskedScoreWeight(w, spec);
                }

                w.Line($"{t} score = {ScoreOfKey(spec, "j")};");
                if (spec.Softcap > 0)
                {
                    using (w.Block("if (stage != AttentionScoreStage.Scaled)"))
                    {
                        w.Line($"score = Softcap * {spec.MathName}.Tanh(score / Softcap);");
                    }
                }

                var biases = new List<string>();
                if (spec.HasBias)
                {
                    biases.Add(Widened(spec, "biasRow[j]"));
                }

                if (spec.HasAlibi)
                {
                    biases.Add("AlibiBias.Of(alibiSlope, position, j)");
                }

                w.Line(biases.Count > 0
                    ? $"weightsRow[j] = {Narrowed(spec, $"stage == AttentionScoreStage.Biased ? score + {string.Join(" + ", biases)} : score")};"
                    : $"weightsRow[j] = {Narrowed(spec, "score")};");
            }
        }

        w.Line();
    }

    /// <summary>The biased stage's −∞ for a key a mask hides.</summary>
    private static void WriteMaskedScoreWeight(CodeWriter w, KernelSpec spec)
    {
        var masked = new List<string>();
        if (spec.HasWindow)
        {
            masked.Add("j < firstKey");
        }

        if (spec.BoundsKeys)
        {
            masked.Add("j >= keyCount");
        }

        masked.AddRange(HiddenByMasks(spec));
        using (w.Block($"if (stage == AttentionScoreStage.Biased && ({string.Join(" || ", masked)}))"))
        {
            w.Line($"weightsRow[j] = {spec.ElementName}.NegativeInfinity;");
            w.Line("continue;");
        }

        w.Line();
    }

    /// <summary><c>WriteChunkedWeights</c>' parameters, modelled once for its declaration and its call.</summary>
    private static List<Parameter> ChunkedWeightsParameters(KernelSpec spec)
    {
        string t = spec.ComputeName;
        string e = spec.ElementName;
        var parameters = new List<Parameter>
        {
            Parameter.Internal($"Span<{e}>", "weightsRow"),
            Parameter.Internal("AttentionScoreStage", "stage"),
            Parameter.Internal(t, "max"),
            Parameter.Internal(t, "normalizer"),
            Parameter.Internal($"ref {t}", "queryRow"),
            Parameter.Internal($"ref {e}", "headKeys"),
        };
        if (spec.HasWindow)
        {
            parameters.Add(Parameter.Internal("int", "firstKey"));
        }

        if (spec.BoundsKeys)
        {
            parameters.Add(Parameter.Internal("int", "keyCount"));
        }

        if (spec.HasAlibi)
        {
            parameters.Add(Parameter.Internal(t, "alibiSlope"));
            parameters.Add(Parameter.Internal("int", "position"));
        }

        if (spec.HasBooleanMask)
        {
            parameters.Add(Parameter.Internal("ReadOnlySpan<bool>", "maskRow"));
        }

        if (spec.HasBias)
        {
            parameters.Add(Parameter.Internal($"ReadOnlySpan<{e}>", "biasRow"));
        }

        if (IsHalf(spec))
        {
            parameters.Add(Parameter.Internal("Span<float>", "keyScratch"));
        }

        return parameters;
    }

    /// <summary>
    /// <c>WriteChunkedWeights</c>: a row's probabilities from its final maximum and normalizer (no row of scores is kept
    /// whole on the chunked path, so each is computed again), or its scores at an earlier stage.
    /// </summary>
    private static void WriteChunkedWeightsMethod(CodeWriter w, KernelSpec spec)
    {
        string t = spec.ComputeName;
        w.Line("/// <summary>Writes one row of <c>weights</c>: <c>exp(score − max) · normalizer</c> (masked keys 0), or every key's score at an earlier stage.</summary>");
        w.List("private static void WriteChunkedWeights", ChunkedWeightsParameters(spec).Declarations(qualified: false), "");
        using (w.Block())
        {
            using (w.Block("if (stage != AttentionScoreStage.Probabilities)"))
            {
                var given = new Dictionary<string, string> { ["probabilities"] = "default" };
                w.Line($"WriteWeights({string.Join(", ", WeightsParameters(spec).ArgumentsWith(given))});");
                w.Line("return;");
            }

            w.Line();
            string attended = spec.BoundsKeys ? "keyCount" : "KeySeqLen";
            if (spec.HasWindow)
            {
                w.Line("weightsRow.Slice(0, firstKey).Clear(); // keys before the window");
            }

            if (KeepsScoresInWeights(spec) && spec.HasWindow)
            {
                w.Line("// The row's scores, kept here chunk by chunk from the window's first key, become its probabilities.");
                w.Line("SoftmaxRow.ScoresToProbabilities(weightsRow.Slice(firstKey), keyCount - firstKey, max, normalizer);");
            }
            else if (KeepsScoresInWeights(spec))
            {
                w.Line(spec.MasksPerKey
                    ? "// The row's scores, kept here chunk by chunk (−∞ where a mask hides the key), become its probabilities."
                    : "// The row's scores, kept here chunk by chunk, become its probabilities.");
                w.Line($"SoftmaxRow.ScoresToProbabilities(weightsRow, {attended}, max, normalizer);");
            }
            else
            {
                if (spec.MasksPerKey)
                {
                    using (w.Block($"if (normalizer == {spec.Literal(0)})"))
                    {
                        w.Line("weightsRow.Clear(); // every key is masked");
                        w.Line("return;");
                    }

                    w.Line();
                }

                w.Line("// Each score computed again: Half weights rows could not hold the scores unrounded.");
                using (w.Block($"for (int j = {(spec.HasWindow ? "firstKey" : "0")}; j < {attended}; j++)"))
                {
                    if (spec.MasksPerKey)
                    {
                        using (w.Block($"if ({string.Join(" || ", HiddenByMasks(spec))})"))
                        {
                            w.Line($"weightsRow[j] = {spec.ElementName}.Zero;");
                            w.Line("continue;");
                        }

                        w.Line();
                    }

                    w.Line($"{t} score = {ScoreOfKey(spec, "j")};");
                    if (spec.Softcap > 0)
                    {
                        w.Line($"score = Softcap * {spec.MathName}.Tanh(score / Softcap);");
                    }

                    if (spec.HasAlibi)
                    {
                        w.Line("score += AlibiBias.Of(alibiSlope, position, j);");
                    }

                    if (spec.HasBias)
                    {
                        w.Line($"score += {Widened(spec, "biasRow[j]")};");
                    }

                    w.Line($"weightsRow[j] = {Narrowed(spec, $"{spec.MathName}.Exp(score - max) * normalizer")};");
                }

                if (spec.BoundsKeys)
                {
                    w.Line("weightsRow.Slice(keyCount).Clear();");
                }
            }
        }

        w.Line();
    }

    /// <summary>The conditions under which a Boolean or additive mask hides key <c>j</c> of a row.</summary>
    private static List<string> HiddenByMasks(KernelSpec spec)
    {
        var hidden = new List<string>();
        if (spec.HasBooleanMask)
        {
            hidden.Add("!maskRow[j]");
        }

        if (spec.HasBias)
        {
            hidden.Add($"{spec.ComputeName}.IsNegativeInfinity({Widened(spec, "biasRow[j]")})");
        }

        return hidden;
    }
}
