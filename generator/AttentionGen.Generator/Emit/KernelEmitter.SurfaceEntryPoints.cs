using System.Collections.Generic;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

internal static partial class KernelEmitter
{
    /// <summary>What a <c>Compute</c> overload writes besides <c>output</c>.</summary>
    private enum Outputs
    {
        Output,
        Weights,
        WeightsAtStage,
        LogSumExp,
    }

    /// <summary>The public <c>Compute</c> overloads: with and without <c>weights</c>, and with Causal, with and without <c>causalOffset</c>.</summary>
    private static void WriteEntryPoints(CodeWriter w, KernelSpec spec)
    {
        foreach (Outputs outputs in new[] { Outputs.Output, Outputs.Weights, Outputs.WeightsAtStage, Outputs.LogSumExp })
        {
            if (spec.TakesPositions)
            {
                WriteComputeOverload(w, spec, withOffset: false, outputs);
            }

            WriteComputeOverload(w, spec, withOffset: spec.TakesPositions, outputs);
        }
    }

    private static void WriteComputeOverload(CodeWriter w, KernelSpec spec, bool withOffset, Outputs outputs)
    {
        w.Doc(outputs switch
        {
            Outputs.Weights => "<summary>Computes the attention output and also writes the attention probabilities to <paramref name=\"weights\"/>.</summary>",
            Outputs.WeightsAtStage => "<summary>Computes the attention output and also writes the scores at <paramref name=\"stage\"/> "
                + "(or the probabilities) to <paramref name=\"weights\"/>.</summary>",
            Outputs.LogSumExp => "<summary>Computes the attention output and also each output row's log-sum-exp, <c>m + log(Σ exp(s − m))</c> over "
                + "its attended keys (and its sink): results over key ranges computed apart merge exactly with "
                + "<c>global::AttentionGen.Attention.MergePartials</c>.</summary>",
            _ => "<summary>Computes <c>softmax(score(Q, K) + mask) · V</c> for every query head and row.</summary>",
        });
        WriteInputDocs(w, spec, withOffset);
        if (outputs == Outputs.Weights)
        {
            w.Doc("<param name=\"weights\">Receives the probabilities, <c>[Heads, SeqLen, KeySeqLen]</c>, <see cref=\"WeightsLength\"/> elements; "
                + "masked keys get 0.</param>");
        }

        if (outputs == Outputs.LogSumExp)
        {
            w.Doc("<param name=\"logSumExp\">Receives one value per output row, in the output's row order, <see cref=\"LogSumExpLength\"/> "
                + "elements; −∞ for a row with no key (and no sink).</param>");
        }

        if (outputs == Outputs.WeightsAtStage)
        {
            w.Doc("<param name=\"weights\">Receives <c>[Heads, SeqLen, KeySeqLen]</c> values, <see cref=\"WeightsLength\"/> elements: "
                + "the scores at <paramref name=\"stage\"/>, or the probabilities.</param>");
            w.Doc("<param name=\"stage\">What <paramref name=\"weights\"/> receives: the scaled scores, the softcapped scores, the scores plus "
                + "the bias (−∞ where masked), or the probabilities (ONNX's <c>qk_matmul_output_mode</c> 0 to 3).</param>");
        }

        if (spec.TakesPositions && !withOffset)
        {
            w.Doc(spec.HasWindow
                ? "<remarks>Query rows sit at positions 0 … SeqLen − 1 (<c>causalOffset = 0</c>).</remarks>"
                : "<remarks>The causal mask is top-left aligned (<c>causalOffset = 0</c>).</remarks>");
        }

        WriteExceptionDocs(w, spec);
        if (outputs == Outputs.WeightsAtStage)
        {
            w.Doc("<exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"stage\"/> is not one of the four stages; "
                + "nothing is written.</exception>");
        }

        WriteMethodAttributes(w);
        List<Parameter> parameters = KernelParameters.Inputs(spec, withOffset);
        parameters.Add(KernelParameters.Output(spec));
        if (outputs == Outputs.LogSumExp)
        {
            parameters.Add(LogSumExp);
        }
        else if (outputs != Outputs.Output)
        {
            parameters.Add(KernelParameters.Weights(spec));
        }

        if (outputs == Outputs.WeightsAtStage)
        {
            parameters.Add(KernelParameters.Stage);
        }

        string method = outputs == Outputs.LogSumExp ? "ComputeWithLogSumExp" : "Compute";
        w.List($"public static void {method}", parameters.Declarations(qualified: true), "");
        List<string> arguments = ForwardedArguments(spec, parameters, withOffset);
        if (outputs == Outputs.Weights)
        {
            arguments.Add("global::AttentionGen.AttentionScoreStage.Probabilities");
        }

        using (w.Block())
        {
            w.List($"{QualifiedImplementation(spec)}.{method}", arguments, ";");
        }

        w.Line();
    }

