using System;

namespace AttentionGen.Benchmarks;

// Every option of issue 11's table at n = 256 and n = 1024 (one head, n×n, d = 64), each against the plain float
// kernel of the same shape (Attention256x64, Plain1024x64) in the same run.

[AttentionKernel(HeadDim = 64, SeqLen = 1024)]
internal static partial class Plain1024x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 256, ElementType = typeof(Half))]
internal static partial class Half256x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 1024, ElementType = typeof(Half))]
internal static partial class Half1024x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 256, Mask = AttentionMask.Causal)]
internal static partial class Causal256x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 1024, Mask = AttentionMask.Causal)]
internal static partial class Causal1024x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 256, Mask = AttentionMask.Boolean)]
internal static partial class Boolean256x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 1024, Mask = AttentionMask.Boolean)]
internal static partial class Boolean1024x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 256, Mask = AttentionMask.Additive)]
internal static partial class Additive256x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 1024, Mask = AttentionMask.Additive)]
internal static partial class Additive1024x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 256, Score = AttentionScore.Gaussian)]
internal static partial class Gaussian256x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 1024, Score = AttentionScore.Gaussian)]
internal static partial class Gaussian1024x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 256, Softcap = 30)]
internal static partial class Softcap256x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 1024, Softcap = 30)]
internal static partial class Softcap1024x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 256, ElementType = typeof(double))]
internal static partial class Double256x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 1024, ElementType = typeof(double))]
internal static partial class Double1024x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 256, Score = AttentionScore.Additive, HiddenDim = 64)]
internal static partial class Bahdanau256x64 { }

[AttentionKernel(HeadDim = 64, SeqLen = 1024, Score = AttentionScore.Additive, HiddenDim = 64)]
internal static partial class Bahdanau1024x64 { }
