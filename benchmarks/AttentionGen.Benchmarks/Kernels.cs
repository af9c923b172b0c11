using AttentionGen;

namespace AttentionGen.Benchmarks;

// One generated kernel per shape of ../shared/design/performance.md: one head, n×n, head width d.

[AttentionKernel(HeadDim = 16, SeqLen = 16)]
internal static partial class Attention16x16 { }

[AttentionKernel(HeadDim = 64, SeqLen = 64)]
internal static partial class Attention64x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 128)]
internal static partial class Attention128x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 256)]
internal static partial class Attention256x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 512)]
internal static partial class Attention512x64 { }

[AttentionKernel(HeadDim = 128, SeqLen = 1024)]
internal static partial class Attention1024x128 { }

[AttentionKernel(HeadDim = 64, SeqLen = 512, Mask = AttentionMask.Causal)]
internal static partial class Attention512x64Causal { }

/// <summary>One decode step: one query row over a 2048-entry cache, 32 query heads over 8 key/value heads, d = 128.</summary>
[AttentionKernel(HeadDim = 128, SeqLen = 1, KeySeqLen = 2048, Heads = 32, KeyValueHeads = 8, Mask = AttentionMask.Causal)]
internal static partial class AttentionDecode { }

// Several heads, for the multi-core comparison: ComputeInParallel against Compute.

[AttentionKernel(HeadDim = 64, SeqLen = 256, Heads = 2)]
internal static partial class Heads2x256x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 256, Heads = 8)]
internal static partial class Heads8x256x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 512, Heads = 8)]
internal static partial class Heads8x512x64 { }

// Decode steps over long caches, measured against the machine's read bandwidth (they are memory-bound).

[AttentionKernel(HeadDim = 128, SeqLen = 1, KeySeqLen = 32768, Heads = 32, KeyValueHeads = 8, Mask = AttentionMask.Causal | AttentionMask.KeyPadding)]
internal static partial class Decode32K { }

[AttentionKernel(HeadDim = 128, SeqLen = 1, KeySeqLen = 131072, Heads = 32, KeyValueHeads = 8, Mask = AttentionMask.Causal | AttentionMask.KeyPadding)]
internal static partial class Decode128K { }

// ALiBi (AlibiBenchmarks): a BLOOM-560m-sized prefill, 16 heads of 64, 512 causal tokens, with and without ALiBi.
[AttentionKernel(HeadDim = 64, SeqLen = 512, Heads = 16, Mask = AttentionMask.Causal, AlibiMaxBias = 8)]
internal static partial class BloomPrefill { }

[AttentionKernel(HeadDim = 64, SeqLen = 512, Heads = 16, Mask = AttentionMask.Causal)]
internal static partial class CausalPrefill { }
