using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

internal static partial class KernelEmitter
{
    /// <summary>
    /// The kernel's public surface, declared with <paramref name="declaration"/> (e.g. <c>private static partial class</c>):
    /// constants, <c>Descriptor</c> and the entry points, each forwarding to the implementation class. A layer's nested
    /// kernel, called only by the layer, goes without <c>ComputeInParallel</c>.
    /// </summary>
    public static void WriteSurface(CodeWriter w, KernelSpec spec, string declaration, bool withParallelEntryPoints)
    {
        w.Line("/// <remarks>");
        w.Doc($"AttentionGen kernel: <c>{ScoreFormula(spec)}</c>{SoftcapClause(spec)}, masks: {MaskDescription(spec)}, softmax over the keys "
            + $"(row maximum subtracted), weighted sum of value rows. Layout: {LayoutDescription(spec)}.");
        w.Line("/// </remarks>");
        using (w.Block($"{declaration} {spec.ClassName}"))
        {
            WritePublicConstants(w, spec);
            WriteDescriptor(w, spec);
            WriteEntryPoints(w, spec);
            if (OffersParallelEntryPoints(spec, withParallelEntryPoints))
            {
                WriteParallelEntryPoints(w, spec);
            }
        }
    }

    /// <summary><c>ComputeInParallel</c> is written for a kernel of two or more heads, unless it is a layer's own.</summary>
    private static bool OffersParallelEntryPoints(KernelSpec spec, bool wanted) => wanted && spec.Heads > 1;

    private static void WritePublicConstants(CodeWriter w, KernelSpec spec)
    {
        w.Line("// Dimensions, as declared (defaults resolved).");
        PublicConst(w, "HeadDim", spec.HeadDim.ToString(), "Width of query and key rows.");
        PublicConst(w, "SeqLen", spec.SeqLen.ToString(), "Query rows per head.");
        PublicConst(w, "KeySeqLen", spec.KeySeqLen.ToString(), "Key and value rows per key/value head.");
        PublicConst(w, "ValueDim", spec.ValueDim.ToString(), "Width of value and output rows.");
        PublicConst(w, "KeyDim", spec.KeyDim == spec.HeadDim ? "HeadDim" : spec.KeyDim.ToString(), "Width of key rows: HeadDim but for the additive score.");
        PublicConst(w, "Heads", spec.Heads.ToString(), "Query heads per call.");
        PublicConst(w, "KeyValueHeads", spec.KeyValueHeads.ToString(),
            "Key/value heads per call; query head <c>h</c> reads key/value head <c>h / (Heads / KeyValueHeads)</c>.");
        w.Line();
        w.Line("// Element counts every span must have exactly.");
        PublicConst(w, "QueryLength", "Heads * SeqLen * HeadDim", "Elements of <c>query</c>.");
        PublicConst(w, "KeyLength", "KeyValueHeads * KeySeqLen * KeyDim", "Elements of <c>key</c>.");
        PublicConst(w, "ValueLength", "KeyValueHeads * KeySeqLen * ValueDim", "Elements of <c>value</c>.");
        PublicConst(w, "OutputLength", "Heads * SeqLen * ValueDim", "Elements of <c>output</c>.");
        PublicConst(w, "WeightsLength", "Heads * SeqLen * KeySeqLen", "Elements of <c>weights</c>: <c>[Heads, SeqLen, KeySeqLen]</c> in every layout.");
        PublicConst(w, "LogSumExpLength", "Heads * SeqLen", "Elements of <c>logSumExp</c>: one per output row, in the output's row order.");
        if (spec.HasAlibi)
        {
            w.Line();
            w.Doc($"<summary>ALiBi's slope of each query head (maximum bias {Invariant(spec.AlibiMaxBias)}, ggml's and BLOOM's formula): "
                + "<c>−slope · |p − j|</c> joins each score.</summary>");
            w.Line(GeneratedCode);
            w.Line($"public static global::System.ReadOnlySpan<float> AlibiSlopes => {QualifiedImplementation(spec)}.AlibiSlopes;");
        }
        if (spec.IsAdditive)
        {
            PublicConst(w, "HiddenDim", spec.HiddenDim.ToString(), "Hidden width of the additive score.");
            PublicConst(w, "QueryProjectionLength", "HiddenDim * HeadDim", "Elements of <c>queryProjection</c>, <c>W_q</c>: <c>[HiddenDim, HeadDim]</c>.");
            PublicConst(w, "KeyProjectionLength", "HiddenDim * KeyDim", "Elements of <c>keyProjection</c>, <c>W_k</c>: <c>[HiddenDim, KeyDim]</c>.");
            PublicConst(w, "ScoreVectorLength", "HiddenDim", "Elements of <c>scoreVector</c>, <c>w</c>.");
        }

        w.Line();
        w.Line("// Memory a call takes.");
        long scratch = ScratchLayout.Bytes(spec);
        string where = KernelMemory.OnStack(scratch) ? "on the stack" : "in this thread's <see cref=\"global::AttentionGen.AttentionWorkspace\"/>";
        PublicConst(w, "ScratchBytes", scratch.ToString(CultureInfo.InvariantCulture), $"Bytes of working memory a call takes, {where}.");
        PublicConst(w, "StackBytes", KernelMemory.StackBytes(scratch).ToString(CultureInfo.InvariantCulture),
            "The most stack a call uses; with less left, it throws <c>InsufficientExecutionStackException</c> and writes nothing.");
        w.Line();
    }

