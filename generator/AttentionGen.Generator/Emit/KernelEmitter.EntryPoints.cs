using System.Collections.Generic;
using System.Linq;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

internal static partial class KernelEmitter
{
    /// <summary>The public <c>Compute</c> overloads: with and without <c>weights</c>, and with Causal, with and without <c>causalOffset</c>.</summary>
    private static void WriteEntryPoints(CodeWriter w, KernelSpec spec)
    {
        foreach (Outputs outputs in new[] { Outputs.Output, Outputs.Weights, Outputs.WeightsAtStage })
        {
            if (spec.IsCausal)
            {
                WriteComputeOverload(w, spec, withOffset: false, outputs);
            }

            WriteComputeOverload(w, spec, withOffset: spec.IsCausal, outputs);
        }
    }

    /// <summary>What an overload writes besides <c>output</c>.</summary>
    private enum Outputs
    {
        Output,
        Weights,
        WeightsAtStage,
    }

    private static void WriteComputeOverload(CodeWriter w, KernelSpec spec, bool withOffset, Outputs outputs)
    {
        bool withWeights = outputs != Outputs.Output;
        string t = spec.ElementName;
        string queryLayout = spec.IsInterleaved ? "[SeqLen, Heads · HeadDim]" : "[Heads, SeqLen, HeadDim]";
        string keyLayout = spec.IsInterleaved ? "[KeySeqLen, KeyValueHeads · HeadDim]" : "[KeyValueHeads, KeySeqLen, HeadDim]";
        string valueLayout = spec.IsInterleaved ? "[KeySeqLen, KeyValueHeads · ValueDim]" : "[KeyValueHeads, KeySeqLen, ValueDim]";
        string outputLayout = spec.IsInterleaved ? "[SeqLen, Heads · ValueDim]" : "[Heads, SeqLen, ValueDim]";

        w.Line(outputs switch
        {
            Outputs.Weights => "/// <summary>Computes the attention output and also writes the attention probabilities to <paramref name=\"weights\"/>.</summary>",
            Outputs.WeightsAtStage => "/// <summary>Computes the attention output and also writes the scores at <paramref name=\"stage\"/> (or the probabilities) to <paramref name=\"weights\"/>.</summary>",
            _ => "/// <summary>Computes <c>softmax(score(Q, K) + mask) · V</c> for every query head and row.</summary>",
        });
        w.Line($"/// <param name=\"query\">Query rows, <c>{queryLayout}</c>, <see cref=\"QueryLength\"/> elements.</param>");
        w.Line($"/// <param name=\"key\">Key rows, <c>{keyLayout}</c>, <see cref=\"KeyLength\"/> elements.</param>");
        w.Line($"/// <param name=\"value\">Value rows, <c>{valueLayout}</c>, <see cref=\"ValueLength\"/> elements.</param>");
        if (spec.HasBooleanMask)
        {
            w.Line("/// <param name=\"mask\"><c>true</c> = may attend; <c>[SeqLen, KeySeqLen]</c> shared by all heads, or <c>[Heads, SeqLen, KeySeqLen]</c>.</param>");
        }

        if (spec.HasBias)
        {
            w.Line("/// <param name=\"bias\">Added to the scores after the softcap; <c>−∞</c> masks the key. <c>[SeqLen, KeySeqLen]</c> shared by all heads, or <c>[Heads, SeqLen, KeySeqLen]</c>.</param>");
        }

        if (spec.HasKeyPadding)
        {
            w.Line("/// <param name=\"validKeys\">Keys <c>j &gt;= validKeys</c> are masked; <c>0 … KeySeqLen</c>.</param>");
        }

        if (withOffset)
        {
            w.Line("/// <param name=\"causalOffset\">Key <c>j</c> is masked for query row <c>i</c> when <c>j &gt; i + causalOffset</c>; may be negative. A decode step over a cache passes the position of its first query row.</param>");
        }

        if (spec.IsAdditive)
        {
            w.Line("/// <param name=\"queryProjection\"><c>W_q</c>, <c>[HiddenDim, HeadDim]</c>, shared by all heads.</param>");
            w.Line("/// <param name=\"keyProjection\"><c>W_k</c>, <c>[HiddenDim, KeyDim]</c>, shared by all heads.</param>");
            w.Line("/// <param name=\"scoreVector\"><c>w</c>, <c>[HiddenDim]</c>: the score is <c>Scale · w·tanh(W_q q + W_k k)</c>.</param>");
        }

        w.Line($"/// <param name=\"output\">Receives the output rows, <c>{outputLayout}</c>, <see cref=\"OutputLength\"/> elements. A row whose keys are all masked is 0.</param>");
        if (outputs == Outputs.Weights)
        {
            w.Line("/// <param name=\"weights\">Receives the probabilities, <c>[Heads, SeqLen, KeySeqLen]</c>, <see cref=\"WeightsLength\"/> elements; masked keys get 0.</param>");
        }

        if (outputs == Outputs.WeightsAtStage)
        {
            w.Line("/// <param name=\"weights\">Receives <c>[Heads, SeqLen, KeySeqLen]</c> values, <see cref=\"WeightsLength\"/> elements: the scores at <paramref name=\"stage\"/>, or the probabilities.</param>");
            w.Line("/// <param name=\"stage\">What <paramref name=\"weights\"/> receives: the scaled scores, the softcapped scores, the scores plus the bias (−∞ where masked), or the probabilities (ONNX's <c>qk_matmul_output_mode</c> 0 to 3).</param>");
        }

        if (spec.IsCausal && !withOffset)
        {
            w.Line("/// <remarks>The causal mask is top-left aligned (<c>causalOffset = 0</c>).</remarks>");
        }

        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have exactly its length, or an output overlaps an input; nothing is written.</exception>");
        if (spec.HasKeyPadding)
        {
            w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"validKeys\"/> is not within <c>0 … KeySeqLen</c>; nothing is written.</exception>");
        }

