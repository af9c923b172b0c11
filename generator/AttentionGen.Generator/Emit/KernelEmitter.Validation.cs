using System.Collections.Generic;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

internal static partial class KernelEmitter
{
    /// <summary><c>ValidateArguments</c>' parameters: every input but <c>causalOffset</c> (any value is valid), and <c>output</c>.</summary>
    private static List<Parameter> CheckedParameters(KernelSpec spec)
    {
        List<Parameter> parameters = KernelParameters.Inputs(spec, withOffset: false);
        parameters.Add(KernelParameters.Output(spec));
        return parameters;
    }

    /// <summary><c>ValidateWeights</c>' parameters: the spans <c>weights</c> must not overlap, then <c>weights</c>.</summary>
    private static List<Parameter> WeightsCheckParameters(KernelSpec spec)
    {
        List<Parameter> parameters = CheckedParameters(spec).FindAll(p => p.Name is not ("mask" or "validKeys"));
        parameters.Add(KernelParameters.Weights(spec));
        return parameters;
    }

    /// <summary>The argument checks, run in full before anything is written.</summary>
    private static void WriteValidation(CodeWriter w, KernelSpec spec)
    {
        string t = spec.ElementName;
        List<Parameter> parameters = CheckedParameters(spec);
        w.Line("/// <summary>Checks every span's length, the run-time mask arguments, and that <c>output</c> overlaps no input.</summary>");
        w.List("private static void ValidateArguments", parameters.Declarations(qualified: false), "");
        using (w.Block())
        {
            w.Line("KernelGuard.RequireLength(query, Heads * SeqLen * HeadDim, QueryShape, nameof(query));");
            w.Line("KernelGuard.RequireLength(key, KeyValueHeads * KeySeqLen * KeyDim, KeyShape, nameof(key));");
            w.Line("KernelGuard.RequireLength(value, KeyValueHeads * KeySeqLen * ValueDim, ValueShape, nameof(value));");
            w.Line($"KernelGuard.RequireLength<{t}>(output, Heads * SeqLen * ValueDim, OutputShape, nameof(output));");
            if (spec.HasBooleanMask)
            {
                w.Line("KernelGuard.RequireMaskLength(mask, SeqLen * KeySeqLen, Heads, nameof(mask));");
            }

            if (spec.HasBias)
            {
                w.Line("KernelGuard.RequireMaskLength(bias, SeqLen * KeySeqLen, Heads, nameof(bias));");
            }

            if (spec.HasKeyPadding)
            {
                w.Line("KernelGuard.RequireValidKeys(validKeys, KeySeqLen, nameof(validKeys));");
            }

            if (spec.IsAdditive)
            {
                w.Line("KernelGuard.RequireLength(queryProjection, HiddenDim * HeadDim, \"[HiddenDim, HeadDim]\", nameof(queryProjection));");
                w.Line("KernelGuard.RequireLength(keyProjection, HiddenDim * KeyDim, \"[HiddenDim, KeyDim]\", nameof(keyProjection));");
                w.Line("KernelGuard.RequireLength(scoreVector, HiddenDim, \"[HiddenDim]\", nameof(scoreVector));");
            }

            if (spec.Sinks)
            {
                w.Line("KernelGuard.RequireLength(sinks, Heads, \"[Heads]\", nameof(sinks));");
            }

            foreach (Parameter input in parameters.FindAll(p => p.Type.StartsWith("ReadOnlySpan<" + t)))
            {
                w.Line($"KernelGuard.RequireDisjoint<{t}>(output, {input.Name}, nameof(output), nameof({input.Name}));");
            }
        }

        w.Line();
        List<Parameter> weightsParameters = WeightsCheckParameters(spec);
        w.Line("/// <summary>Checks the <c>weights</c> span's length, and that it overlaps neither an input nor <c>output</c>.</summary>");
        w.List("private static void ValidateWeights", weightsParameters.Declarations(qualified: false), "");
        using (w.Block())
        {
            w.Line($"KernelGuard.RequireLength<{t}>(weights, Heads * SeqLen * KeySeqLen, WeightsShape, nameof(weights));");
            foreach (Parameter other in weightsParameters.FindAll(p => p.Role != ParameterRole.Weights))
            {
                w.Line($"KernelGuard.RequireDisjoint<{t}>(weights, {other.Name}, nameof(weights), nameof({other.Name}));");
            }
        }

        w.Line();
    }
}