    /// <summary>
    /// <c>ComputeInParallel</c>, for kernels of two or more query heads: the same result as <c>Compute</c>, its heads
    /// shared out across the cores. The single-threaded <c>Compute</c> stays the default.
    /// </summary>
    private static void WriteParallelEntryPoints(CodeWriter w, KernelSpec spec)
    {
        foreach (bool withOffset in spec.TakesPositions ? new[] { false, true } : new[] { false })
        {
            w.Line("/// <summary>");
            w.Doc("Computes what <c>Compute</c> does, with the heads shared out across the cores: each core but this thread's takes a "
                + "contiguous range of heads on a background thread kept for the purpose. Allocates nothing per call. Calls that "
                + "overlap do not wait for each other: a call that finds the cores' threads busy computes all its heads on its own thread.");
            w.Line("/// </summary>");
            w.Doc("<remarks>Worth it when each head is large enough to outweigh waking a thread (tens of microseconds); "
                + "the same arguments and errors as <c>Compute</c>.</remarks>");
            WriteExceptionDocs(w, spec);
            WriteMethodAttributes(w);
            List<Parameter> parameters = KernelParameters.Inputs(spec, withOffset);
            parameters.Add(KernelParameters.Output(spec));
            w.List("public static void ComputeInParallel", parameters.Declarations(qualified: true), "");
            using (w.Block())
            {
                w.List($"{QualifiedImplementation(spec)}.ComputeInParallel", ForwardedArguments(spec, parameters, withOffset), ";");
            }

            w.Line();
        }
    }

    /// <summary>The arguments that forward <paramref name="parameters"/> to the implementation, which always takes <c>causalOffset</c>.</summary>
    private static List<string> ForwardedArguments(KernelSpec spec, List<Parameter> parameters, bool withOffset)
    {
        var arguments = parameters.ConvertAll(p => p.Name);
        if (spec.TakesPositions && !withOffset)
        {
            int afterMasks = parameters.FindLastIndex(p => p.Role is ParameterRole.Input or ParameterRole.Mask) + 1;
            arguments.Insert(afterMasks, "causalOffset: 0");
        }

        return arguments;
    }

    /// <summary>The inputs' <c>param</c> documentation, in api.md's order.</summary>
    private static void WriteInputDocs(CodeWriter w, KernelSpec spec, bool withOffset)
    {
        string Layout(string heads, string rows, string width) => spec.IsInterleaved ? $"[{rows}, {heads} · {width}]" : $"[{heads}, {rows}, {width}]";
        w.Doc($"<param name=\"query\">Query rows, <c>{Layout("Heads", "SeqLen", "HeadDim")}</c>, <see cref=\"QueryLength\"/> elements.</param>");
        w.Doc($"<param name=\"key\">Key rows, <c>{Layout("KeyValueHeads", "KeySeqLen", "HeadDim")}</c>, <see cref=\"KeyLength\"/> elements.</param>");
        w.Doc($"<param name=\"value\">Value rows, <c>{Layout("KeyValueHeads", "KeySeqLen", "ValueDim")}</c>, <see cref=\"ValueLength\"/> elements.</param>");
        if (spec.HasBooleanMask)
        {
            w.Doc("<param name=\"mask\"><c>true</c> = may attend; <c>[SeqLen, KeySeqLen]</c> shared by all heads, or <c>[Heads, SeqLen, KeySeqLen]</c>.</param>");
        }

        if (spec.HasBias)
        {
            w.Doc("<param name=\"bias\">Added to the scores after the softcap; <c>−∞</c> masks the key. <c>[SeqLen, KeySeqLen]</c> shared by all "
                + "heads, or <c>[Heads, SeqLen, KeySeqLen]</c>.</param>");
        }

        if (spec.HasKeyPadding)
        {
            w.Doc("<param name=\"validKeys\">Keys <c>j &gt;= validKeys</c> are masked; <c>0 … KeySeqLen</c>.</param>");
        }

        if (withOffset)
        {
            w.Doc($"<param name=\"causalOffset\">{OffsetDescription(spec)}; may be negative. "
                + "A decode step over a cache passes the position of its first query row.</param>");
        }

        if (spec.IsAdditive)
        {
            w.Doc("<param name=\"queryProjection\"><c>W_q</c>, <c>[HiddenDim, HeadDim]</c>, shared by all heads.</param>");
            w.Doc("<param name=\"keyProjection\"><c>W_k</c>, <c>[HiddenDim, KeyDim]</c>, shared by all heads.</param>");
            w.Doc("<param name=\"scoreVector\"><c>w</c>, <c>[HiddenDim]</c>: the score is <c>Scale · w·tanh(W_q q + W_k k)</c>.</param>");
        }

        if (spec.Sinks)
        {
            w.Doc("<param name=\"sinks\">One logit per query head, <c>[Heads]</c>: it joins each row's softmax denominator with no value row, "
                + "so the probabilities sum to less than 1.</param>");
        }

        w.Doc($"<param name=\"output\">Receives the output rows, <c>{Layout("Heads", "SeqLen", "ValueDim")}</c>, <see cref=\"OutputLength\"/> "
            + "elements. A row whose keys are all masked is 0.</param>");
    }

    private static void WriteExceptionDocs(CodeWriter w, KernelSpec spec)
    {
        w.Doc("<exception cref=\"global::System.ArgumentException\">A span does not have exactly its length, or an output overlaps an input; "
            + "nothing is written.</exception>");
        if (spec.HasKeyPadding)
        {
            w.Doc("<exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"validKeys\"/> is not within "
                + "<c>0 … KeySeqLen</c>; nothing is written.</exception>");
        }
    }

    internal static void WriteMethodAttributes(CodeWriter w)
    {
        w.Line(GeneratedCode);
        w.Line("[global::System.Diagnostics.DebuggerNonUserCode]");
        w.Line("[global::System.Diagnostics.CodeAnalysis.ExcludeFromCodeCoverage]");
    }
}