        if (outputs == Outputs.WeightsAtStage)
        {
            w.Line("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"stage\"/> is not one of the four stages; nothing is written.</exception>");
        }

        WriteMethodAttributes(w);
        List<string> parameters = InputParameters(spec, withOffset);
        parameters.Add($"global::System.Span<{t}> output");
        if (withWeights)
        {
            parameters.Add($"global::System.Span<{t}> weights");
        }

        if (outputs == Outputs.WeightsAtStage)
        {
            parameters.Add("global::AttentionGen.AttentionScoreStage stage");
        }

        w.Open($"public static void Compute({string.Join(", ", parameters)})");
        if (spec.IsCausal && !withOffset)
        {
            // Forward to the overload that takes the offset, with the top-left alignment.
            var forwarded = parameters.ConvertAll(NameOf);
            forwarded.Insert(3 + MaskParameters(spec).Count(), "causalOffset: 0");
            w.Line($"Compute({string.Join(", ", forwarded)});");
        }
        else
        {
            var names = parameters.ConvertAll(NameOf);
            string inputs = string.Join(", ", names.GetRange(0, names.IndexOf("output")));
            if (outputs == Outputs.WeightsAtStage)
            {
                w.Line($"{Kernels}.KernelGuard.RequireDefined(stage, nameof(stage));");
            }

            w.Line($"ValidateArguments({string.Join(", ", names.FindAll(name => name != "causalOffset" && name != "weights" && name != "stage"))});");
            if (withWeights)
            {
                w.Line($"ValidateWeights({string.Join(", ", names.FindAll(name => name is not ("mask" or "validKeys" or "causalOffset" or "stage")))});");
            }

            string stage = outputs == Outputs.WeightsAtStage ? "stage" : "global::AttentionGen.AttentionScoreStage.Probabilities";
            w.Line($"ComputeCore({inputs}, output, {(withWeights ? "weights" : "weights: default")}, {stage}, firstHead: 0, endHead: Heads);");
        }

        w.Close();
        w.Line();
    }

    /// <summary>The name of a parameter declaration such as <c>int validKeys</c>.</summary>
    private static string NameOf(string parameter) => parameter.Substring(parameter.LastIndexOf(' ') + 1);

    internal static void WriteMethodAttributes(CodeWriter w)
    {
        w.Line(GeneratedCode);
        w.Line("[global::System.Diagnostics.DebuggerNonUserCode]");
        w.Line("[global::System.Diagnostics.CodeAnalysis.ExcludeFromCodeCoverage]");
    }
}
