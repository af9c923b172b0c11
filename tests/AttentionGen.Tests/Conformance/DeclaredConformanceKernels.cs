using System;

namespace AttentionGen.Tests.Conformance;

// One kernel per distinct shape and option set among the ONNX Attention conformance cases (batch is a loop, past and
// present are the caller's concatenation), declared as a user would declare it. OnnxCase.ConfigurationKey names the
// configuration a case needs; ConformanceKernels.All maps those names to these kernels.

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 18, ValueDim = 10, Heads = 3, Mask = AttentionMask.Additive)]
internal static partial class OnnxHD8V10Q4K18H3G3A { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, ValueDim = 10, Heads = 3, Mask = AttentionMask.Additive)]
internal static partial class OnnxHD8V10Q4K6H3G3A { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, ValueDim = 10, Heads = 3, Mask = AttentionMask.Causal)]
internal static partial class OnnxHD8V10Q4K6H3G3C { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, ValueDim = 10, Heads = 3, Mask = AttentionMask.KeyPadding | AttentionMask.Additive)]
internal static partial class OnnxHD8V10Q4K6H3G3KA { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, ValueDim = 10, Heads = 3)]
internal static partial class OnnxHD8V10Q4K6H3G3 { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, ValueDim = 10, Heads = 3, Softcap = 2.0)]
internal static partial class OnnxHD8V10Q4K6H3G3C2_0 { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, ValueDim = 10, Heads = 3, Scale = 0.009999999776482582)]
internal static partial class OnnxHD8V10Q4K6H3G3S { }

[AttentionKernel(HeadDim = 8, SeqLen = 1, KeySeqLen = 8, Heads = 4, KeyValueHeads = 2, Mask = AttentionMask.Causal | AttentionMask.KeyPadding, ElementType = typeof(Half))]
internal static partial class OnnxHD8V8Q1K8H4G2CKHalf { }

[AttentionKernel(HeadDim = 8, SeqLen = 1, KeySeqLen = 8, Heads = 4, KeyValueHeads = 2, Mask = AttentionMask.Causal | AttentionMask.KeyPadding)]
internal static partial class OnnxHD8V8Q1K8H4G2CK { }

[AttentionKernel(HeadDim = 8, SeqLen = 2, KeySeqLen = 2, Heads = 2, Mask = AttentionMask.Boolean, ElementType = typeof(Half))]
internal static partial class OnnxHD8V8Q2K2H2G2BHalf { }

[AttentionKernel(HeadDim = 8, SeqLen = 2, KeySeqLen = 2, Heads = 2, Mask = AttentionMask.Boolean)]
internal static partial class OnnxHD8V8Q2K2H2G2B { }

[AttentionKernel(HeadDim = 8, SeqLen = 2, KeySeqLen = 2, Heads = 2, Mask = AttentionMask.Causal | AttentionMask.Boolean)]
internal static partial class OnnxHD8V8Q2K2H2G2CB { }

[AttentionKernel(HeadDim = 8, SeqLen = 2, KeySeqLen = 4, Heads = 2, Mask = AttentionMask.Causal | AttentionMask.KeyPadding)]
internal static partial class OnnxHD8V8Q2K4H2G2CK { }

[AttentionKernel(HeadDim = 8, SeqLen = 2, KeySeqLen = 6, Heads = 2, Mask = AttentionMask.Causal | AttentionMask.KeyPadding)]
internal static partial class OnnxHD8V8Q2K6H2G2CK { }

