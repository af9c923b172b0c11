using System.Collections.Immutable;

namespace AttentionGen.Generator.Model;

/// <summary>
/// Every member name the generator writes into a kernel's or a layer's class: a member of the user's own with one of
/// these names would clash with generated code, so it is reported instead (ATTN0012). The generator tests hold every
/// generated file to this list.
/// </summary>
internal static class GeneratedNames
{
    public static readonly ImmutableHashSet<string> Members = ImmutableHashSet.Create(
        // Public: dimensions, span lengths, memory, entry points.
        "HeadDim", "SeqLen", "KeySeqLen", "ValueDim", "KeyDim", "Heads", "KeyValueHeads", "HiddenDim", "ModelDim",
        "QueryLength", "KeyLength", "ValueLength", "OutputLength", "WeightsLength", "LogSumExpLength", "AlibiSlopes",
        "QueryProjectionLength", "KeyProjectionLength", "ScoreVectorLength",
        "InProjWeightLength", "InProjBiasLength", "OutProjWeightLength", "OutProjBiasLength", "ScratchLength",
        "ScratchBytes", "StackBytes", "Descriptor", "Compute", "ComputeWithLogSumExp", "ComputeInParallel", "Forward",
        // Private to a layer: its checks and its nested kernel. A kernel's implementation lives in a class of its own.
        "ValidateArguments", "AttentionHeads");
}
