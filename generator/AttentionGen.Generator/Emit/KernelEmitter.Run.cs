using System.Collections.Generic;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

internal static partial class KernelEmitter
{
    /// <summary>Whether <c>head</c> is the first this call computes of its key/value head's group (a range may start mid-group).</summary>
    private const string NewKeyValueHead = "head == firstHead || head % GroupSize == 0";

    /// <summary>
    /// <c>Run</c>: the working memory, then the loop over heads, each head's keys gone through by the kernel's
    /// <see cref="KeyStrategy"/>; the strategy's own methods follow it (<see cref="WriteStrategyMethods"/>).
    /// </summary>
    private static void WriteRun(CodeWriter w, KernelSpec spec)
    {
        List<Parameter> parameters = KernelParameters.Inputs(spec, withOffset: spec.TakesPositions);
        parameters.AddRange(new[] { KernelParameters.Output(spec), KernelParameters.Weights(spec), KernelParameters.Stage });
        var declarations = parameters.Declarations(qualified: false);
        declarations.AddRange(new[] { "Span<float> logSumExp", "int firstHead", "int endHead" });
        w.Line("/// <summary>");
        w.Line("/// Runs the kernel on arguments that have passed the checks, for query heads firstHead … endHead − 1; writes each output");
        w.Line("/// row's log-sum-exp too unless logSumExp is empty.");
        w.Line("/// </summary>");
        w.Line(AggressiveInlining);
        w.List("private static void Run", declarations, "");
        using (w.Block())
        {
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
                w.Line(RowReference(spec, "scoreVectorStart", "GetReference(scoreVector)", "HiddenDim", "scoreVectorScratch"));
                w.Line($"{spec.ComputeName} scoreVectorSum = AdditiveTanh.Sum(CreateReadOnlySpan(ref scoreVectorStart, HiddenDim)); // Σ w, part of every score");
                w.Line($"Projection.Transpose<{e}, {spec.ComputeName}>(queryProjection, HiddenDim, HeadDim, queryProjectionT);");
                w.Line($"Projection.Transpose<{e}, {spec.ComputeName}>(keyProjection, HiddenDim, KeyDim, keyProjectionT);");
            }

            w.Line($"ref {e} queries = ref GetReference(query);");
            w.Line($"ref {e} keys = ref GetReference(key);");
            w.Line($"ref {e} values = ref GetReference(value);");
            w.Line($"ref {e} outputs = ref GetReference(output);");
            if (spec.IsGaussian && spec.UsesBlocks)
            {
                w.Line($"{spec.ComputeName} largestKeyNorm = 0; // Scale·‖k‖² of the tile's largest key: whether the shifted form stays exact");
            }

            using (OpenHeadLoop(w, spec))
            {
                WriteHeadBody(w, spec);
            }
        }

        w.Line();
    }

    /// <summary>Where query row <paramref name="row"/> of head <paramref name="head"/> keeps its log-sum-exp: the output's row order.</summary>
    private static string LogSumExpIndex(KernelSpec spec, string head, string row)
        => spec.IsInterleaved ? $"{(row.Contains(" ") ? $"({row})" : row)} * Heads + {head}" : $"{head} * SeqLen + {row}";

    /// <summary>The sink logit of query head <paramref name="head"/>, in the compute type, or −∞ for a kernel without sinks.</summary>
    private static string SinkOf(KernelSpec spec, string head)
        => spec.Sinks ? Widened(spec, $"sinks[{head}]") : $"{spec.ComputeName}.NegativeInfinity";

    /// <summary>The loop over query heads: one at a time, or (folded decode) a key/value head's group at a time.</summary>
    private static CodeWriter.Scope OpenHeadLoop(CodeWriter w, KernelSpec spec)
    {
        if (spec.FoldsHeads)
        {
            w.Line("// One key/value head's group of query heads at a time (or the part of it in this call's range of heads).");
            CodeWriter.Scope groups = w.Block("for (int head = firstHead, groupEnd; head < endHead; head = groupEnd)");
            w.Line("int keyValueHead = head / GroupSize;");
            w.Line("groupEnd = Math.Min(endHead, (keyValueHead + 1) * GroupSize);");
            return groups;
        }

        CodeWriter.Scope heads = w.Block("for (int head = firstHead; head < endHead; head++)");
        if (spec.IsGrouped)
        {
            w.Line("int keyValueHead = head / GroupSize;");
        }

        return heads;
    }

    private static void WriteHeadBody(CodeWriter w, KernelSpec spec)
    {
        string e = spec.ElementName;
        string kvHead = spec.IsGrouped ? "keyValueHead" : "head";
        w.Line($"ref {e} headKeys = ref Add(ref keys, {kvHead} * KeyHeadStride);");
        w.Line($"ref {e} headValues = ref Add(ref values, {kvHead} * ValueHeadStride);");
        var perKeyCaches = new List<string>();
        if (spec.IsAdditive)
        {
            perKeyCaches.Add("isProjected");
        }

        if (spec.IsGaussian && !spec.UsesBlocks)
        {
            perKeyCaches.Add("hasNorm");
        }

        if (perKeyCaches.Count > 0 && spec.IsGrouped)
        {
            using (w.Block($"if ({NewKeyValueHead})"))
            {
                w.Line("// A new key/value head: its keys' projections and norms are computed afresh; the group's other query heads reuse them.");
                perKeyCaches.ForEach(cache => w.Line($"{cache}.Clear();"));
            }
        }
        else
        {
            perKeyCaches.ForEach(cache => w.Line($"{cache}.Clear(); // this head's keys are computed afresh"));
        }

        string limit = spec.HasKeyPadding ? "validKeys" : "KeySeqLen";
        switch (spec.Strategy)
        {
            case KeyStrategy.Tiled:
                WriteTiledHead(w, spec, limit);
                break;
            case KeyStrategy.Chunked:
            case KeyStrategy.FoldedDecode:
                WriteChunkedHead(w, spec, limit);
                break;
            case KeyStrategy.SlidingWindow:
                WriteSlidingWindowHead(w, spec, limit);
                break;
            default:
                WriteRowsOfHead(w, spec, limit);
                break;
        }
    }

    /// <summary>The methods <c>Run</c>'s strategy calls: weights writers, block microkernels, per-key caches, score functions.</summary>
    private static void WriteStrategyMethods(CodeWriter w, KernelSpec spec)
    {
        WriteWeightsMethod(w, spec);
        if (spec.UsesOnlineSoftmax)
        {
            WriteChunkedWeightsMethod(w, spec);
        }

        if (spec.UsesBlocks)
        {
            WriteBlockShape(w, spec);
        }

        if (spec.IsAdditive)
        {
            WriteProjectedKeyMethod(w, spec);
        }

        if (spec.IsGaussian && !spec.UsesBlocks)
        {
            WriteKeyHalfNormMethod(w, spec);
        }

        WriteScore(w, spec);
        if (!spec.UsesBlocks)
        {
            WriteValueAccumulation(w, spec);
        }
    }
}
