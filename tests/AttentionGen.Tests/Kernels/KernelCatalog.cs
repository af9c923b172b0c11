using System;
using System.Collections.Generic;
using System.Linq;
using AttentionGen.Tests.Reference;
using Xunit;
using static AttentionGen.AttentionScoreStage;

namespace AttentionGen.Tests.Kernels;

/// <summary>
/// Every declared kernel with the problem it solves (its own <c>Descriptor</c>, which <c>DescriptorTests</c> holds to the
/// declaration), for data-driven tests.
/// </summary>
public static class KernelCatalog
{
    public static readonly IReadOnlyList<KernelUnderTest> All = new KernelUnderTest[]
    {
        new KernelUnderTest<float>(nameof(Dim1Len1), AttentionProblem.Of(Dim1Len1.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { Dim1Len1.ComputeWithLogSumExp(q, k, v, o, l); } else if (w.IsEmpty) { Dim1Len1.Compute(q, k, v, o); } else if (s == Probabilities) { Dim1Len1.Compute(q, k, v, o, w); } else { Dim1Len1.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(Dim3Len7), AttentionProblem.Of(Dim3Len7.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { Dim3Len7.ComputeWithLogSumExp(q, k, v, o, l); } else if (w.IsEmpty) { Dim3Len7.Compute(q, k, v, o); } else if (s == Probabilities) { Dim3Len7.Compute(q, k, v, o, w); } else { Dim3Len7.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(Dim17Len33), AttentionProblem.Of(Dim17Len33.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { Dim17Len33.ComputeWithLogSumExp(q, k, v, o, l); } else if (w.IsEmpty) { Dim17Len33.Compute(q, k, v, o); } else if (s == Probabilities) { Dim17Len33.Compute(q, k, v, o, w); } else { Dim17Len33.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(Dim65Cross7x33), AttentionProblem.Of(Dim65Cross7x33.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { Dim65Cross7x33.ComputeWithLogSumExp(q, k, v, o, l); } else if (w.IsEmpty) { Dim65Cross7x33.Compute(q, k, v, o); } else if (s == Probabilities) { Dim65Cross7x33.Compute(q, k, v, o, w); } else { Dim65Cross7x33.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(NarrowValues), AttentionProblem.Of(NarrowValues.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { NarrowValues.ComputeWithLogSumExp(q, k, v, o, l); } else if (w.IsEmpty) { NarrowValues.Compute(q, k, v, o); } else if (s == Probabilities) { NarrowValues.Compute(q, k, v, o, w); } else { NarrowValues.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(WideValues), AttentionProblem.Of(WideValues.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { WideValues.ComputeWithLogSumExp(q, k, v, o, l); } else if (w.IsEmpty) { WideValues.Compute(q, k, v, o); } else if (s == Probabilities) { WideValues.Compute(q, k, v, o, w); } else { WideValues.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(GroupedQuery), AttentionProblem.Of(GroupedQuery.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { GroupedQuery.ComputeWithLogSumExp(q, k, v, o, l); } else if (w.IsEmpty) { GroupedQuery.Compute(q, k, v, o); } else if (s == Probabilities) { GroupedQuery.Compute(q, k, v, o, w); } else { GroupedQuery.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(WideRows), AttentionProblem.Of(WideRows.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { WideRows.ComputeWithLogSumExp(q, k, v, o, l); } else if (w.IsEmpty) { WideRows.Compute(q, k, v, o); } else if (s == Probabilities) { WideRows.Compute(q, k, v, o, w); } else { WideRows.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(Causal33), AttentionProblem.Of(Causal33.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { Causal33.ComputeWithLogSumExp(q, k, v, c, o, l); } else if (w.IsEmpty) { Causal33.Compute(q, k, v, c, o); } else if (s == Probabilities) { Causal33.Compute(q, k, v, c, o, w); } else { Causal33.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(CausalOverCache), AttentionProblem.Of(CausalOverCache.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { CausalOverCache.ComputeWithLogSumExp(q, k, v, c, o, l); } else if (w.IsEmpty) { CausalOverCache.Compute(q, k, v, c, o); } else if (s == Probabilities) { CausalOverCache.Compute(q, k, v, c, o, w); } else { CausalOverCache.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(Padded), AttentionProblem.Of(Padded.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { Padded.ComputeWithLogSumExp(q, k, v, n, o, l); } else if (w.IsEmpty) { Padded.Compute(q, k, v, n, o); } else if (s == Probabilities) { Padded.Compute(q, k, v, n, o, w); } else { Padded.Compute(q, k, v, n, o, w, s); } }),
        new KernelUnderTest<float>(nameof(DecodeGroupedPadded), AttentionProblem.Of(DecodeGroupedPadded.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { DecodeGroupedPadded.ComputeWithLogSumExp(q, k, v, n, c, o, l); } else if (w.IsEmpty) { DecodeGroupedPadded.Compute(q, k, v, n, c, o); } else if (s == Probabilities) { DecodeGroupedPadded.Compute(q, k, v, n, c, o, w); } else { DecodeGroupedPadded.Compute(q, k, v, n, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(ScaledDot), AttentionProblem.Of(ScaledDot.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { ScaledDot.ComputeWithLogSumExp(q, k, v, o, l); } else if (w.IsEmpty) { ScaledDot.Compute(q, k, v, o); } else if (s == Probabilities) { ScaledDot.Compute(q, k, v, o, w); } else { ScaledDot.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(Softcapped), AttentionProblem.Of(Softcapped.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { Softcapped.ComputeWithLogSumExp(q, k, v, o, l); } else if (w.IsEmpty) { Softcapped.Compute(q, k, v, o); } else if (s == Probabilities) { Softcapped.Compute(q, k, v, o, w); } else { Softcapped.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(GaussianSmall), AttentionProblem.Of(GaussianSmall.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { GaussianSmall.ComputeWithLogSumExp(q, k, v, o, l); } else if (w.IsEmpty) { GaussianSmall.Compute(q, k, v, o); } else if (s == Probabilities) { GaussianSmall.Compute(q, k, v, o, w); } else { GaussianSmall.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(GaussianCausal), AttentionProblem.Of(GaussianCausal.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { GaussianCausal.ComputeWithLogSumExp(q, k, v, c, o, l); } else if (w.IsEmpty) { GaussianCausal.Compute(q, k, v, c, o); } else if (s == Probabilities) { GaussianCausal.Compute(q, k, v, c, o, w); } else { GaussianCausal.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(GaussianTiled), AttentionProblem.Of(GaussianTiled.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { GaussianTiled.ComputeWithLogSumExp(q, k, v, n, c, o, l); } else if (w.IsEmpty) { GaussianTiled.Compute(q, k, v, n, c, o); } else if (s == Probabilities) { GaussianTiled.Compute(q, k, v, n, c, o, w); } else { GaussianTiled.Compute(q, k, v, n, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(Interleaved), AttentionProblem.Of(Interleaved.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { Interleaved.ComputeWithLogSumExp(q, k, v, o, l); } else if (w.IsEmpty) { Interleaved.Compute(q, k, v, o); } else if (s == Probabilities) { Interleaved.Compute(q, k, v, o, w); } else { Interleaved.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(LargeLogits), AttentionProblem.Of(LargeLogits.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { LargeLogits.ComputeWithLogSumExp(q, k, v, c, o, l); } else if (w.IsEmpty) { LargeLogits.Compute(q, k, v, c, o); } else if (s == Probabilities) { LargeLogits.Compute(q, k, v, c, o, w); } else { LargeLogits.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(Nested.Outer.Inner.NestedKernel), AttentionProblem.Of(Nested.Outer.Inner.NestedKernel.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { Nested.Outer.Inner.NestedKernel.ComputeWithLogSumExp(q, k, v, o, l); } else if (w.IsEmpty) { Nested.Outer.Inner.NestedKernel.Compute(q, k, v, o); } else if (s == Probabilities) { Nested.Outer.Inner.NestedKernel.Compute(q, k, v, o, w); } else { Nested.Outer.Inner.NestedKernel.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(BooleanMasked), AttentionProblem.Of(BooleanMasked.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { BooleanMasked.ComputeWithLogSumExp(q, k, v, m, o, l); } else if (w.IsEmpty) { BooleanMasked.Compute(q, k, v, m, o); } else if (s == Probabilities) { BooleanMasked.Compute(q, k, v, m, o, w); } else { BooleanMasked.Compute(q, k, v, m, o, w, s); } }),
        new KernelUnderTest<float>(nameof(BooleanCausal), AttentionProblem.Of(BooleanCausal.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { BooleanCausal.ComputeWithLogSumExp(q, k, v, m, c, o, l); } else if (w.IsEmpty) { BooleanCausal.Compute(q, k, v, m, c, o); } else if (s == Probabilities) { BooleanCausal.Compute(q, k, v, m, c, o, w); } else { BooleanCausal.Compute(q, k, v, m, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(BiasedSoftcapped), AttentionProblem.Of(BiasedSoftcapped.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { BiasedSoftcapped.ComputeWithLogSumExp(q, k, v, b, o, l); } else if (w.IsEmpty) { BiasedSoftcapped.Compute(q, k, v, b, o); } else if (s == Probabilities) { BiasedSoftcapped.Compute(q, k, v, b, o, w); } else { BiasedSoftcapped.Compute(q, k, v, b, o, w, s); } }),
        new KernelUnderTest<float>(nameof(EveryMask), AttentionProblem.Of(EveryMask.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { EveryMask.ComputeWithLogSumExp(q, k, v, m, b, n, c, o, l); } else if (w.IsEmpty) { EveryMask.Compute(q, k, v, m, b, n, c, o); } else if (s == Probabilities) { EveryMask.Compute(q, k, v, m, b, n, c, o, w); } else { EveryMask.Compute(q, k, v, m, b, n, c, o, w, s); } }),
        new KernelUnderTest<double>(nameof(DoubleCausal), AttentionProblem.Of(DoubleCausal.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { DoubleCausal.ComputeWithLogSumExp(q, k, v, c, o, l); } else if (w.IsEmpty) { DoubleCausal.Compute(q, k, v, c, o); } else if (s == Probabilities) { DoubleCausal.Compute(q, k, v, c, o, w); } else { DoubleCausal.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<double>(nameof(DoubleGroupedInterleaved), AttentionProblem.Of(DoubleGroupedInterleaved.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { DoubleGroupedInterleaved.ComputeWithLogSumExp(q, k, v, o, l); } else if (w.IsEmpty) { DoubleGroupedInterleaved.Compute(q, k, v, o); } else if (s == Probabilities) { DoubleGroupedInterleaved.Compute(q, k, v, o, w); } else { DoubleGroupedInterleaved.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<double>(nameof(DoubleBiasedPadded), AttentionProblem.Of(DoubleBiasedPadded.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { DoubleBiasedPadded.ComputeWithLogSumExp(q, k, v, b, n, o, l); } else if (w.IsEmpty) { DoubleBiasedPadded.Compute(q, k, v, b, n, o); } else if (s == Probabilities) { DoubleBiasedPadded.Compute(q, k, v, b, n, o, w); } else { DoubleBiasedPadded.Compute(q, k, v, b, n, o, w, s); } }),
        new KernelUnderTest<float>(nameof(GaussianSoftcapped), AttentionProblem.Of(GaussianSoftcapped.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { GaussianSoftcapped.ComputeWithLogSumExp(q, k, v, m, o, l); } else if (w.IsEmpty) { GaussianSoftcapped.Compute(q, k, v, m, o); } else if (s == Probabilities) { GaussianSoftcapped.Compute(q, k, v, m, o, w); } else { GaussianSoftcapped.Compute(q, k, v, m, o, w, s); } }),
        new KernelUnderTest<Half>(nameof(HalfCausal), AttentionProblem.Of(HalfCausal.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { HalfCausal.ComputeWithLogSumExp(q, k, v, c, o, l); } else if (w.IsEmpty) { HalfCausal.Compute(q, k, v, c, o); } else if (s == Probabilities) { HalfCausal.Compute(q, k, v, c, o, w); } else { HalfCausal.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<Half>(nameof(HalfMasked), AttentionProblem.Of(HalfMasked.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { HalfMasked.ComputeWithLogSumExp(q, k, v, m, b, n, o, l); } else if (w.IsEmpty) { HalfMasked.Compute(q, k, v, m, b, n, o); } else if (s == Probabilities) { HalfMasked.Compute(q, k, v, m, b, n, o, w); } else { HalfMasked.Compute(q, k, v, m, b, n, o, w, s); } }),
        new KernelUnderTest<Half>(nameof(HalfTiled), AttentionProblem.Of(HalfTiled.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { HalfTiled.ComputeWithLogSumExp(q, k, v, n, c, o, l); } else if (w.IsEmpty) { HalfTiled.Compute(q, k, v, n, c, o); } else if (s == Probabilities) { HalfTiled.Compute(q, k, v, n, c, o, w); } else { HalfTiled.Compute(q, k, v, n, c, o, w, s); } }),
        new KernelUnderTest<Half>(nameof(HalfChunked), AttentionProblem.Of(HalfChunked.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { HalfChunked.ComputeWithLogSumExp(q, k, v, c, o, l); } else if (w.IsEmpty) { HalfChunked.Compute(q, k, v, c, o); } else if (s == Probabilities) { HalfChunked.Compute(q, k, v, c, o, w); } else { HalfChunked.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<Half>(nameof(HalfDecode), AttentionProblem.Of(HalfDecode.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { HalfDecode.ComputeWithLogSumExp(q, k, v, n, c, o, l); } else if (w.IsEmpty) { HalfDecode.Compute(q, k, v, n, c, o); } else if (s == Probabilities) { HalfDecode.Compute(q, k, v, n, c, o, w); } else { HalfDecode.Compute(q, k, v, n, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(ChunkedCausal), AttentionProblem.Of(ChunkedCausal.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { ChunkedCausal.ComputeWithLogSumExp(q, k, v, c, o, l); } else if (w.IsEmpty) { ChunkedCausal.Compute(q, k, v, c, o); } else if (s == Probabilities) { ChunkedCausal.Compute(q, k, v, c, o, w); } else { ChunkedCausal.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(ChunkedPaddedSoftcapped), AttentionProblem.Of(ChunkedPaddedSoftcapped.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { ChunkedPaddedSoftcapped.ComputeWithLogSumExp(q, k, v, n, o, l); } else if (w.IsEmpty) { ChunkedPaddedSoftcapped.Compute(q, k, v, n, o); } else if (s == Probabilities) { ChunkedPaddedSoftcapped.Compute(q, k, v, n, o, w); } else { ChunkedPaddedSoftcapped.Compute(q, k, v, n, o, w, s); } }),
        new KernelUnderTest<double>(nameof(ChunkedDoubleGrouped), AttentionProblem.Of(ChunkedDoubleGrouped.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { ChunkedDoubleGrouped.ComputeWithLogSumExp(q, k, v, c, o, l); } else if (w.IsEmpty) { ChunkedDoubleGrouped.Compute(q, k, v, c, o); } else if (s == Probabilities) { ChunkedDoubleGrouped.Compute(q, k, v, c, o, w); } else { ChunkedDoubleGrouped.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(DecodeFolded), AttentionProblem.Of(DecodeFolded.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { DecodeFolded.ComputeWithLogSumExp(q, k, v, n, c, o, l); } else if (w.IsEmpty) { DecodeFolded.Compute(q, k, v, n, c, o); } else if (s == Probabilities) { DecodeFolded.Compute(q, k, v, n, c, o, w); } else { DecodeFolded.Compute(q, k, v, n, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(DecodeFoldedInterleaved), AttentionProblem.Of(DecodeFoldedInterleaved.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { DecodeFoldedInterleaved.ComputeWithLogSumExp(q, k, v, c, o, l); } else if (w.IsEmpty) { DecodeFoldedInterleaved.Compute(q, k, v, c, o); } else if (s == Probabilities) { DecodeFoldedInterleaved.Compute(q, k, v, c, o, w); } else { DecodeFoldedInterleaved.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(DecodeFoldedChunks), AttentionProblem.Of(DecodeFoldedChunks.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { DecodeFoldedChunks.ComputeWithLogSumExp(q, k, v, o, l); } else if (w.IsEmpty) { DecodeFoldedChunks.Compute(q, k, v, o); } else if (s == Probabilities) { DecodeFoldedChunks.Compute(q, k, v, o, w); } else { DecodeFoldedChunks.Compute(q, k, v, o, w, s); } }),
        new KernelUnderTest<float>(nameof(BooleanTiled), AttentionProblem.Of(BooleanTiled.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { BooleanTiled.ComputeWithLogSumExp(q, k, v, m, o, l); } else if (w.IsEmpty) { BooleanTiled.Compute(q, k, v, m, o); } else if (s == Probabilities) { BooleanTiled.Compute(q, k, v, m, o, w); } else { BooleanTiled.Compute(q, k, v, m, o, w, s); } }),
        new KernelUnderTest<double>(nameof(DoubleBiasedTiled), AttentionProblem.Of(DoubleBiasedTiled.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { DoubleBiasedTiled.ComputeWithLogSumExp(q, k, v, b, c, o, l); } else if (w.IsEmpty) { DoubleBiasedTiled.Compute(q, k, v, b, c, o); } else if (s == Probabilities) { DoubleBiasedTiled.Compute(q, k, v, b, c, o, w); } else { DoubleBiasedTiled.Compute(q, k, v, b, c, o, w, s); } }),
        new KernelUnderTest<Half>(nameof(HalfMaskedTiled), AttentionProblem.Of(HalfMaskedTiled.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { HalfMaskedTiled.ComputeWithLogSumExp(q, k, v, m, b, n, o, l); } else if (w.IsEmpty) { HalfMaskedTiled.Compute(q, k, v, m, b, n, o); } else if (s == Probabilities) { HalfMaskedTiled.Compute(q, k, v, m, b, n, o, w); } else { HalfMaskedTiled.Compute(q, k, v, m, b, n, o, w, s); } }),
        new KernelUnderTest<float>(nameof(GaussianMaskedTiled), AttentionProblem.Of(GaussianMaskedTiled.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { GaussianMaskedTiled.ComputeWithLogSumExp(q, k, v, m, c, o, l); } else if (w.IsEmpty) { GaussianMaskedTiled.Compute(q, k, v, m, c, o); } else if (s == Probabilities) { GaussianMaskedTiled.Compute(q, k, v, m, c, o, w); } else { GaussianMaskedTiled.Compute(q, k, v, m, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(MaskedChunked), AttentionProblem.Of(MaskedChunked.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { MaskedChunked.ComputeWithLogSumExp(q, k, v, m, b, n, o, l); } else if (w.IsEmpty) { MaskedChunked.Compute(q, k, v, m, b, n, o); } else if (s == Probabilities) { MaskedChunked.Compute(q, k, v, m, b, n, o, w); } else { MaskedChunked.Compute(q, k, v, m, b, n, o, w, s); } }),
        new KernelUnderTest<Half>(nameof(HalfMaskedChunked), AttentionProblem.Of(HalfMaskedChunked.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { HalfMaskedChunked.ComputeWithLogSumExp(q, k, v, m, c, o, l); } else if (w.IsEmpty) { HalfMaskedChunked.Compute(q, k, v, m, c, o); } else if (s == Probabilities) { HalfMaskedChunked.Compute(q, k, v, m, c, o, w); } else { HalfMaskedChunked.Compute(q, k, v, m, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(MaskedDecode), AttentionProblem.Of(MaskedDecode.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { MaskedDecode.ComputeWithLogSumExp(q, k, v, m, b, o, l); } else if (w.IsEmpty) { MaskedDecode.Compute(q, k, v, m, b, o); } else if (s == Probabilities) { MaskedDecode.Compute(q, k, v, m, b, o, w); } else { MaskedDecode.Compute(q, k, v, m, b, o, w, s); } }),
        new KernelUnderTest<float>(nameof(GaussianChunked), AttentionProblem.Of(GaussianChunked.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { GaussianChunked.ComputeWithLogSumExp(q, k, v, c, o, l); } else if (w.IsEmpty) { GaussianChunked.Compute(q, k, v, c, o); } else if (s == Probabilities) { GaussianChunked.Compute(q, k, v, c, o, w); } else { GaussianChunked.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<double>(nameof(GaussianDecode), AttentionProblem.Of(GaussianDecode.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { GaussianDecode.ComputeWithLogSumExp(q, k, v, m, o, l); } else if (w.IsEmpty) { GaussianDecode.Compute(q, k, v, m, o); } else if (s == Probabilities) { GaussianDecode.Compute(q, k, v, m, o, w); } else { GaussianDecode.Compute(q, k, v, m, o, w, s); } }),
        new KernelUnderTest<float>(nameof(WindowCausal), AttentionProblem.Of(WindowCausal.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { WindowCausal.ComputeWithLogSumExp(q, k, v, c, o, l); } else if (w.IsEmpty) { WindowCausal.Compute(q, k, v, c, o); } else if (s == Probabilities) { WindowCausal.Compute(q, k, v, c, o, w); } else { WindowCausal.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(WindowBidirectional), AttentionProblem.Of(WindowBidirectional.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { WindowBidirectional.ComputeWithLogSumExp(q, k, v, c, o, l); } else if (w.IsEmpty) { WindowBidirectional.Compute(q, k, v, c, o); } else if (s == Probabilities) { WindowBidirectional.Compute(q, k, v, c, o, w); } else { WindowBidirectional.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(WindowRightPadded), AttentionProblem.Of(WindowRightPadded.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { WindowRightPadded.ComputeWithLogSumExp(q, k, v, n, c, o, l); } else if (w.IsEmpty) { WindowRightPadded.Compute(q, k, v, n, c, o); } else if (s == Probabilities) { WindowRightPadded.Compute(q, k, v, n, c, o, w); } else { WindowRightPadded.Compute(q, k, v, n, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(WindowEveryMask), AttentionProblem.Of(WindowEveryMask.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { WindowEveryMask.ComputeWithLogSumExp(q, k, v, m, b, c, o, l); } else if (w.IsEmpty) { WindowEveryMask.Compute(q, k, v, m, b, c, o); } else if (s == Probabilities) { WindowEveryMask.Compute(q, k, v, m, b, c, o, w); } else { WindowEveryMask.Compute(q, k, v, m, b, c, o, w, s); } }),
        new KernelUnderTest<Half>(nameof(WindowHalf), AttentionProblem.Of(WindowHalf.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { WindowHalf.ComputeWithLogSumExp(q, k, v, n, c, o, l); } else if (w.IsEmpty) { WindowHalf.Compute(q, k, v, n, c, o); } else if (s == Probabilities) { WindowHalf.Compute(q, k, v, n, c, o, w); } else { WindowHalf.Compute(q, k, v, n, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(WindowDecode), AttentionProblem.Of(WindowDecode.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { WindowDecode.ComputeWithLogSumExp(q, k, v, c, o, l); } else if (w.IsEmpty) { WindowDecode.Compute(q, k, v, c, o); } else if (s == Probabilities) { WindowDecode.Compute(q, k, v, c, o, w); } else { WindowDecode.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(WindowChunked), AttentionProblem.Of(WindowChunked.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { WindowChunked.ComputeWithLogSumExp(q, k, v, c, o, l); } else if (w.IsEmpty) { WindowChunked.Compute(q, k, v, c, o); } else if (s == Probabilities) { WindowChunked.Compute(q, k, v, c, o, w); } else { WindowChunked.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<double>(nameof(WindowGaussianDouble), AttentionProblem.Of(WindowGaussianDouble.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { WindowGaussianDouble.ComputeWithLogSumExp(q, k, v, c, o, l); } else if (w.IsEmpty) { WindowGaussianDouble.Compute(q, k, v, c, o); } else if (s == Probabilities) { WindowGaussianDouble.Compute(q, k, v, c, o, w); } else { WindowGaussianDouble.Compute(q, k, v, c, o, w, s); } }),
        new KernelUnderTest<float>(nameof(SinkRows), AttentionProblem.Of(SinkRows.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { SinkRows.ComputeWithLogSumExp(q, k, v, c, x, o, l); } else if (w.IsEmpty) { SinkRows.Compute(q, k, v, c, x, o); } else if (s == Probabilities) { SinkRows.Compute(q, k, v, c, x, o, w); } else { SinkRows.Compute(q, k, v, c, x, o, w, s); } }),
        new KernelUnderTest<float>(nameof(SinkChunked), AttentionProblem.Of(SinkChunked.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { SinkChunked.ComputeWithLogSumExp(q, k, v, n, c, x, o, l); } else if (w.IsEmpty) { SinkChunked.Compute(q, k, v, n, c, x, o); } else if (s == Probabilities) { SinkChunked.Compute(q, k, v, n, c, x, o, w); } else { SinkChunked.Compute(q, k, v, n, c, x, o, w, s); } }),
        new KernelUnderTest<float>(nameof(SinkWindowDecode), AttentionProblem.Of(SinkWindowDecode.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { SinkWindowDecode.ComputeWithLogSumExp(q, k, v, c, x, o, l); } else if (w.IsEmpty) { SinkWindowDecode.Compute(q, k, v, c, x, o); } else if (s == Probabilities) { SinkWindowDecode.Compute(q, k, v, c, x, o, w); } else { SinkWindowDecode.Compute(q, k, v, c, x, o, w, s); } }),
        new KernelUnderTest<Half>(nameof(SinkMaskedHalf), AttentionProblem.Of(SinkMaskedHalf.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { SinkMaskedHalf.ComputeWithLogSumExp(q, k, v, m, x, o, l); } else if (w.IsEmpty) { SinkMaskedHalf.Compute(q, k, v, m, x, o); } else if (s == Probabilities) { SinkMaskedHalf.Compute(q, k, v, m, x, o, w); } else { SinkMaskedHalf.Compute(q, k, v, m, x, o, w, s); } }),
        new KernelUnderTest<double>(nameof(SinkBiasedDouble), AttentionProblem.Of(SinkBiasedDouble.Descriptor),
            static (q, k, v, m, b, n, c, x, o, w, s, l) => { if (!l.IsEmpty) { SinkBiasedDouble.ComputeWithLogSumExp(q, k, v, b, x, o, l); } else if (w.IsEmpty) { SinkBiasedDouble.Compute(q, k, v, b, x, o); } else if (s == Probabilities) { SinkBiasedDouble.Compute(q, k, v, b, x, o, w); } else { SinkBiasedDouble.Compute(q, k, v, b, x, o, w, s); } }),
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
