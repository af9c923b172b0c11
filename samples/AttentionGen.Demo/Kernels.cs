using AttentionGen;

namespace AttentionGen.Demo;

/// <summary>The smallest shape in performance.md: a 16-token, 16-wide head.</summary>
[AttentionKernel(HeadDim = 16, SeqLen = 16)]
internal static partial class Tiny16 { }

/// <summary>An encoder head: 128 tokens, 64 wide.</summary>
[AttentionKernel(HeadDim = 64, SeqLen = 128)]
internal static partial class Encoder64x128 { }

/// <summary>A causal decoder over 256 tokens.</summary>
[AttentionKernel(HeadDim = 64, SeqLen = 256, Mask = AttentionMask.Causal)]
internal static partial class Causal64x256 { }

/// <summary>Cross-attention with odd sizes: 7 queries over 33 keys, 17-wide keys, 65-wide values, 4 heads.</summary>
[AttentionKernel(HeadDim = 17, SeqLen = 7, KeySeqLen = 33, ValueDim = 65, Heads = 4)]
internal static partial class OddCross { }

/// <summary>One decode step over a 2048-entry cache: 32 query heads over 8 key/value heads, d = 128.</summary>
[AttentionKernel(HeadDim = 128, SeqLen = 1, KeySeqLen = 2048, Heads = 32, KeyValueHeads = 8,
                 Mask = AttentionMask.Causal | AttentionMask.KeyPadding)]
internal static partial class DecodeGqa { }

/// <summary>Nadaraya–Watson: weight from waist, over three one-dimensional points.</summary>
[AttentionKernel(HeadDim = 1, SeqLen = 1, KeySeqLen = 3, Score = AttentionScore.Gaussian)]
internal static partial class WaistToWeight { }

/// <summary>The notes' four-wide example, unscaled and scaled by 1/√4.</summary>
[AttentionKernel(HeadDim = 4, SeqLen = 1, KeySeqLen = 3, ValueDim = 1, Score = AttentionScore.DotProduct)]
internal static partial class UnscaledFour { }

/// <inheritdoc cref="UnscaledFour"/>
[AttentionKernel(HeadDim = 4, SeqLen = 1, KeySeqLen = 3, ValueDim = 1)]
internal static partial class ScaledFour { }

/// <summary>Bahdanau attention with the notes' widths: queries 256 wide, keys 512 wide, hidden 128.</summary>
[AttentionKernel(HeadDim = 256, KeyDim = 512, HiddenDim = 128, SeqLen = 4, KeySeqLen = 16, Score = AttentionScore.Additive)]
internal static partial class Bahdanau { }

/// <summary>The small causal example whose weights the demo draws.</summary>
[AttentionKernel(HeadDim = 16, SeqLen = 12, Mask = AttentionMask.Causal)]
internal static partial class HeatmapExample { }

/// <summary>A whole encoder layer: 64 wide, 4 heads, 16 tokens, with PyTorch's weight layout.</summary>
[MultiHeadAttention(ModelDim = 64, Heads = 4, SeqLen = 16)]
internal static partial class EncoderLayer { }

/// <summary>Eight encoder heads, for <c>ComputeInParallel</c> against <c>Compute</c>.</summary>
[AttentionKernel(HeadDim = 64, SeqLen = 256, Heads = 8)]
internal static partial class EightHeads { }

/// <summary>One decode step over a 32K-token cache, as one call: 32 query heads over 8 key/value heads, d = 64.</summary>
[AttentionKernel(HeadDim = 64, SeqLen = 1, KeySeqLen = 32768, Heads = 32, KeyValueHeads = 8)]
internal static partial class Decode32K { }

/// <summary>The same step over one 8K page of that cache, with the log-sum-exp that lets four pages merge.</summary>
[AttentionKernel(HeadDim = 64, SeqLen = 1, KeySeqLen = 8192, Heads = 32, KeyValueHeads = 8)]
internal static partial class DecodePage8K { }
