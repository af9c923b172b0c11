namespace AttentionGen.Tests.Layer;

// One layer per case of tests/data/conformance/pytorch-mha/, declared as a user would declare it.

[MultiHeadAttention(ModelDim = 16, Heads = 2, SeqLen = 5)]
internal static partial class MhaSelf { }

[MultiHeadAttention(ModelDim = 32, Heads = 4, SeqLen = 6, KeySeqLen = 9)]
internal static partial class MhaCross { }

[MultiHeadAttention(ModelDim = 64, Heads = 8, SeqLen = 12, Mask = AttentionMask.Causal)]
internal static partial class MhaCausal { }

[MultiHeadAttention(ModelDim = 32, Heads = 2, SeqLen = 7, Mask = AttentionMask.KeyPadding)]
internal static partial class MhaKeyPadding { }

[MultiHeadAttention(ModelDim = 16, Heads = 2, SeqLen = 6, KeySeqLen = 8, Mask = AttentionMask.Boolean)]
internal static partial class MhaBoolean { }

[MultiHeadAttention(ModelDim = 16, Heads = 4, SeqLen = 4, KeySeqLen = 6, Mask = AttentionMask.Boolean)]
internal static partial class MhaBooleanPerHead { }

[MultiHeadAttention(ModelDim = 32, Heads = 4, SeqLen = 5, KeySeqLen = 7, Mask = AttentionMask.Additive)]
internal static partial class MhaAdditive { }

[MultiHeadAttention(ModelDim = 48, Heads = 3, SeqLen = 1, KeySeqLen = 20)]
internal static partial class MhaDecode { }

[MultiHeadAttention(ModelDim = 20, Heads = 1, SeqLen = 6)]
internal static partial class MhaOneHead { }

[MultiHeadAttention(ModelDim = 8, Heads = 8, SeqLen = 5)]
internal static partial class MhaHeadDim1 { }

[MultiHeadAttention(ModelDim = 32, Heads = 4, SeqLen = 8)]
internal static partial class MhaMagnitude30 { }

[MultiHeadAttention(ModelDim = 32, Heads = 4, SeqLen = 6, Mask = AttentionMask.Causal | AttentionMask.KeyPadding)]
internal static partial class MhaCausalKeyPadding { }

[MultiHeadAttention(ModelDim = 12, Heads = 3, SeqLen = 5, Mask = AttentionMask.Boolean)]
internal static partial class MhaFullyMaskedRow { }

[MultiHeadAttention(ModelDim = 32, Heads = 4, SeqLen = 7, AlibiMaxBias = 8)]
internal static partial class MhaAlibi { }

[MultiHeadAttention(ModelDim = 48, Heads = 6, SeqLen = 9, Mask = AttentionMask.Causal, AlibiMaxBias = 8)]
internal static partial class MhaAlibiCausal { }

// ALiBi's slopes for a power-of-two head count and another, as the PyTorch ALiBi cases state them.

[AttentionKernel(HeadDim = 8, SeqLen = 7, Heads = 4, AlibiMaxBias = 8)]
internal static partial class AlibiSlopes4Heads { }

[AttentionKernel(HeadDim = 8, SeqLen = 9, Heads = 6, AlibiMaxBias = 8)]
internal static partial class AlibiSlopes6Heads { }

[MultiHeadAttention(ModelDim = 24, Heads = 3, SeqLen = 10, KeySeqLen = 16, Mask = AttentionMask.Causal, LeftWindow = 3)]
internal static partial class WindowLayer { }