    private static void PublicConst(CodeWriter w, string name, string value, string summary)
    {
        w.Doc($"<summary>{summary}</summary>");
        w.Line(GeneratedCode);
        w.Line($"public const int {name} = {value};");
    }

    /// <summary><c>Descriptor</c>: the kernel's shape and options as the generic path takes them.</summary>
    private static void WriteDescriptor(CodeWriter w, KernelSpec spec)
    {
        var properties = new List<string>
        {
            $"HeadDim = {spec.HeadDim}",
            $"SeqLen = {spec.SeqLen}",
            $"KeySeqLen = {spec.KeySeqLen}",
            $"ValueDim = {spec.ValueDim}",
            $"Heads = {spec.Heads}",
            $"KeyValueHeads = {spec.KeyValueHeads}",
            $"Score = global::AttentionGen.AttentionScore.{spec.Score}",
            $"Scale = {Invariant(spec.Scale)}",
        };
        if (spec.Softcap > 0)
        {
            properties.Add($"Softcap = {Invariant(spec.Softcap)}");
        }

        properties.Add($"Mask = {MaskExpression(spec.Mask)}");
        properties.Add($"Layout = global::AttentionGen.AttentionLayout.{spec.Layout}");
        if (spec.IsAdditive)
        {
            properties.Add($"HiddenDim = {spec.HiddenDim}");
            properties.Add($"KeyDim = {spec.KeyDim}");
        }

        if (spec.Sinks)
        {
            properties.Add("Sinks = true");
        }

        if (spec.HasAlibi)
        {
            properties.Add($"AlibiMaxBias = {Invariant(spec.AlibiMaxBias)}");
        }

        if (spec.HasLeftWindow)
        {
            properties.Add($"LeftWindow = {spec.LeftWindow}");
        }

        if (spec.HasRightWindow)
        {
            properties.Add($"RightWindow = {spec.RightWindow}");
        }

        w.Doc("<summary>The kernel's shape and options as the generic path takes them: "
            + "<c>Attention.Compute(Descriptor, …)</c> computes what <c>Compute(…)</c> computes.</summary>");
        w.Line(GeneratedCode);
        w.Line("public static global::AttentionGen.AttentionDescriptor Descriptor { get; } = new()");
        using (w.Block(suffix: ";"))
        {
            foreach (string property in properties)
            {
                w.Line(property + ",");
            }
        }

        w.Line();
    }

    private static string MaskExpression(AttentionMask mask)
    {
        if (mask == AttentionMask.None)
        {
            return "global::AttentionGen.AttentionMask.None";
        }

        var flags = new List<string>();
        foreach (AttentionMask flag in new[] { AttentionMask.Causal, AttentionMask.KeyPadding, AttentionMask.Boolean, AttentionMask.Additive })
        {
            if ((mask & flag) != 0)
            {
                flags.Add($"global::AttentionGen.AttentionMask.{flag}");
            }
        }

        return string.Join(" | ", flags);
    }
}
