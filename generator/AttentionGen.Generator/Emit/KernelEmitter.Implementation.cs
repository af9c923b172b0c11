using System.Collections.Generic;
using System.Linq;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

internal static partial class KernelEmitter
{
    private const string AggressiveInlining = "[MethodImpl(MethodImplOptions.AggressiveInlining)]";

    /// <summary>
    /// The implementation: a <c>file static class</c> in <see cref="ImplementationNamespace"/>, so it needs no access to
    /// the user's class (which may be private and nested) and its names cannot collide with the user's members.
    /// </summary>
    public static void WriteImplementation(CodeWriter w, KernelSpec spec, bool withParallelEntryPoints)
    {
        using (w.Block($"namespace {ImplementationNamespace}"))
        {
            w.Line("using System;");
            w.Line("using System.Runtime.CompilerServices;");
            w.Line("using System.Runtime.Intrinsics;");
            w.Line("using AttentionGen.Kernels;");
            w.Line("using static System.Runtime.CompilerServices.Unsafe;");
            w.Line("using static System.Runtime.InteropServices.MemoryMarshal;");
            w.Line();
            w.Doc($"<summary>The implementation of {spec.ClassName}'s entry points; see the remarks there.</summary>");
            using (w.Block($"file static class {spec.ImplementationName}"))
            {
                WriteImplementationConstants(w, spec);
                WriteImplementationEntryPoints(w, spec, withParallelEntryPoints);
                WriteValidation(w, spec);
                WriteRun(w, spec);
                WriteStrategyMethods(w, spec);
            }
        }
    }

    /// <summary><c>ComputeWithLogSumExp</c>'s extra output: one float per output row, whatever the element type.</summary>
    internal static readonly Parameter LogSumExp = new("Span<float>", "global::System.Span<float>", "logSumExp", ParameterRole.Output);

    /// <summary>The entry points the user's part forwards to: the checks, then <c>Run</c>.</summary>
    private static void WriteImplementationEntryPoints(CodeWriter w, KernelSpec spec, bool withParallelEntryPoints)
    {
        List<Parameter> inputs = KernelParameters.Inputs(spec, withOffset: spec.TakesPositions);
        Parameter output = KernelParameters.Output(spec);
        string checkedInputs = CheckedParameters(spec).Arguments();
        string runInputs = inputs.Arguments();

        w.Line("/// <summary>Checks the arguments, then computes every head.</summary>");
        w.List("internal static void Compute", inputs.Append(output).Declarations(qualified: false), "");
        using (w.Block())
        {
            w.Line($"ValidateArguments({checkedInputs});");
            w.Line($"Run({runInputs}, output, weights: default, AttentionScoreStage.Probabilities, logSumExp: default, firstHead: 0, endHead: Heads);");
        }

        w.Line();
        w.Line("/// <summary>Checks the arguments, then computes every head, writing each output row's log-sum-exp too.</summary>");
        w.List("internal static void ComputeWithLogSumExp", inputs.Append(output).Append(LogSumExp).Declarations(qualified: false), "");
        using (w.Block())
        {
            w.Line($"ValidateArguments({checkedInputs});");
            w.Line("KernelGuard.RequireLength<float>(logSumExp, Heads * SeqLen, \"Heads · SeqLen\", nameof(logSumExp));");
            if (spec.Element == ElementKind.Single)
            {
                foreach (Parameter span in inputs.Append(output).Where(p => p.Type.StartsWith("ReadOnlySpan<float>", System.StringComparison.Ordinal) || p.Name == "output"))
                {
                    w.Line($"KernelGuard.RequireDisjoint<float>(logSumExp, {span.Name}, nameof(logSumExp), nameof({span.Name}));");
                }
            }

            w.Line($"Run({runInputs}, output, weights: default, AttentionScoreStage.Probabilities, logSumExp, firstHead: 0, endHead: Heads);");
        }

        w.Line();
        w.Line("/// <summary>Checks the arguments, then computes every head, writing <c>weights</c> too.</summary>");
        var withWeights = inputs.Concat(new[] { output, KernelParameters.Weights(spec), KernelParameters.Stage });
        w.List("internal static void Compute", withWeights.Declarations(qualified: false), "");
        using (w.Block())
        {
            w.Line("KernelGuard.RequireDefined(stage, nameof(stage));");
            w.Line($"ValidateArguments({checkedInputs});");
            w.Line($"ValidateWeights({WeightsCheckParameters(spec).Arguments()});");
            w.Line($"Run({runInputs}, output, weights, stage, logSumExp: default, firstHead: 0, endHead: Heads);");
        }

        w.Line();
        if (!OffersParallelEntryPoints(spec, withParallelEntryPoints))
        {
            return;
        }

        // Run's inputs read back from the pinned spans: their properties are the parameters' names, capitalised.
        var pinned = inputs.ConvertAll(p => $"arguments.{char.ToUpperInvariant(p.Name[0])}{p.Name.Substring(1)}");
        pinned.AddRange(new[] { "arguments.Output", "weights: default", "AttentionScoreStage.Probabilities", "logSumExp: default", "firstHead", "endHead" });
        w.Line("/// <summary>Computes ranges of heads for <c>ComputeInParallel</c>: one instance per kernel, made once.</summary>");
        w.Line($"private static readonly HeadWork<{spec.ElementName}> ParallelHeads = new(RunHeads, Heads);");
        w.Line();
        w.Line("/// <summary>Runs query heads firstHead … endHead − 1 on arguments a <c>ComputeInParallel</c> call has checked and pinned.</summary>");
        using (w.Block($"private static void RunHeads(in PinnedArguments<{spec.ElementName}> arguments, int firstHead, int endHead)"))
        {
            w.List("Run", pinned, ";");
        }

        w.Line();
        w.Line("/// <summary>Checks the arguments, then shares the heads out across the cores.</summary>");
        w.List("internal static void ComputeInParallel", inputs.Append(output).Declarations(qualified: false), "");
        using (w.Block())
        {
            w.Line($"ValidateArguments({checkedInputs});");
            var forwarded = new List<string> { "query", "key", "value", "output" };
            forwarded.AddRange(inputs.FindAll(p => p.Role is not ParameterRole.Input).ConvertAll(p => $"{p.Name}: {p.Name}"));
            w.Line($"ParallelHeads.Run({string.Join(", ", forwarded)});");
        }

        w.Line();
    }

