using System;

namespace AttentionGen.Tests.Kernels;

// The kernels under test, declared as users declare them. Shapes are chosen to reach every code path of the
// emitter: widths below, at and between vector sizes (1, 3, 17, 65), lengths 1, 7 and 33, cross-attention,
// ValueDim ≠ HeadDim, grouped-query heads, the blocked loops of wide rows, every mask, both layouts, float and double.

[AttentionKernel(HeadDim = 1, SeqLen = 1)]
internal static partial class Dim1Len1 { }

[AttentionKernel(HeadDim = 3, SeqLen = 7)]
internal static partial class Dim3Len7 { }

[AttentionKernel(HeadDim = 17, SeqLen = 33)]
internal static partial class Dim17Len33 { }

[AttentionKernel(HeadDim = 65, SeqLen = 7, KeySeqLen = 33)]
internal static partial class Dim65Cross7x33 { }

[AttentionKernel(HeadDim = 16, SeqLen = 5, KeySeqLen = 9, ValueDim = 3)]
internal static partial class NarrowValues { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, ValueDim = 65)]
internal static partial class WideValues { }

[AttentionKernel(HeadDim = 16, SeqLen = 6, ValueDim = 24, Heads = 6, KeyValueHeads = 2)]
internal static partial class GroupedQuery { }

[AttentionKernel(HeadDim = 256, SeqLen = 2, KeySeqLen = 17, ValueDim = 260)]
internal static partial class WideRows { }

[AttentionKernel(HeadDim = 32, SeqLen = 33, Mask = AttentionMask.Causal)]
internal static partial class Causal33 { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 18, Mask = AttentionMask.Causal)]
internal static partial class CausalOverCache { }

[AttentionKernel(HeadDim = 17, SeqLen = 7, KeySeqLen = 33, Mask = AttentionMask.KeyPadding)]
internal static partial class Padded { }

[AttentionKernel(HeadDim = 64, SeqLen = 3, KeySeqLen = 65, Heads = 4, KeyValueHeads = 1,
                 Mask = AttentionMask.Causal | AttentionMask.KeyPadding)]
internal static partial class DecodeGroupedPadded { }

[AttentionKernel(HeadDim = 24, SeqLen = 10, Score = AttentionScore.DotProduct, Scale = 0.05)]
internal static partial class ScaledDot { }

[AttentionKernel(HeadDim = 32, SeqLen = 12, Softcap = 5)]
internal static partial class Softcapped { }

[AttentionKernel(HeadDim = 3, SeqLen = 7, Score = AttentionScore.Gaussian, Scale = 2)]
internal static partial class GaussianSmall { }

[AttentionKernel(HeadDim = 65, SeqLen = 9, Score = AttentionScore.Gaussian, Scale = 0.05, Mask = AttentionMask.Causal)]
internal static partial class GaussianCausal { }

[AttentionKernel(HeadDim = 20, SeqLen = 10, KeySeqLen = 30, Heads = 4, KeyValueHeads = 2, Score = AttentionScore.Gaussian, Scale = 0.3,
                 Mask = AttentionMask.Causal | AttentionMask.KeyPadding)]
internal static partial class GaussianTiled { }

[AttentionKernel(HeadDim = 3, SeqLen = 9, KeySeqLen = 7, Score = AttentionScore.Gaussian, Scale = 2)]
internal static partial class GaussianTiledSmall { }

[AttentionKernel(HeadDim = 8, SeqLen = 5, KeySeqLen = 6, ValueDim = 10, Heads = 3, Layout = AttentionLayout.Interleaved)]
internal static partial class Interleaved { }

[AttentionKernel(HeadDim = 40, SeqLen = 7, KeySeqLen = 33, Score = AttentionScore.DotProduct, Mask = AttentionMask.Causal)]
internal static partial class LargeLogits { }

[AttentionKernel(HeadDim = 33, SeqLen = 9, Mask = AttentionMask.Causal, ElementType = typeof(double))]
internal static partial class DoubleCausal { }

[AttentionKernel(HeadDim = 5, SeqLen = 4, Heads = 4, KeyValueHeads = 2, Layout = AttentionLayout.Interleaved,
                 Softcap = 2, ElementType = typeof(double))]
internal static partial class DoubleGroupedInterleaved { }

[AttentionKernel(HeadDim = 16, SeqLen = 5, KeySeqLen = 9, Mask = AttentionMask.Boolean)]
internal static partial class BooleanMasked { }

