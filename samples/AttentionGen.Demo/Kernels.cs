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