[AttentionKernel(HeadDim = 8, SeqLen = 3, KeySeqLen = 6, Heads = 2, Mask = AttentionMask.Causal | AttentionMask.KeyPadding | AttentionMask.Boolean)]
internal static partial class OnnxHD8V8Q3K6H2G2CKB { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 18, Heads = 3, Mask = AttentionMask.Additive)]
internal static partial class OnnxHD8V8Q4K18H3G3A { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 18, Heads = 3, Mask = AttentionMask.Causal | AttentionMask.Additive)]
internal static partial class OnnxHD8V8Q4K18H3G3CA { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 18, Heads = 9, KeyValueHeads = 3, Mask = AttentionMask.Additive, ElementType = typeof(Half))]
internal static partial class OnnxHD8V8Q4K18H9G3AHalf { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 18, Heads = 9, KeyValueHeads = 3, Mask = AttentionMask.Additive)]
internal static partial class OnnxHD8V8Q4K18H9G3A { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 4, Heads = 2, Mask = AttentionMask.Causal | AttentionMask.KeyPadding)]
internal static partial class OnnxHD8V8Q4K4H2G2CK { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 1, Softcap = 0.5, Mask = AttentionMask.Additive)]
internal static partial class OnnxHD8V8Q4K6H1G1AC0_5 { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 3, Mask = AttentionMask.Additive)]
internal static partial class OnnxHD8V8Q4K6H3G3A { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 3, Mask = AttentionMask.Boolean)]
internal static partial class OnnxHD8V8Q4K6H3G3B { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 3, Mask = AttentionMask.Causal)]
internal static partial class OnnxHD8V8Q4K6H3G3C { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 3, Mask = AttentionMask.Causal | AttentionMask.Additive)]
internal static partial class OnnxHD8V8Q4K6H3G3CA { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 3, ElementType = typeof(Half))]
internal static partial class OnnxHD8V8Q4K6H3G3Half { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 3)]
internal static partial class OnnxHD8V8Q4K6H3G3 { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 3, Softcap = 2.0, Mask = AttentionMask.Additive)]
internal static partial class OnnxHD8V8Q4K6H3G3AC2_0 { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 3, Softcap = 2.0)]
internal static partial class OnnxHD8V8Q4K6H3G3C2_0 { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 3, Scale = 0.009999999776482582)]
internal static partial class OnnxHD8V8Q4K6H3G3S { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 9, KeyValueHeads = 3, Mask = AttentionMask.Additive)]
internal static partial class OnnxHD8V8Q4K6H9G3A { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 9, KeyValueHeads = 3, Mask = AttentionMask.Causal)]
internal static partial class OnnxHD8V8Q4K6H9G3C { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 9, KeyValueHeads = 3)]
internal static partial class OnnxHD8V8Q4K6H9G3 { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 9, KeyValueHeads = 3, Softcap = 2.0)]
internal static partial class OnnxHD8V8Q4K6H9G3C2_0 { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 9, KeyValueHeads = 3, Scale = 0.009999999776482582)]
internal static partial class OnnxHD8V8Q4K6H9G3S { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 7, Heads = 3, Mask = AttentionMask.Causal)]
internal static partial class OnnxHD8V8Q4K7H3G3C { }