[AttentionKernel(HeadDim = 8, SeqLen = 6, Heads = 3, Mask = AttentionMask.Boolean | AttentionMask.Causal)]
internal static partial class BooleanCausal { }

[AttentionKernel(HeadDim = 17, SeqLen = 7, KeySeqLen = 33, Softcap = 3, Mask = AttentionMask.Additive)]
internal static partial class BiasedSoftcapped { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 11, ValueDim = 5, Heads = 4, KeyValueHeads = 2, Layout = AttentionLayout.Interleaved,
                 Mask = AttentionMask.Causal | AttentionMask.KeyPadding | AttentionMask.Boolean | AttentionMask.Additive)]
internal static partial class EveryMask { }

[AttentionKernel(HeadDim = 9, SeqLen = 3, KeySeqLen = 10, Mask = AttentionMask.Additive | AttentionMask.KeyPadding, ElementType = typeof(double))]
internal static partial class DoubleBiasedPadded { }

[AttentionKernel(HeadDim = 17, SeqLen = 7, KeySeqLen = 33, Mask = AttentionMask.Causal, ElementType = typeof(Half))]
internal static partial class HalfCausal { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 11, ValueDim = 20, Heads = 2, Softcap = 2,
                 Mask = AttentionMask.Boolean | AttentionMask.Additive | AttentionMask.KeyPadding, ElementType = typeof(Half))]
internal static partial class HalfMasked { }

// Half on each block strategy: rows widened to float in vectors on their way in, narrowed on their way out.

[AttentionKernel(HeadDim = 24, SeqLen = 18, KeySeqLen = 37, ValueDim = 20, Heads = 4, KeyValueHeads = 2, Softcap = 3,
                 Mask = AttentionMask.Causal | AttentionMask.KeyPadding, Layout = AttentionLayout.Interleaved, ElementType = typeof(Half))]
internal static partial class HalfTiled { }

[AttentionKernel(HeadDim = 128, SeqLen = 9, KeySeqLen = 700, ValueDim = 40, Mask = AttentionMask.Causal, ElementType = typeof(Half))]
internal static partial class HalfChunked { }

[AttentionKernel(HeadDim = 64, SeqLen = 1, KeySeqLen = 300, Heads = 8, KeyValueHeads = 2,
                 Mask = AttentionMask.Causal | AttentionMask.KeyPadding, ElementType = typeof(Half))]
internal static partial class HalfDecode { }

[AttentionKernel(HeadDim = 6, SeqLen = 5, KeySeqLen = 8, Score = AttentionScore.Gaussian, Scale = 3, Softcap = 1.5, Mask = AttentionMask.Boolean)]
internal static partial class GaussianSoftcapped { }

// Keys too many to transpose at once (over 320 KiB): the chunked path, its online softmax carried across chunks.

[AttentionKernel(HeadDim = 128, SeqLen = 9, KeySeqLen = 700, Mask = AttentionMask.Causal)]
internal static partial class ChunkedCausal { }

[AttentionKernel(HeadDim = 200, SeqLen = 10, KeySeqLen = 533, Softcap = 4, Mask = AttentionMask.KeyPadding)]
internal static partial class ChunkedPaddedSoftcapped { }

[AttentionKernel(HeadDim = 64, SeqLen = 8, KeySeqLen = 700, Heads = 4, KeyValueHeads = 2, Layout = AttentionLayout.Interleaved,
                 Mask = AttentionMask.Causal, ElementType = typeof(double))]
internal static partial class ChunkedDoubleGrouped { }

// Decode steps (one query row, four or more query heads per key/value head): the group's heads scored as one block.

[AttentionKernel(HeadDim = 64, SeqLen = 1, KeySeqLen = 100, Heads = 8, KeyValueHeads = 2, Mask = AttentionMask.Causal | AttentionMask.KeyPadding)]
internal static partial class DecodeFolded { }

[AttentionKernel(HeadDim = 16, SeqLen = 1, KeySeqLen = 37, Heads = 12, KeyValueHeads = 2, Softcap = 3, Layout = AttentionLayout.Interleaved,
                 Mask = AttentionMask.Causal)]
internal static partial class DecodeFoldedInterleaved { }

[AttentionKernel(HeadDim = 128, SeqLen = 1, KeySeqLen = 700, Heads = 12, KeyValueHeads = 3)]
internal static partial class DecodeFoldedChunks { }

// Boolean and additive masks on each block strategy: prefix patterns take the unmasked loops, others the masked ones.

