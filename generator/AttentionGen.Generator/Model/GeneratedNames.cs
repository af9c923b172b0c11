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
        "QueryLength", "KeyLength", "ValueLength", "OutputLength", "WeightsLength",
        "QueryProjectionLength", "KeyProjectionLength", "ScoreVectorLength",
        "InProjWeightLength", "InProjBiasLength", "OutProjWeightLength", "OutProjBiasLength", "ScratchLength",
        "ScratchBytes", "StackBytes", "Compute", "ComputeInParallel", "Forward",
        // Private: strides, factors, tile geometry, shapes quoted by the checks.
        "QueryHeadStride", "QueryRowStride", "KeyHeadStride", "KeyRowStride", "ValueHeadStride", "ValueRowStride",
        "OutputHeadStride", "OutputRowStride", "QueryBlockStride", "OutputBlockStride", "GroupSize",
        "ScoreFactor", "AffinityFactor", "GaussianExactLimit", "Softcap", "RowBlock", "KeyChunk", "KeyTileStride",
        "QueryShape", "KeyShape", "ValueShape", "OutputShape", "WeightsShape",
        // Private: the implementation's methods and the layer's nested kernel.
        "ParallelHeads", "ValidateArguments", "ValidateWeights", "ComputeCore", "WriteWeights", "WriteChunkedWeights",
        "ScoreRows", "AccumulateValueBlock", "AddValueBlock", "AccumulateValues", "AddValues", "Score", "Affinity",
        "KeyHalfNorm", "ProjectedKey", "AttentionHeads");
}
