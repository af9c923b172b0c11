using System.Collections.Generic;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

internal static partial class KernelEmitter
{
    /// <summary>
    /// <c>ComputeInParallel</c>, for kernels of two or more query heads: the same result as <c>Compute</c>, its heads
    /// shared out across the cores by <c>HeadWork</c>. The single-threaded <c>Compute</c> stays the default.
    /// </summary>
    private static void WriteParallelEntryPoints(CodeWriter w, KernelSpec spec)
    {
        if (spec.Heads < 2)
        {
            return;
        }

        string e = spec.ElementName;
        // ComputeCore's inputs, read back from the pinned spans (their properties are the parameters' names, capitalised).
        List<string> arguments = InputParameters(spec, withOffset: spec.IsCausal)
            .ConvertAll(parameter => NameOf(parameter))
            .ConvertAll(name => $"arguments.{char.ToUpperInvariant(name[0])}{name.Substring(1)}");
        w.Line("/// <summary>Computes ranges of heads for <c>ComputeInParallel</c>: one instance per kernel, made once.</summary>");
        w.Line($"private static readonly {Kernels}.HeadWork<{e}> ParallelHeads = new(");
        w.Line($"    static (in {Kernels}.PinnedArguments<{e}> arguments, int firstHead, int endHead) =>");
        w.Line($"        ComputeCore({string.Join(", ", arguments)}, arguments.Output, weights: default, global::AttentionGen.AttentionScoreStage.Probabilities, firstHead, endHead),");
        w.Line("    Heads);");
        w.Line();
        if (spec.IsCausal)
        {
            WriteParallelOverload(w, spec, withOffset: false);
        }

        WriteParallelOverload(w, spec, withOffset: spec.IsCausal);
    }

    private static void WriteParallelOverload(CodeWriter w, KernelSpec spec, bool withOffset)
    {
        string e = spec.ElementName;
        w.Line("/// <summary>");
        w.Line("/// Computes what <c>Compute</c> does, with the heads shared out across the cores: each core but this thread's takes a");
        w.Line("/// contiguous range of heads on a background thread kept for the purpose. Allocates nothing per call. Calls that");
        w.Line("/// overlap do not wait for each other: a call that finds the cores' threads busy computes all its heads on its own thread.");
        w.Line("/// </summary>");
        w.Line("/// <remarks>Worth it when each head is large enough to outweigh waking a thread (tens of microseconds); the same arguments and errors as <c>Compute</c>.</remarks>");
        w.Line("/// <exception cref=\"global::System.ArgumentException\">A span does not have exactly its length, or an output overlaps an input; nothing is written.</exception>");
        WriteMethodAttributes(w);
        List<string> parameters = InputParameters(spec, withOffset);
        parameters.Add($"global::System.Span<{e}> output");
        w.Open($"public static void ComputeInParallel({string.Join(", ", parameters)})");
        var names = parameters.ConvertAll(NameOf);
        if (spec.IsCausal && !withOffset)
        {
            names.Insert(3 + new List<string>(MaskParameters(spec)).Count, "causalOffset: 0");
            w.Line($"ComputeInParallel({string.Join(", ", names)});");
            w.Close();
            w.Line();
            return;
        }

        w.Line($"ValidateArguments({string.Join(", ", names.FindAll(name => name != "causalOffset"))});");
        var forwarded = new List<string> { "query", "key", "value", "output" };
        forwarded.AddRange(names.FindAll(name => name is "mask" or "bias" or "validKeys" or "causalOffset" or "queryProjection" or "keyProjection" or "scoreVector")
            .ConvertAll(name => $"{name}: {name}"));
        w.Line($"ParallelHeads.Run({string.Join(", ", forwarded)});");
        w.Close();
        w.Line();
    }
}