[AttentionKernel(HeadDim = 24, SeqLen = 18, KeySeqLen = 37, Heads = 2, Mask = AttentionMask.Boolean)]
internal static partial class BooleanTiled { }

[AttentionKernel(HeadDim = 20, SeqLen = 16, KeySeqLen = 40, Mask = AttentionMask.Additive | AttentionMask.Causal, ElementType = typeof(double))]
internal static partial class DoubleBiasedTiled { }

// An additive mask alone: its gaps are found by the pass that adds it (whole vectors, then a partial one).

[AttentionKernel(HeadDim = 24, SeqLen = 18, KeySeqLen = 37, Heads = 2, Mask = AttentionMask.Additive)]
internal static partial class BiasedTiled { }

[AttentionKernel(HeadDim = 128, SeqLen = 9, KeySeqLen = 700, Mask = AttentionMask.Additive)]
internal static partial class BiasedChunked { }

[AttentionKernel(HeadDim = 16, SeqLen = 12, KeySeqLen = 29, Mask = AttentionMask.Additive, ElementType = typeof(Half))]
internal static partial class HalfBiasedTiled { }

[AttentionKernel(HeadDim = 16, SeqLen = 13, KeySeqLen = 29, ValueDim = 12, Heads = 4, KeyValueHeads = 2, Softcap = 2,
                 Mask = AttentionMask.Boolean | AttentionMask.Additive | AttentionMask.KeyPadding, Layout = AttentionLayout.Interleaved,
                 ElementType = typeof(Half))]
internal static partial class HalfMaskedTiled { }

[AttentionKernel(HeadDim = 20, SeqLen = 12, KeySeqLen = 30, Score = AttentionScore.Gaussian, Scale = 0.3,
                 Mask = AttentionMask.Boolean | AttentionMask.Causal)]
internal static partial class GaussianMaskedTiled { }

[AttentionKernel(HeadDim = 128, SeqLen = 9, KeySeqLen = 700, Softcap = 4, Mask = AttentionMask.Boolean | AttentionMask.Additive | AttentionMask.KeyPadding)]
internal static partial class MaskedChunked { }

[AttentionKernel(HeadDim = 128, SeqLen = 10, KeySeqLen = 700, ValueDim = 24, Mask = AttentionMask.Boolean | AttentionMask.Causal,
                 ElementType = typeof(Half))]
internal static partial class HalfMaskedChunked { }

[AttentionKernel(HeadDim = 64, SeqLen = 1, KeySeqLen = 300, Heads = 8, KeyValueHeads = 2, Mask = AttentionMask.Boolean | AttentionMask.Additive)]
internal static partial class MaskedDecode { }

// The Gaussian score over chunks of keys: every key's norm known before the first chunk, so a row's form is one.

[AttentionKernel(HeadDim = 128, SeqLen = 9, KeySeqLen = 700, Score = AttentionScore.Gaussian, Scale = 0.5, Mask = AttentionMask.Causal)]
internal static partial class GaussianChunked { }

[AttentionKernel(HeadDim = 64, SeqLen = 1, KeySeqLen = 300, Heads = 8, KeyValueHeads = 2, Score = AttentionScore.Gaussian, Scale = 0.05,
                 Mask = AttentionMask.Boolean, ElementType = typeof(double))]
internal static partial class GaussianDecode { }

// Sliding windows (ONNX opset 25): alone, on either side, with every mask, grouped, interleaved, Half, double, Gaussian.

[AttentionKernel(HeadDim = 16, SeqLen = 40, Mask = AttentionMask.Causal, LeftWindow = 5)]
internal static partial class WindowCausal { }

[AttentionKernel(HeadDim = 8, SeqLen = 9, KeySeqLen = 21, Heads = 2, LeftWindow = 2, RightWindow = 3)]
internal static partial class WindowBidirectional { }

[AttentionKernel(HeadDim = 12, SeqLen = 6, KeySeqLen = 10, Mask = AttentionMask.KeyPadding, RightWindow = 1)]
internal static partial class WindowRightPadded { }

[AttentionKernel(HeadDim = 8, SeqLen = 12, KeySeqLen = 20, Heads = 4, KeyValueHeads = 2, Softcap = 3, LeftWindow = 4,
    Mask = AttentionMask.Causal | AttentionMask.Boolean | AttentionMask.Additive, Layout = AttentionLayout.Interleaved)]
internal static partial class WindowEveryMask { }

