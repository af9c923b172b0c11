using System.Collections.Generic;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

internal static partial class KernelEmitter
{
    /// <summary>The public <c>Compute</c> overloads: with and without <c>weights</c>, and with Causal, with and without <c>causalOffset</c>.</summary>
    private static void WriteEntryPoints(CodeWriter w, KernelSpec spec)
    {
        foreach (bool withWeights in new[] { false, true })
        {
            if (spec.IsCausal)
            {
                WriteComputeOverload(w, spec, withOffset: false, withWeights);
            }

            WriteComputeOverload(w, spec, withOffset: spec.IsCausal, withWeights);
        }
    }

    private static void WriteComputeOverload(CodeWriter w, KernelSpec spec, bool withOffset, bool withWeights)
    {
        string t = spec.ElementName;
        string queryLayout = spec.IsInterleaved ? "[SeqLen, Heads · HeadDim]" : "[Heads, SeqLen, HeadDim]";
        string keyLayout = spec.IsInterleaved ? "[KeySeqLen, KeyValueHeads · HeadDim]" : "[KeyValueHeads, KeySeqLen, HeadDim]";
        string valueLayout = spec.IsInterleaved ? "[KeySeqLen, KeyValueHeads · ValueDim]" : "[KeyValueHeads, KeySeqLen, ValueDim]";
        string outputLayout = spec.IsInterleaved ? "[SeqLen, Heads · ValueDim]" : "[Heads, SeqLen, ValueDim]";

        w.Line(withWeights
            ? "/// <summary>Computes the attention output and also writes the attention probabilities to <paramref name=\"weights\"/>.</summary>"
            : "/// <summary>Computes <c>softmax(score(Q, K) + mask) · V</c> for every query head and row.</summary>");
        w.Line($"/// <param name=\"query\">Query rows, <c>{queryLayout}</c>, <see cref=\"QueryLength\"/> elements.</param>");
        w.Line($"/// <param name=\"key\">Key rows, <c>{keyLayout}</c>, <see cref=\"KeyLength\"/> elements.</param>");
        w.Line($"/// <param name=\"value\">Value rows, <c>{valueLayout}</c>, <see cref=\"ValueLength\"/> elements.</param>");
        if (spec.HasKeyPadding)
        {
            w.Line("/// <param name=\"validKeys\">Keys <c>j &gt;= validKeys</c> are masked; <c>0 … KeySeqLen</c>.</param>");
        }

        if (withOffset)
        {
            w.Line("/// <param name=\"causalOffset\">Key <c>j</c> is masked for query row <c>i</c> when <c>j &gt; i + causalOffset</c>; may be negative. A decode step over a cache passes the position of its first query row.</param>");
        }

        w.Line($"/// <param name=\"output\">Receives the output rows, <c>{outputLayout}</c>, <see cref=\"OutputLength\"/> elements. A row whose keys are all masked is 0.</param>");
        if (withWeights)
        {
            w.Line("/// <param name=\"weights\">Receives the probabilities, <c>[Heads, SeqLen, KeySeqLen]</c>, <see cref=\"WeightsLength\"/> elements; masked keys get 0.</param>");
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

        WriteMethodAttributes(w);
        var parameters = new List<string> { $"global::System.ReadOnlySpan<{t}> query", $"global::System.ReadOnlySpan<{t}> key", $"global::System.ReadOnlySpan<{t}> value" };
        if (spec.HasKeyPadding)
        {
            parameters.Add("int validKeys");
        }

        if (withOffset)
        {
            parameters.Add("int causalOffset");
        }

        parameters.Add($"global::System.Span<{t}> output");
        if (withWeights)
        {
            parameters.Add($"global::System.Span<{t}> weights");
        }

        w.Open($"public static void Compute({string.Join(", ", parameters)})");
        if (spec.IsCausal && !withOffset)
        {
            // Forward to the overload that takes the offset, with the top-left alignment.
            string forwarded = string.Join(", ", parameters.ConvertAll(NameOf)).Replace("output", "causalOffset: 0, output");
            w.Line($"Compute({forwarded});");
        }
        else
        {
            string coreArguments = "query, key, value, " + (spec.HasKeyPadding ? "validKeys, " : "") + (spec.IsCausal ? "causalOffset, " : "")
                + "output, " + (withWeights ? "weights" : "weights: default");
            w.Line($"ValidateArguments(query, key, value, {(spec.HasKeyPadding ? "validKeys, " : "")}output);");
            if (withWeights)
            {
                w.Line("ValidateWeights(query, key, value, output, weights);");
            }

            w.Line($"ComputeCore({coreArguments});");
        }

        w.Close();
        w.Line();
    }

    /// <summary>The name of a parameter declaration such as <c>int validKeys</c>.</summary>
    private static string NameOf(string parameter) => parameter.Substring(parameter.LastIndexOf(' ') + 1);

    private static void WriteMethodAttributes(CodeWriter w)
    {
        w.Line(GeneratedCode);
        w.Line("[global::System.Diagnostics.DebuggerNonUserCode]");
        w.Line("[global::System.Diagnostics.CodeAnalysis.ExcludeFromCodeCoverage]");
    }
}