    /// <summary>The shape and the constants the implementation computes with.</summary>
    private static void WriteImplementationConstants(CodeWriter w, KernelSpec spec)
    {
        w.Line($"// The shape, as {spec.ClassName} declares it (defaults resolved).");
        Const(w, "HeadDim", spec.HeadDim);
        Const(w, "SeqLen", spec.SeqLen);
        Const(w, "KeySeqLen", spec.KeySeqLen);
        Const(w, "ValueDim", spec.ValueDim);
        Const(w, "KeyDim", spec.KeyDim);
        Const(w, "Heads", spec.Heads);
        Const(w, "KeyValueHeads", spec.KeyValueHeads);
        if (spec.IsAdditive)
        {
            Const(w, "HiddenDim", spec.HiddenDim);
        }

        if (spec.IsGrouped)
        {
            w.Line("private const int GroupSize = Heads / KeyValueHeads; // query heads that share one key/value head");
        }

        long scratch = ScratchLayout.Bytes(spec);
        Const(w, "ScratchBytes", scratch);
        Const(w, "StackBytes", KernelMemory.StackBytes(scratch));
        w.Line();
        w.Line($"// Where rows start: {(spec.IsInterleaved ? "interleaved, a row holds every head's slice" : "head-major, each head's rows are contiguous")}.");
        WriteStrides(w, spec, "Query", "Heads", "SeqLen", "HeadDim");
        WriteStrides(w, spec, "Key", "KeyValueHeads", "KeySeqLen", "KeyDim");
        WriteStrides(w, spec, "Value", "KeyValueHeads", "KeySeqLen", "ValueDim");
        WriteStrides(w, spec, "Output", "Heads", "SeqLen", "ValueDim");
        w.Line();
        string factorNote = spec.Score switch
        {
            AttentionScore.Gaussian => $"−Scale / 2 with Scale = {Invariant(spec.Scale)}: the Gaussian score is −Scale · ‖q − k‖² / 2",
            AttentionScore.Additive => $"Scale = {Invariant(spec.Scale)}: the additive score is Scale · w·tanh(W_q q + W_k k)",
            AttentionScore.ScaledDotProduct when spec.Scale == 1.0 / System.Math.Sqrt(spec.HeadDim) => "1 / sqrt(HeadDim)",
            _ => $"Scale = {Invariant(spec.Scale)}",
        };
        w.Line($"// Multiplies the raw score: {factorNote}.");
        w.Line($"private const {spec.ComputeName} ScoreFactor = {spec.Literal(spec.ScoreFactor)};");
        if (spec.IsGaussian)
        {
            w.Line("// Multiplies q·k in the Gaussian score's shifted form, Scale·(q·k − ‖k‖²/2).");
            w.Line($"private const {spec.ComputeName} AffinityFactor = {spec.Literal(spec.Scale)};");
            w.Line("// The shifted form is used while Scale·‖x‖² stays below this: its logit error then stays under 2⁻¹².");
            w.Line($"private const {spec.ComputeName} GaussianExactLimit = {spec.Literal(spec.GaussianExactLimit)};");
        }

        if (spec.HasWindow)
        {
            w.Line("// The sliding window: a row at position p attends keys p − LeftWindow … p + RightWindow (−1: that side unbounded).");
            w.Line($"private const int LeftWindow = {spec.LeftWindow};");
            w.Line($"private const int RightWindow = {spec.RightWindow};");
        }

        if (spec.HasAlibi)
        {
            w.Line($"// ALiBi with maximum bias {Invariant(spec.AlibiMaxBias)}: each head's slope; −slope · |p − j| joins the scores after the softcap.");
            double[] slopes = spec.AlibiSlopes();
            WriteConstantArray(w, "internal static readonly float[] AlibiSlopes",
                slopes.Select(slope => ((float)slope).ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f").ToList());
            if (spec.ComputeName == "float")
            {
                w.Line("private static float[] Slopes => AlibiSlopes; // the kernel computes in float");
            }
            else
            {
                w.Line("// The slopes in the type the kernel computes in.");
                WriteConstantArray(w, $"private static readonly {spec.ComputeName}[] Slopes", slopes.Select(spec.Literal).ToList());
            }
        }

        if (spec.Softcap > 0)
        {
            w.Line("// Scores are softcapped to Softcap · tanh(s / Softcap) before any mask.");
            w.Line($"private const {spec.ComputeName} Softcap = {spec.Literal(spec.Softcap)};");
        }

        if (spec.UsesBlocks)
        {
            WriteBlockConstants(w, spec);
        }

        w.Line();
        w.Line("// Shapes quoted by the argument checks.");
        ShapeConst(w, spec, "QueryShape", "Heads", spec.Heads, "SeqLen", spec.SeqLen, "HeadDim", spec.HeadDim);
        ShapeConst(w, spec, "KeyShape", "KeyValueHeads", spec.KeyValueHeads, "KeySeqLen", spec.KeySeqLen, "KeyDim", spec.KeyDim);
        ShapeConst(w, spec, "ValueShape", "KeyValueHeads", spec.KeyValueHeads, "KeySeqLen", spec.KeySeqLen, "ValueDim", spec.ValueDim);
        ShapeConst(w, spec, "OutputShape", "Heads", spec.Heads, "SeqLen", spec.SeqLen, "ValueDim", spec.ValueDim);
        w.Line($"private const string WeightsShape = \"[Heads = {spec.Heads}, SeqLen = {spec.SeqLen}, KeySeqLen = {spec.KeySeqLen}]\";");
        w.Line();
    }

    private static void Const(CodeWriter w, string name, long value) => w.Line($"private const int {name} = {value};");

    /// <summary>An array of constants: on one line when it fits, else a block of them packed several to a line.</summary>
    private static void WriteConstantArray(CodeWriter w, string declaration, List<string> values)
    {
        string oneLine = $"{declaration} = {{ {string.Join(", ", values)} }};";
        if (oneLine.Length <= CodeWriter.MaxLineLength - 8)
        {
            w.Line(oneLine);
            return;
        }

        w.Line(declaration + " =");
        using (w.Block(suffix: ";"))
        {
            w.Packed(values.Select((value, i) => i < values.Count - 1 ? value + "," : value));
        }
    }

    private static void WriteStrides(CodeWriter w, KernelSpec spec, string prefix, string heads, string rows, string width)
    {
        w.Line($"private const int {prefix}HeadStride = {(spec.IsInterleaved ? width : rows + " * " + width)};");
        w.Line($"private const int {prefix}RowStride = {(spec.IsInterleaved ? heads + " * " + width : width)};");
    }

    private static void ShapeConst(CodeWriter w, KernelSpec spec, string name, string heads, int headCount, string rows, int rowCount, string width, int widthCount)
    {
        string shape = spec.IsInterleaved
            ? $"[{rows} = {rowCount}, {heads} · {width} = {headCount} · {widthCount}]"
            : $"[{heads} = {headCount}, {rows} = {rowCount}, {width} = {widthCount}]";
        w.Line($"private const string {name} = \"{shape}\";");
    }
}