[AttentionKernel(HeadDim = 4, SeqLen = 2, KeySeqLen = 2, Heads = 3, Layout = AttentionLayout.Interleaved)]
internal static partial class OnnxID4V4Q2K2H3G3 { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 18, ValueDim = 10, Heads = 3, Mask = AttentionMask.Additive, Layout = AttentionLayout.Interleaved)]
internal static partial class OnnxID8V10Q4K18H3G3A { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, ValueDim = 10, Heads = 3, Mask = AttentionMask.Additive, Layout = AttentionLayout.Interleaved)]
internal static partial class OnnxID8V10Q4K6H3G3A { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, ValueDim = 10, Heads = 3, Mask = AttentionMask.Causal, Layout = AttentionLayout.Interleaved)]
internal static partial class OnnxID8V10Q4K6H3G3C { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, ValueDim = 10, Heads = 3, Layout = AttentionLayout.Interleaved)]
internal static partial class OnnxID8V10Q4K6H3G3 { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, ValueDim = 10, Heads = 3, Softcap = 3.0, Layout = AttentionLayout.Interleaved)]
internal static partial class OnnxID8V10Q4K6H3G3C3_0 { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, ValueDim = 10, Heads = 3, Scale = 0.009999999776482582, Layout = AttentionLayout.Interleaved)]
internal static partial class OnnxID8V10Q4K6H3G3S { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 18, Heads = 3, Mask = AttentionMask.Additive, Layout = AttentionLayout.Interleaved)]
internal static partial class OnnxID8V8Q4K18H3G3A { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 18, Heads = 3, Softcap = 2.0, Mask = AttentionMask.Additive, Layout = AttentionLayout.Interleaved)]
internal static partial class OnnxID8V8Q4K18H3G3AC2_0 { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 18, Heads = 9, KeyValueHeads = 3, Mask = AttentionMask.Additive, Layout = AttentionLayout.Interleaved)]
internal static partial class OnnxID8V8Q4K18H9G3A { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 3, Mask = AttentionMask.Additive, Layout = AttentionLayout.Interleaved)]
internal static partial class OnnxID8V8Q4K6H3G3A { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 3, Mask = AttentionMask.Causal, Layout = AttentionLayout.Interleaved)]
internal static partial class OnnxID8V8Q4K6H3G3C { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 3, Layout = AttentionLayout.Interleaved)]
internal static partial class OnnxID8V8Q4K6H3G3 { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 3, Softcap = 3.0, Layout = AttentionLayout.Interleaved)]
internal static partial class OnnxID8V8Q4K6H3G3C3_0 { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 3, Scale = 0.009999999776482582, Layout = AttentionLayout.Interleaved)]
internal static partial class OnnxID8V8Q4K6H3G3S { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 9, KeyValueHeads = 3, Mask = AttentionMask.Additive, Layout = AttentionLayout.Interleaved)]
internal static partial class OnnxID8V8Q4K6H9G3A { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 9, KeyValueHeads = 3, Mask = AttentionMask.Causal, Layout = AttentionLayout.Interleaved)]
internal static partial class OnnxID8V8Q4K6H9G3C { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 9, KeyValueHeads = 3, Layout = AttentionLayout.Interleaved)]
internal static partial class OnnxID8V8Q4K6H9G3 { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 9, KeyValueHeads = 3, Softcap = 3.0, Layout = AttentionLayout.Interleaved)]
internal static partial class OnnxID8V8Q4K6H9G3C3_0 { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 9, KeyValueHeads = 3, Scale = 0.009999999776482582, Layout = AttentionLayout.Interleaved)]
internal static partial class OnnxID8V8Q4K6H9G3S { }

// Opset 25: sliding windows (left_window_size, right_window_size).

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, ValueDim = 6, Heads = 4, KeyValueHeads = 1, Mask = AttentionMask.Causal, LeftWindow = 2,
    Layout = AttentionLayout.Interleaved)]
internal static partial class OnnxWindowID8V6Q4K6H4G1C { }

[AttentionKernel(HeadDim = 1, SeqLen = 5, LeftWindow = 1, RightWindow = 2)]
internal static partial class OnnxWindowHD1Q5K5 { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 3, Mask = AttentionMask.Causal, LeftWindow = 2)]
internal static partial class OnnxWindowHD8Q4K6H3C { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 10, Heads = 3, Mask = AttentionMask.Causal, LeftWindow = 2)]
internal static partial class OnnxWindowHD8Q4K10H3C { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, Heads = 3, Mask = AttentionMask.Causal | AttentionMask.Boolean, LeftWindow = 2)]
internal static partial class OnnxWindowHD8Q4K6H3CB { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 8, Heads = 3, Mask = AttentionMask.Causal | AttentionMask.KeyPadding | AttentionMask.Additive,
    LeftWindow = 2)]
internal static partial class OnnxWindowHD8Q4K8H3CKA { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 8, Heads = 3, Mask = AttentionMask.Causal | AttentionMask.KeyPadding | AttentionMask.Additive,
    LeftWindow = 2, ElementType = typeof(Half))]
internal static partial class OnnxWindowHD8Q4K8H3CKAHalf { }

[AttentionKernel(HeadDim = 8, SeqLen = 4, KeySeqLen = 6, ValueDim = 6, Heads = 4, KeyValueHeads = 2, Softcap = 2.0,
    Mask = AttentionMask.Causal | AttentionMask.Boolean, LeftWindow = 2)]
internal static partial class OnnxWindowHD8V6Q4K6H4G2CBC2 { }
