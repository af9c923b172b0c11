using AttentionGen;

namespace AttentionGen.Benchmarks;

// Attention as today's models declare it (issue 11's real-model table).

/// <summary>ViT-B/16 on a 224×224 image: 196 patches and the class token, 12 heads of 64, rows interleaved as the model keeps them.</summary>
[AttentionKernel(HeadDim = 64, SeqLen = 197, Heads = 12, Layout = AttentionLayout.Interleaved)]
internal static partial class VitBase { }

/// <summary>BERT-base over a batch padded to 128 tokens: padding as <c>KeyPadding</c>.</summary>
[AttentionKernel(HeadDim = 64, SeqLen = 128, Heads = 12, Mask = AttentionMask.KeyPadding)]
internal static partial class BertBasePadded { }

/// <summary>BERT-base as Hugging Face passes its padding: an additive mask, 0 or −∞, shared by the heads.</summary>
[AttentionKernel(HeadDim = 64, SeqLen = 128, Heads = 12, Mask = AttentionMask.Additive)]
internal static partial class BertBaseBiased { }

/// <summary>Whisper-base's encoder: 30 s of audio, 1500 frames, 8 heads of 64.</summary>
[AttentionKernel(HeadDim = 64, SeqLen = 1500, Heads = 8)]
internal static partial class WhisperBaseEncoder { }

/// <summary>T5-style relative-position bias: a bias per head added to the scores, 512 tokens, 8 heads of 64.</summary>
[AttentionKernel(HeadDim = 64, SeqLen = 512, Heads = 8, Mask = AttentionMask.Additive)]
internal static partial class T5RelativeBias { }
