using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;
using static AttentionGen.AttentionScoreStage;

namespace AttentionGen.Tests.Kernels;

/// <summary>Every declared kernel with the problem it solves, for data-driven tests.</summary>
public static class KernelCatalog
{
    public static readonly IReadOnlyList<KernelUnderTest> All = new KernelUnderTest[]
    {
        new KernelUnderTest<float>(nameof(Dim1Len1), new(1, 1),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { Dim1Len1.Compute(q, k, v, o); } else if (s == Probabilities) { Dim1Len1.Compute(q, k, v, o, w); } else { Dim1Len1.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(Dim3Len7), new(3, 7),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { Dim3Len7.Compute(q, k, v, o); } else if (s == Probabilities) { Dim3Len7.Compute(q, k, v, o, w); } else { Dim3Len7.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(Dim17Len33), new(17, 33),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { Dim17Len33.Compute(q, k, v, o); } else if (s == Probabilities) { Dim17Len33.Compute(q, k, v, o, w); } else { Dim17Len33.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(Dim65Cross7x33), new(65, 7, KeySeqLen: 33),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { Dim65Cross7x33.Compute(q, k, v, o); } else if (s == Probabilities) { Dim65Cross7x33.Compute(q, k, v, o, w); } else { Dim65Cross7x33.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(NarrowValues), new(16, 5, KeySeqLen: 9, ValueDim: 3),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { NarrowValues.Compute(q, k, v, o); } else if (s == Probabilities) { NarrowValues.Compute(q, k, v, o, w); } else { NarrowValues.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(WideValues), new(8, 4, ValueDim: 65),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { WideValues.Compute(q, k, v, o); } else if (s == Probabilities) { WideValues.Compute(q, k, v, o, w); } else { WideValues.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(GroupedQuery), new(16, 6, ValueDim: 24, Heads: 6, KeyValueHeads: 2),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { GroupedQuery.Compute(q, k, v, o); } else if (s == Probabilities) { GroupedQuery.Compute(q, k, v, o, w); } else { GroupedQuery.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(WideRows), new(256, 2, KeySeqLen: 17, ValueDim: 260),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { WideRows.Compute(q, k, v, o); } else if (s == Probabilities) { WideRows.Compute(q, k, v, o, w); } else { WideRows.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(Causal33), new(32, 33, Mask: AttentionMask.Causal),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { Causal33.Compute(q, k, v, c, o); } else if (s == Probabilities) { Causal33.Compute(q, k, v, c, o, w); } else { Causal33.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(CausalOverCache), new(8, 4, KeySeqLen: 18, Mask: AttentionMask.Causal),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { CausalOverCache.Compute(q, k, v, c, o); } else if (s == Probabilities) { CausalOverCache.Compute(q, k, v, c, o, w); } else { CausalOverCache.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(Padded), new(17, 7, KeySeqLen: 33, Mask: AttentionMask.KeyPadding),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { Padded.Compute(q, k, v, n, o); } else if (s == Probabilities) { Padded.Compute(q, k, v, n, o, w); } else { Padded.Compute(q, k, v, n, o, w, s); } }),
        new KernelUnderTest<float>(nameof(DecodeGroupedPadded), new(64, 3, KeySeqLen: 65, Heads: 4, KeyValueHeads: 1, Mask: AttentionMask.Causal | AttentionMask.KeyPadding),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { DecodeGroupedPadded.Compute(q, k, v, n, c, o); } else if (s == Probabilities) { DecodeGroupedPadded.Compute(q, k, v, n, c, o, w); } else { DecodeGroupedPadded.Compute(q, k, v, n, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(ScaledDot), new(24, 10, Score: AttentionScore.DotProduct, Scale: 0.05),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { ScaledDot.Compute(q, k, v, o); } else if (s == Probabilities) { ScaledDot.Compute(q, k, v, o, w); } else { ScaledDot.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(Softcapped), new(32, 12, Softcap: 5),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { Softcapped.Compute(q, k, v, o); } else if (s == Probabilities) { Softcapped.Compute(q, k, v, o, w); } else { Softcapped.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(GaussianSmall), new(3, 7, Score: AttentionScore.Gaussian, Scale: 2),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { GaussianSmall.Compute(q, k, v, o); } else if (s == Probabilities) { GaussianSmall.Compute(q, k, v, o, w); } else { GaussianSmall.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(GaussianCausal), new(65, 9, Score: AttentionScore.Gaussian, Scale: 0.05, Mask: AttentionMask.Causal),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { GaussianCausal.Compute(q, k, v, c, o); } else if (s == Probabilities) { GaussianCausal.Compute(q, k, v, c, o, w); } else { GaussianCausal.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(Interleaved), new(8, 5, KeySeqLen: 6, ValueDim: 10, Heads: 3, Layout: AttentionLayout.Interleaved),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { Interleaved.Compute(q, k, v, o); } else if (s == Probabilities) { Interleaved.Compute(q, k, v, o, w); } else { Interleaved.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(LargeLogits), new(40, 7, KeySeqLen: 33, Score: AttentionScore.DotProduct, Mask: AttentionMask.Causal),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { LargeLogits.Compute(q, k, v, c, o); } else if (s == Probabilities) { LargeLogits.Compute(q, k, v, c, o, w); } else { LargeLogits.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(Nested.Outer.Inner.NestedKernel), new(4, 2),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { Nested.Outer.Inner.NestedKernel.Compute(q, k, v, o); } else if (s == Probabilities) { Nested.Outer.Inner.NestedKernel.Compute(q, k, v, o, w); } else { Nested.Outer.Inner.NestedKernel.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(BooleanMasked), new(16, 5, KeySeqLen: 9, Mask: AttentionMask.Boolean),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { BooleanMasked.Compute(q, k, v, m, o); } else if (s == Probabilities) { BooleanMasked.Compute(q, k, v, m, o, w); } else { BooleanMasked.Compute(q, k, v, m, o, w, s); } }),
        new KernelUnderTest<float>(nameof(BooleanCausal), new(8, 6, Heads: 3, Mask: AttentionMask.Boolean | AttentionMask.Causal),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { BooleanCausal.Compute(q, k, v, m, c, o); } else if (s == Probabilities) { BooleanCausal.Compute(q, k, v, m, c, o, w); } else { BooleanCausal.Compute(q, k, v, m, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(BiasedSoftcapped), new(17, 7, KeySeqLen: 33, Softcap: 3, Mask: AttentionMask.Additive),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { BiasedSoftcapped.Compute(q, k, v, b, o); } else if (s == Probabilities) { BiasedSoftcapped.Compute(q, k, v, b, o, w); } else { BiasedSoftcapped.Compute(q, k, v, b, o, w, s); } }),
        new KernelUnderTest<float>(nameof(EveryMask), new(8, 4, KeySeqLen: 11, ValueDim: 5, Heads: 4, KeyValueHeads: 2, Layout: AttentionLayout.Interleaved, Mask: AttentionMask.Causal | AttentionMask.KeyPadding | AttentionMask.Boolean | AttentionMask.Additive),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { EveryMask.Compute(q, k, v, m, b, n, c, o); } else if (s == Probabilities) { EveryMask.Compute(q, k, v, m, b, n, c, o, w); } else { EveryMask.Compute(q, k, v, m, b, n, c, o, w, s); } }),
        new KernelUnderTest<double>(nameof(DoubleCausal), new(33, 9, Mask: AttentionMask.Causal),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { DoubleCausal.Compute(q, k, v, c, o); } else if (s == Probabilities) { DoubleCausal.Compute(q, k, v, c, o, w); } else { DoubleCausal.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<double>(nameof(DoubleGroupedInterleaved), new(5, 4, Heads: 4, KeyValueHeads: 2, Softcap: 2, Layout: AttentionLayout.Interleaved),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { DoubleGroupedInterleaved.Compute(q, k, v, o); } else if (s == Probabilities) { DoubleGroupedInterleaved.Compute(q, k, v, o, w); } else { DoubleGroupedInterleaved.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<double>(nameof(DoubleBiasedPadded), new(9, 3, KeySeqLen: 10, Mask: AttentionMask.Additive | AttentionMask.KeyPadding),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { DoubleBiasedPadded.Compute(q, k, v, b, n, o); } else if (s == Probabilities) { DoubleBiasedPadded.Compute(q, k, v, b, n, o, w); } else { DoubleBiasedPadded.Compute(q, k, v, b, n, o, w, s); } }),
        new KernelUnderTest<float>(nameof(GaussianSoftcapped), new(6, 5, KeySeqLen: 8, Score: AttentionScore.Gaussian, Scale: 3, Softcap: 1.5, Mask: AttentionMask.Boolean),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { GaussianSoftcapped.Compute(q, k, v, m, o); } else if (s == Probabilities) { GaussianSoftcapped.Compute(q, k, v, m, o, w); } else { GaussianSoftcapped.Compute(q, k, v, m, o, w, s); } }),
        new KernelUnderTest<Half>(nameof(HalfCausal), new(17, 7, KeySeqLen: 33, Mask: AttentionMask.Causal),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { HalfCausal.Compute(q, k, v, c, o); } else if (s == Probabilities) { HalfCausal.Compute(q, k, v, c, o, w); } else { HalfCausal.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<Half>(nameof(HalfMasked), new(8, 4, KeySeqLen: 11, ValueDim: 20, Heads: 2, Softcap: 2, Mask: AttentionMask.Boolean | AttentionMask.Additive | AttentionMask.KeyPadding),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { HalfMasked.Compute(q, k, v, m, b, n, o); } else if (s == Probabilities) { HalfMasked.Compute(q, k, v, m, b, n, o, w); } else { HalfMasked.Compute(q, k, v, m, b, n, o, w, s); } }),
        new KernelUnderTest<float>(nameof(ChunkedCausal), new(128, 9, KeySeqLen: 700, Mask: AttentionMask.Causal),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { ChunkedCausal.Compute(q, k, v, c, o); } else if (s == Probabilities) { ChunkedCausal.Compute(q, k, v, c, o, w); } else { ChunkedCausal.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(ChunkedPaddedSoftcapped), new(200, 10, KeySeqLen: 333, Softcap: 4, Mask: AttentionMask.KeyPadding),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { ChunkedPaddedSoftcapped.Compute(q, k, v, n, o); } else if (s == Probabilities) { ChunkedPaddedSoftcapped.Compute(q, k, v, n, o, w); } else { ChunkedPaddedSoftcapped.Compute(q, k, v, n, o, w, s); } }),
        new KernelUnderTest<double>(nameof(ChunkedDoubleGrouped), new(64, 8, KeySeqLen: 400, Heads: 4, KeyValueHeads: 2, Layout: AttentionLayout.Interleaved, Mask: AttentionMask.Causal),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { ChunkedDoubleGrouped.Compute(q, k, v, c, o); } else if (s == Probabilities) { ChunkedDoubleGrouped.Compute(q, k, v, c, o, w); } else { ChunkedDoubleGrouped.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(DecodeFolded), new(64, 1, KeySeqLen: 100, Heads: 8, KeyValueHeads: 2, Mask: AttentionMask.Causal | AttentionMask.KeyPadding),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { DecodeFolded.Compute(q, k, v, n, c, o); } else if (s == Probabilities) { DecodeFolded.Compute(q, k, v, n, c, o, w); } else { DecodeFolded.Compute(q, k, v, n, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(DecodeFoldedInterleaved), new(16, 1, KeySeqLen: 37, Heads: 12, KeyValueHeads: 2, Softcap: 3, Layout: AttentionLayout.Interleaved, Mask: AttentionMask.Causal),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { DecodeFoldedInterleaved.Compute(q, k, v, c, o); } else if (s == Probabilities) { DecodeFoldedInterleaved.Compute(q, k, v, c, o, w); } else { DecodeFoldedInterleaved.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(DecodeFoldedChunks), new(128, 1, KeySeqLen: 700, Heads: 12, KeyValueHeads: 3),
            static (q, k, v, m, b, n, c, o, w, s) => { if (w.IsEmpty) { DecodeFoldedChunks.Compute(q, k, v, o); } else if (s == Probabilities) { DecodeFoldedChunks.Compute(q, k, v, o, w); } else { DecodeFoldedChunks.Compute(q, k, v, o, w, s); } }),
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
}
