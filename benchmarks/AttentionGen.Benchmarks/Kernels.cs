using AttentionGen;

namespace AttentionGen.Benchmarks;

[AttentionKernel(HeadDim = 16, SeqLen = 16)]
internal static partial class Attention16x16 { }

[AttentionKernel(HeadDim = 64, SeqLen = 64)]
internal static partial class Attention64x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 128)]
internal static partial class Attention128x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 512, Mask = AttentionMask.Causal)]
internal static partial class Attention512x64Causal { }