[AttentionKernel(HeadDim = 16, SeqLen = 10, KeySeqLen = 14, Mask = AttentionMask.Causal | AttentionMask.KeyPadding, LeftWindow = 3,
    ElementType = typeof(Half))]
internal static partial class WindowHalf { }

[AttentionKernel(HeadDim = 64, SeqLen = 1, KeySeqLen = 300, Heads = 8, KeyValueHeads = 2, Mask = AttentionMask.Causal, LeftWindow = 63)]
internal static partial class WindowDecode { }

[AttentionKernel(HeadDim = 128, SeqLen = 9, KeySeqLen = 700, Mask = AttentionMask.Causal, LeftWindow = 100)]
internal static partial class WindowChunked { }

[AttentionKernel(HeadDim = 5, SeqLen = 11, Score = AttentionScore.Gaussian, Scale = 0.5, Mask = AttentionMask.Causal, LeftWindow = 3,
    ElementType = typeof(double))]
internal static partial class WindowGaussianDouble { }

// Attention sinks (gpt-oss): a logit per head in the softmax's denominator, on every strategy.

[AttentionKernel(HeadDim = 8, SeqLen = 5, KeySeqLen = 9, Heads = 3, Mask = AttentionMask.Causal, Sinks = true)]
internal static partial class SinkRows { }

[AttentionKernel(HeadDim = 16, SeqLen = 20, Heads = 3, Softcap = 4, Mask = AttentionMask.Causal | AttentionMask.KeyPadding, Sinks = true)]
internal static partial class SinkChunked { }

[AttentionKernel(HeadDim = 64, SeqLen = 1, KeySeqLen = 300, Heads = 8, KeyValueHeads = 2, Mask = AttentionMask.Causal, LeftWindow = 127, Sinks = true)]
internal static partial class SinkWindowDecode { }

[AttentionKernel(HeadDim = 16, SeqLen = 12, Heads = 3, Mask = AttentionMask.Boolean, Sinks = true, ElementType = typeof(Half))]
internal static partial class SinkMaskedHalf { }

[AttentionKernel(HeadDim = 8, SeqLen = 10, KeySeqLen = 70, Heads = 3, Mask = AttentionMask.Additive, Sinks = true, ElementType = typeof(double),
    Layout = AttentionLayout.Interleaved)]
internal static partial class SinkBiasedDouble { }

// ALiBi (BLOOM, MPT): a per-head linear distance bias, slopes fixed at generation time, on every strategy.

[AttentionKernel(HeadDim = 8, SeqLen = 7, Heads = 6, AlibiMaxBias = 8)]
internal static partial class AlibiRows { }

[AttentionKernel(HeadDim = 16, SeqLen = 24, Heads = 4, KeyValueHeads = 2, Mask = AttentionMask.Causal, AlibiMaxBias = 8)]
internal static partial class AlibiCausalTiled { }

[AttentionKernel(HeadDim = 128, SeqLen = 9, KeySeqLen = 700, Heads = 2, Softcap = 5, Mask = AttentionMask.Causal, AlibiMaxBias = 8)]
internal static partial class AlibiChunked { }

[AttentionKernel(HeadDim = 64, SeqLen = 1, KeySeqLen = 300, Heads = 12, KeyValueHeads = 3, Mask = AttentionMask.KeyPadding, AlibiMaxBias = 8)]
internal static partial class AlibiDecode { }

[AttentionKernel(HeadDim = 16, SeqLen = 12, Heads = 3, Mask = AttentionMask.Boolean | AttentionMask.Additive, AlibiMaxBias = 4, ElementType = typeof(Half))]
internal static partial class AlibiMaskedHalf { }

[AttentionKernel(HeadDim = 8, SeqLen = 10, Heads = 2, LeftWindow = 3, RightWindow = 2, AlibiMaxBias = 8, ElementType = typeof(double))]
internal static partial class AlibiWindowDouble { }

[AttentionKernel(HeadDim = 6, SeqLen = 12, Score = AttentionScore.Gaussian, Mask = AttentionMask.Causal, AlibiMaxBias = 2)]
internal static partial class AlibiGaussian { }

// A window wider than a chunk: its blocks' keys straddle chunks, the chunked strategy's online softmax.
[AttentionKernel(HeadDim = 128, SeqLen = 40, KeySeqLen = 1500, Mask = AttentionMask.Causal, LeftWindow = 700)]
internal static partial class WindowWiderThanChunk { }
