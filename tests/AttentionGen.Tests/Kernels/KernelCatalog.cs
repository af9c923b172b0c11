using System.Collections.Generic;
using System.Linq;
using AttentionGen.Tests.Reference;
using Xunit;

namespace AttentionGen.Tests.Kernels;

/// <summary>Every declared kernel with the problem it solves, for data-driven tests.</summary>
public static class KernelCatalog
{
    public static readonly IReadOnlyList<KernelUnderTest> All = new KernelUnderTest[]
    {
        Plain(nameof(Dim1Len1), new(1, 1), static (q, k, v, _, _, o, w) => { if (w.IsEmpty) Dim1Len1.Compute(q, k, v, o); else Dim1Len1.Compute(q, k, v, o, w); }),
        Plain(nameof(Dim3Len7), new(3, 7), static (q, k, v, _, _, o, w) => { if (w.IsEmpty) Dim3Len7.Compute(q, k, v, o); else Dim3Len7.Compute(q, k, v, o, w); }),
        Plain(nameof(Dim17Len33), new(17, 33), static (q, k, v, _, _, o, w) => { if (w.IsEmpty) Dim17Len33.Compute(q, k, v, o); else Dim17Len33.Compute(q, k, v, o, w); }),
        Plain(nameof(Dim65Cross7x33), new(65, 7, KeySeqLen: 33), static (q, k, v, _, _, o, w) => { if (w.IsEmpty) Dim65Cross7x33.Compute(q, k, v, o); else Dim65Cross7x33.Compute(q, k, v, o, w); }),
        Plain(nameof(NarrowValues), new(16, 5, KeySeqLen: 9, ValueDim: 3), static (q, k, v, _, _, o, w) => { if (w.IsEmpty) NarrowValues.Compute(q, k, v, o); else NarrowValues.Compute(q, k, v, o, w); }),
        Plain(nameof(WideValues), new(8, 4, ValueDim: 65), static (q, k, v, _, _, o, w) => { if (w.IsEmpty) WideValues.Compute(q, k, v, o); else WideValues.Compute(q, k, v, o, w); }),
        Plain(nameof(GroupedQuery), new(16, 6, ValueDim: 24, Heads: 6, KeyValueHeads: 2), static (q, k, v, _, _, o, w) => { if (w.IsEmpty) GroupedQuery.Compute(q, k, v, o); else GroupedQuery.Compute(q, k, v, o, w); }),
        Plain(nameof(WideRows), new(256, 2, KeySeqLen: 17, ValueDim: 260), static (q, k, v, _, _, o, w) => { if (w.IsEmpty) WideRows.Compute(q, k, v, o); else WideRows.Compute(q, k, v, o, w); }),
        Plain(nameof(Causal33), new(32, 33, Mask: AttentionMask.Causal), static (q, k, v, _, c, o, w) => { if (w.IsEmpty) Causal33.Compute(q, k, v, c, o); else Causal33.Compute(q, k, v, c, o, w); }),
        Plain(nameof(CausalOverCache), new(8, 4, KeySeqLen: 18, Mask: AttentionMask.Causal), static (q, k, v, _, c, o, w) => { if (w.IsEmpty) CausalOverCache.Compute(q, k, v, c, o); else CausalOverCache.Compute(q, k, v, c, o, w); }),
        Plain(nameof(Padded), new(17, 7, KeySeqLen: 33, Mask: AttentionMask.KeyPadding), static (q, k, v, n, _, o, w) => { if (w.IsEmpty) Padded.Compute(q, k, v, n, o); else Padded.Compute(q, k, v, n, o, w); }),
        Plain(nameof(DecodeGroupedPadded), new(64, 3, KeySeqLen: 65, Heads: 4, KeyValueHeads: 1, Mask: AttentionMask.Causal | AttentionMask.KeyPadding),
            static (q, k, v, n, c, o, w) => { if (w.IsEmpty) DecodeGroupedPadded.Compute(q, k, v, n, c, o); else DecodeGroupedPadded.Compute(q, k, v, n, c, o, w); }),
        Plain(nameof(ScaledDot), new(24, 10, Score: AttentionScore.DotProduct, Scale: 0.05), static (q, k, v, _, _, o, w) => { if (w.IsEmpty) ScaledDot.Compute(q, k, v, o); else ScaledDot.Compute(q, k, v, o, w); }),
        Plain(nameof(Softcapped), new(32, 12, Softcap: 5), static (q, k, v, _, _, o, w) => { if (w.IsEmpty) Softcapped.Compute(q, k, v, o); else Softcapped.Compute(q, k, v, o, w); }),
        Plain(nameof(GaussianSmall), new(3, 7, Score: AttentionScore.Gaussian, Scale: 2), static (q, k, v, _, _, o, w) => { if (w.IsEmpty) GaussianSmall.Compute(q, k, v, o); else GaussianSmall.Compute(q, k, v, o, w); }),
        Plain(nameof(GaussianCausal), new(65, 9, Score: AttentionScore.Gaussian, Scale: 0.05, Mask: AttentionMask.Causal), static (q, k, v, _, c, o, w) => { if (w.IsEmpty) GaussianCausal.Compute(q, k, v, c, o); else GaussianCausal.Compute(q, k, v, c, o, w); }),
        Plain(nameof(Interleaved), new(8, 5, KeySeqLen: 6, ValueDim: 10, Heads: 3, Layout: AttentionLayout.Interleaved), static (q, k, v, _, _, o, w) => { if (w.IsEmpty) Interleaved.Compute(q, k, v, o); else Interleaved.Compute(q, k, v, o, w); }),
        Plain(nameof(LargeLogits), new(40, 7, KeySeqLen: 33, Score: AttentionScore.DotProduct, Mask: AttentionMask.Causal), static (q, k, v, _, c, o, w) => { if (w.IsEmpty) LargeLogits.Compute(q, k, v, c, o); else LargeLogits.Compute(q, k, v, c, o, w); }),
        Plain(nameof(Nested.Outer.Inner.NestedKernel), new(4, 2), static (q, k, v, _, _, o, w) => { if (w.IsEmpty) Nested.Outer.Inner.NestedKernel.Compute(q, k, v, o); else Nested.Outer.Inner.NestedKernel.Compute(q, k, v, o, w); }),
        new KernelUnderTest<double>(nameof(DoubleCausal), new(33, 9, Mask: AttentionMask.Causal),
            static (q, k, v, _, c, o, w) => { if (w.IsEmpty) DoubleCausal.Compute(q, k, v, c, o); else DoubleCausal.Compute(q, k, v, c, o, w); }),
        new KernelUnderTest<double>(nameof(DoubleGroupedInterleaved), new(5, 4, Heads: 4, KeyValueHeads: 2, Softcap: 2, Layout: AttentionLayout.Interleaved),
            static (q, k, v, _, _, o, w) => { if (w.IsEmpty) DoubleGroupedInterleaved.Compute(q, k, v, o); else DoubleGroupedInterleaved.Compute(q, k, v, o, w); }),
    };

    public static TheoryData<KernelUnderTest> Cases()
    {
        var data = new TheoryData<KernelUnderTest>();
        foreach (KernelUnderTest kernel in All)
        {
            data.Add(kernel);
        }

        return data;
    }

    public static KernelUnderTest Named(string name) => All.Single(kernel => kernel.Name == name);

    private static KernelUnderTest<float> Plain(string name, AttentionProblem problem, KernelCall<float> call) => new(name, problem, call);
}
