namespace AttentionGen.Tests.Stack;

// Kernels whose working memory is far beyond a small thread's stack: each once overflowed a 128 KiB thread's stack (or a
// 256 KiB one), and every one of them did when called deep in a recursion. Run by StackProbe in a child process.

[AttentionKernel(HeadDim = 128, SeqLen = 512)]
internal static partial class Wide512 { }

[AttentionKernel(HeadDim = 128, SeqLen = 1, KeySeqLen = 8192, Heads = 32, KeyValueHeads = 8, Mask = AttentionMask.Causal | AttentionMask.KeyPadding)]
internal static partial class Decode8192 { }

[AttentionKernel(HeadDim = 64, SeqLen = 8, KeySeqLen = 4096, ElementType = typeof(System.Half))]
internal static partial class Half4096 { }

[AttentionKernel(HeadDim = 64, SeqLen = 4, KeySeqLen = 512, HiddenDim = 64, Score = AttentionScore.Additive, ElementType = typeof(double))]
internal static partial class AdditiveDouble512 { }

[AttentionKernel(HeadDim = 128, SeqLen = 8, KeySeqLen = 8192, ElementType = typeof(double))]
internal static partial class Double8192 { }

// The widest rows allowed: the longest unrolled code, the largest frames.
[AttentionKernel(HeadDim = 4096, SeqLen = 4, KeySeqLen = 64)]
internal static partial class Wide4096 { }

// Small enough to keep its working memory on the stack: what StackBytes counts in full.
[AttentionKernel(HeadDim = 64, SeqLen = 32, KeySeqLen = 400, Mask = AttentionMask.Boolean)]
internal static partial class StackResident { }

[MultiHeadAttention(ModelDim = 256, Heads = 2, SeqLen = 256)]
internal static partial class WideLayer { }
