using System;
using System.Collections.Generic;

namespace AttentionGen.Tests.Layer;

/// <summary>A generated layer's <c>Forward</c> (the overload with weights) with every run-time argument spelled out.</summary>
public delegate void LayerCall(
    ReadOnlySpan<float> query, ReadOnlySpan<float> key, ReadOnlySpan<float> value,
    ReadOnlySpan<float> inProjWeight, ReadOnlySpan<float> inProjBias, ReadOnlySpan<float> outProjWeight, ReadOnlySpan<float> outProjBias,
    ReadOnlySpan<bool> mask, ReadOnlySpan<float> bias, int validKeys, Span<float> output, Span<float> weights, Span<float> scratch);

/// <summary>A declared layer and the scratch it needs.</summary>
public sealed record LayerUnderTest(int ScratchLength, LayerCall Forward);

/// <summary>The layers declared for the PyTorch cases, by case name.</summary>
public static class PyTorchLayers
{
    public static readonly IReadOnlyDictionary<string, LayerUnderTest> ByCase = new Dictionary<string, LayerUnderTest>
    {
        ["mha_self_e16_h2_l5"] = new(MhaSelf.ScratchLength, static (q, k, v, iw, ib, ow, ob, m, b, n, o, w, s) => MhaSelf.Forward(q, k, v, iw, ib, ow, ob, o, w, s)),
        ["mha_cross_e32_h4_l6_s9"] = new(MhaCross.ScratchLength, static (q, k, v, iw, ib, ow, ob, m, b, n, o, w, s) => MhaCross.Forward(q, k, v, iw, ib, ow, ob, o, w, s)),
        ["mha_causal_e64_h8_l12"] = new(MhaCausal.ScratchLength, static (q, k, v, iw, ib, ow, ob, m, b, n, o, w, s) => MhaCausal.Forward(q, k, v, iw, ib, ow, ob, o, w, s)),
        ["mha_keypad_e32_h2_l7_b2"] = new(MhaKeyPadding.ScratchLength, static (q, k, v, iw, ib, ow, ob, m, b, n, o, w, s) => MhaKeyPadding.Forward(q, k, v, iw, ib, ow, ob, n, o, w, s)),
        ["mha_boolmask_e16_h2_l6_s8"] = new(MhaBoolean.ScratchLength, static (q, k, v, iw, ib, ow, ob, m, b, n, o, w, s) => MhaBoolean.Forward(q, k, v, iw, ib, ow, ob, m, o, w, s)),
        ["mha_boolmask_perhead_e16_h4_l4_s6"] = new(MhaBooleanPerHead.ScratchLength, static (q, k, v, iw, ib, ow, ob, m, b, n, o, w, s) => MhaBooleanPerHead.Forward(q, k, v, iw, ib, ow, ob, m, o, w, s)),
        ["mha_additive_e32_h4_l5_s7"] = new(MhaAdditive.ScratchLength, static (q, k, v, iw, ib, ow, ob, m, b, n, o, w, s) => MhaAdditive.Forward(q, k, v, iw, ib, ow, ob, b, o, w, s)),
        ["mha_decode_e48_h3_l1_s20"] = new(MhaDecode.ScratchLength, static (q, k, v, iw, ib, ow, ob, m, b, n, o, w, s) => MhaDecode.Forward(q, k, v, iw, ib, ow, ob, o, w, s)),
        ["mha_onehead_e20_h1_l6"] = new(MhaOneHead.ScratchLength, static (q, k, v, iw, ib, ow, ob, m, b, n, o, w, s) => MhaOneHead.Forward(q, k, v, iw, ib, ow, ob, o, w, s)),
        ["mha_headdim1_e8_h8_l5"] = new(MhaHeadDim1.ScratchLength, static (q, k, v, iw, ib, ow, ob, m, b, n, o, w, s) => MhaHeadDim1.Forward(q, k, v, iw, ib, ow, ob, o, w, s)),
        ["mha_mag30_e32_h4_l8"] = new(MhaMagnitude30.ScratchLength, static (q, k, v, iw, ib, ow, ob, m, b, n, o, w, s) => MhaMagnitude30.Forward(q, k, v, iw, ib, ow, ob, o, w, s)),
        ["mha_causal_keypad_e32_h4_l6_b2"] = new(MhaCausalKeyPadding.ScratchLength, static (q, k, v, iw, ib, ow, ob, m, b, n, o, w, s) => MhaCausalKeyPadding.Forward(q, k, v, iw, ib, ow, ob, n, o, w, s)),
        ["mha_alibi_e32_h4_l7"] = new(MhaAlibi.ScratchLength, static (q, k, v, iw, ib, ow, ob, m, b, n, o, w, s) => MhaAlibi.Forward(q, k, v, iw, ib, ow, ob, o, w, s)),
        ["mha_alibi_causal_e48_h6_l9"] = new(MhaAlibiCausal.ScratchLength, static (q, k, v, iw, ib, ow, ob, m, b, n, o, w, s) => MhaAlibiCausal.Forward(q, k, v, iw, ib, ow, ob, o, w, s)),
        ["mha_fully_masked_row_e12_h3_l5"] = new(MhaFullyMaskedRow.ScratchLength, static (q, k, v, iw, ib, ow, ob, m, b, n, o, w, s) => MhaFullyMaskedRow.Forward(q, k, v, iw, ib, ow, ob, m, o, w, s)),
    };
}
