using System.Collections.Immutable;
using AttentionGen.Generator.Emit;
using AttentionGen.Generator.Model;
using Xunit;

namespace AttentionGen.Generator.Tests;

/// <summary>The emitter over a matrix of options, without Roslyn: each spec's text is an approved snapshot.</summary>
public class EmitterSnapshotTests
{
    public static TheoryData<string> Cases => new()
    {
        "Tiny16", "OddWidths", "WideRows", "HeadDim1", "GroupedInterleaved", "CausalPadded", "GaussianSoftcapDouble", "DotScaled", "EveryMask", "BooleanPerKey", "HalfMasked", "AdditiveCausal", "AdditiveHalf", "ChunkedCausal",
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Emitted_kernel_matches_its_snapshot(string name)
        => KernelEmitter.Emit(Spec(name)).ShouldMatchSnapshot(name);

    private static KernelSpec Spec(string name) => name switch
    {
        "Tiny16" => Make(name, 16, 16),
        "OddWidths" => Make(name, 17, 7, keySeqLen: 33, valueDim: 65),
        "WideRows" => Make(name, 256, 2, keySeqLen: 17, valueDim: 260),
        "HeadDim1" => Make(name, 1, 1),
        "GroupedInterleaved" => Make(name, 16, 6, heads: 6, kvHeads: 2, layout: AttentionLayout.Interleaved),
        "CausalPadded" => Make(name, 64, 1, keySeqLen: 2048, heads: 32, kvHeads: 8, mask: AttentionMask.Causal | AttentionMask.KeyPadding),
        "GaussianSoftcapDouble" => Make(name, 3, 5, score: AttentionScore.Gaussian, scale: 2, softcap: 4, element: ElementKind.Double),
        "DotScaled" => Make(name, 8, 4, score: AttentionScore.DotProduct, scale: 0.05, mask: AttentionMask.Causal),
        "EveryMask" => Make(name, 8, 4, keySeqLen: 11, valueDim: 5, heads: 4, kvHeads: 2, softcap: 3, layout: AttentionLayout.Interleaved,
            mask: AttentionMask.Causal | AttentionMask.KeyPadding | AttentionMask.Boolean | AttentionMask.Additive),
        "BooleanPerKey" => Make(name, 32, 3, keySeqLen: 7, mask: AttentionMask.Boolean),
        "HalfMasked" => Make(name, 20, 3, keySeqLen: 5, mask: AttentionMask.Additive | AttentionMask.Causal, softcap: 2, element: ElementKind.Half),
        "AdditiveCausal" => Make(name, 6, 3, keySeqLen: 5, score: AttentionScore.Additive, hiddenDim: 20, keyDim: 9, mask: AttentionMask.Causal),
        "AdditiveHalf" => Make(name, 4, 2, score: AttentionScore.Additive, hiddenDim: 8, element: ElementKind.Half, mask: AttentionMask.Boolean),
        "ChunkedCausal" => Make(name, 128, 9, keySeqLen: 700, softcap: 5, mask: AttentionMask.Causal),
        _ => throw new System.ArgumentOutOfRangeException(nameof(name)),
    };

    private static KernelSpec Make(
        string name, int headDim, int seqLen, int keySeqLen = 0, int valueDim = 0, int heads = 1, int kvHeads = 0,
        AttentionScore score = AttentionScore.ScaledDotProduct, double scale = 0, double softcap = 0,
        AttentionMask mask = AttentionMask.None, AttentionLayout layout = AttentionLayout.HeadMajor, ElementKind element = ElementKind.Single,
        int hiddenDim = 0, int keyDim = 0)
        => new(
            "Snapshots.Kernels",
            new EquatableArray<ContainingType>(ImmutableArray<ContainingType>.Empty),
            name,
            $"Snapshots.Kernels.{name}.g.cs",
            headDim,
            seqLen,
            keySeqLen == 0 ? seqLen : keySeqLen,
            valueDim == 0 ? headDim : valueDim,
            heads,
            kvHeads == 0 ? heads : kvHeads,
            score,
            scale != 0 ? scale : score == AttentionScore.ScaledDotProduct ? 1 / System.Math.Sqrt(headDim) : 1,
            softcap,
            mask,
            layout,
            element,
            hiddenDim,
            keyDim == 0 ? headDim : keyDim);
}
