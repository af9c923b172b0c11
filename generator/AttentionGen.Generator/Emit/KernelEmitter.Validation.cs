using System.Collections.Generic;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

internal static partial class KernelEmitter
{
    /// <summary>The argument checks, run in full before anything is written.</summary>
    private static void WriteValidation(CodeWriter w, KernelSpec spec)
    {
        string t = spec.ElementName;
        string guard = Kernels + ".KernelGuard";
        string readOnly = $"global::System.ReadOnlySpan<{t}>";
        var inputs = new List<string> { "query", "key", "value" };
        if (spec.HasBias)
        {
            inputs.Add("bias");
        }

        if (spec.IsAdditive)
        {
            inputs.AddRange(new[] { "queryProjection", "keyProjection", "scoreVector" });
        }

        var parameters = new List<string> { $"{readOnly} query", $"{readOnly} key", $"{readOnly} value" };
        parameters.AddRange(MaskParameters(spec));
        parameters.AddRange(ScoreParameters(spec));
        parameters.Add($"global::System.Span<{t}> output");
        w.Line("/// <summary>Checks every span's length, the run-time mask arguments, and that <c>output</c> overlaps no input.</summary>");
        w.Open($"private static void ValidateArguments({string.Join(", ", parameters)})");
        w.Line($"{guard}.RequireLength(query, QueryLength, QueryShape, nameof(query));");
        w.Line($"{guard}.RequireLength(key, KeyLength, KeyShape, nameof(key));");
        w.Line($"{guard}.RequireLength(value, ValueLength, ValueShape, nameof(value));");
        w.Line($"{guard}.RequireLength<{t}>(output, OutputLength, OutputShape, nameof(output));");
        if (spec.HasBooleanMask)
        {
            w.Line($"{guard}.RequireMaskLength(mask, SeqLen * KeySeqLen, Heads, nameof(mask));");
        }

        if (spec.HasBias)
        {
            w.Line($"{guard}.RequireMaskLength(bias, SeqLen * KeySeqLen, Heads, nameof(bias));");
        }

        if (spec.HasKeyPadding)
        {
            w.Line($"{guard}.RequireValidKeys(validKeys, KeySeqLen, nameof(validKeys));");
        }

        if (spec.IsAdditive)
        {
            w.Line($"{guard}.RequireLength(queryProjection, QueryProjectionLength, \"[HiddenDim, HeadDim]\", nameof(queryProjection));");
            w.Line($"{guard}.RequireLength(keyProjection, KeyProjectionLength, \"[HiddenDim, KeyDim]\", nameof(keyProjection));");
            w.Line($"{guard}.RequireLength(scoreVector, ScoreVectorLength, \"[HiddenDim]\", nameof(scoreVector));");
        }

        foreach (string input in inputs)
        {
            w.Line($"{guard}.RequireDisjoint<{t}>(output, {input}, nameof(output), nameof({input}));");
        }

        w.Close();
        w.Line();

        var weightsParameters = new List<string> { $"{readOnly} query", $"{readOnly} key", $"{readOnly} value" };
        if (spec.HasBias)
        {
            weightsParameters.Add($"{readOnly} bias");
        }

        weightsParameters.AddRange(ScoreParameters(spec));

        weightsParameters.AddRange(new[] { $"global::System.Span<{t}> output", $"global::System.Span<{t}> weights" });
        w.Line("/// <summary>Checks the <c>weights</c> span's length, and that it overlaps neither an input nor <c>output</c>.</summary>");
        w.Open($"private static void ValidateWeights({string.Join(", ", weightsParameters)})");
        w.Line($"{guard}.RequireLength<{t}>(weights, WeightsLength, WeightsShape, nameof(weights));");
        inputs.Add("output");
        foreach (string other in inputs)
        {
            w.Line($"{guard}.RequireDisjoint<{t}>(weights, {other}, nameof(weights), nameof({other}));");
        }

        w.Close();
        w.Line();
    }
}
