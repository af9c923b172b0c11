using System;
using System.Linq;
using AttentionGen.Tests.Reference;
using AttentionGen.Tests.Support;
using Shouldly;
using Xunit;

namespace AttentionGen.Tests.Layer;

[MultiHeadAttention(ModelDim = 2, Heads = 1, SeqLen = 1, KeySeqLen = 2)]
internal static partial class HandCheckedLayer { }

[MultiHeadAttention(ModelDim = 24, Heads = 3, SeqLen = 5, KeySeqLen = 9, Mask = AttentionMask.Causal | AttentionMask.KeyPadding | AttentionMask.Boolean)]
internal static partial class MaskedCrossLayer { }

[MultiHeadAttention(ModelDim = 20, Heads = 4, SeqLen = 3, ElementType = typeof(double))]
internal static partial class DoubleLayer { }

/// <summary>The layer against a double-precision reference written in the tests, by hand, and for allocations.</summary>
public class LayerTests
{
    [Fact]
    public void A_layer_with_identity_weights_gives_the_value_a_hand_computes()
    {
        // W_q = W_k = W_v = out W = I, in biases 0, out bias [10, 20]. The query [0, 0] scores both keys 0, so each weighs
        // 1/2 and the heads give the mean of the value rows [1, 3] and [3, 5], [2, 4]; plus the out bias: [12, 24].
        float[] identity3 = { 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1 };
        float[] output = new float[2], weights = new float[2];
        HandCheckedLayer.Forward(
            query: new float[] { 0, 0 }, key: new float[] { 1, 3, 3, 5 }, value: new float[] { 1, 3, 3, 5 },
            inProjWeight: identity3, inProjBias: new float[6], outProjWeight: new float[] { 1, 0, 0, 1 }, outProjBias: new float[] { 10, 20 },
            output, weights, new float[HandCheckedLayer.ScratchLength]);
        weights.ShouldBe(new[] { 0.5f, 0.5f });
        output.ShouldBe(new[] { 12f, 24f });
    }

    [Theory]
    [InlineData(0, 9)]
    [InlineData(2, 6)]
    [InlineData(-3, 9)]
    public void A_masked_cross_attention_layer_matches_the_double_reference(int causalOffset, int validKeys)
    {
        Random random = TestData.RandomFor($"layer {causalOffset} {validKeys}");
        const int e = 24, l = 5, s = 9;
        float[] q = TestData.Uniform(random, l * e), k = TestData.Uniform(random, s * e), v = TestData.Uniform(random, s * e);
        float[] inW = TestData.Uniform(random, 3 * e * e, 0.3f), inB = TestData.Uniform(random, 3 * e, 0.1f);
        float[] outW = TestData.Uniform(random, e * e, 0.3f), outB = TestData.Uniform(random, e, 0.1f);
        bool[] allowed = Enumerable.Range(0, 3 * l * s).Select(_ => random.NextDouble() < 0.8).ToArray();
        var output = new float[l * e];
        MaskedCrossLayer.Forward(q, k, v, inW, inB, outW, outB, allowed, validKeys, causalOffset, output, new float[MaskedCrossLayer.ScratchLength]);

        double[] expected = ReferenceLayer.Forward(e, 3, l, s, AttentionMask.Causal | AttentionMask.KeyPadding | AttentionMask.Boolean,
            q, k, v, inW, inB, outW, outB, allowed, validKeys: validKeys, causalOffset: causalOffset);
        for (int i = 0; i < output.Length; i++)
        {
            Math.Abs(output[i] - expected[i]).ShouldBeLessThanOrEqualTo(1e-5 + 1e-4 * Math.Abs(expected[i]), $"output[{i / e}, {i % e}]");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void A_sliding_window_layer_matches_the_double_reference(int causalOffset)
    {
        Random random = TestData.RandomFor($"window layer {causalOffset}");
        const int e = 24, l = 10, s = 16;
        float[] q = TestData.Uniform(random, l * e), k = TestData.Uniform(random, s * e), v = TestData.Uniform(random, s * e);
        float[] inW = TestData.Uniform(random, 3 * e * e, 0.3f), inB = TestData.Uniform(random, 3 * e, 0.1f);
        float[] outW = TestData.Uniform(random, e * e, 0.3f), outB = TestData.Uniform(random, e, 0.1f);
        var output = new float[l * e];
        WindowLayer.Forward(q, k, v, inW, inB, outW, outB, causalOffset, output, new float[WindowLayer.ScratchLength]);

        double[] expected = ReferenceLayer.Forward(e, 3, l, s, AttentionMask.Causal, q, k, v, inW, inB, outW, outB, causalOffset: causalOffset, leftWindow: 3);
        for (int i = 0; i < output.Length; i++)
        {
            Math.Abs(output[i] - expected[i]).ShouldBeLessThanOrEqualTo(1e-5 + 1e-4 * Math.Abs(expected[i]), $"output[{i / e}, {i % e}]");
        }
    }

    [Fact]
    public void A_double_layer_matches_the_double_reference_to_1e_12()
    {
        Random random = TestData.RandomFor(nameof(A_double_layer_matches_the_double_reference_to_1e_12));
        const int e = 20, l = 3;
        float[] q = TestData.Uniform(random, l * e);
        float[] inW = TestData.Uniform(random, 3 * e * e, 0.3f), inB = TestData.Uniform(random, 3 * e, 0.1f);
        float[] outW = TestData.Uniform(random, e * e, 0.3f), outB = TestData.Uniform(random, e, 0.1f);
        double[] Wide(float[] x) => Array.ConvertAll(x, f => (double)f);
        var output = new double[l * e];
        DoubleLayer.Forward(Wide(q), Wide(q), Wide(q), Wide(inW), Wide(inB), Wide(outW), Wide(outB), output, new double[DoubleLayer.ScratchLength]);

        double[] expected = ReferenceLayer.Forward(e, 4, l, l, AttentionMask.None, q, q, q, inW, inB, outW, outB);
        for (int i = 0; i < output.Length; i++)
        {
            Math.Abs(output[i] - expected[i]).ShouldBeLessThanOrEqualTo(1e-12, $"output[{i / e}, {i % e}]");
        }
    }

    [Fact]
    public void A_layer_allocates_nothing()
    {
        const int e = 24;
        float[] q = new float[5 * e], kv = new float[9 * e], inW = new float[3 * e * e], inB = new float[3 * e], outW = new float[e * e], outB = new float[e];
        bool[] allowed = Enumerable.Repeat(true, 5 * 9).ToArray();
        float[] output = new float[5 * e], scratch = new float[MaskedCrossLayer.ScratchLength];
        MaskedCrossLayer.Forward(q, kv, kv, inW, inB, outW, outB, allowed, 9, output, scratch);
        AllocationProbe.LeastAllocated(() =>
        {
            for (int i = 0; i < 1000; i++)
            {
                MaskedCrossLayer.Forward(q, kv, kv, inW, inB, outW, outB, allowed, 9, output, scratch);
            }
        }).ShouldBe(0);
    }

    [Fact]
    public void Scratch_that_is_too_short_is_rejected_before_anything_is_written()
    {
        float[] output = Enumerable.Repeat(7f, 2).ToArray();
        float[] scratch = Enumerable.Repeat(7f, HandCheckedLayer.ScratchLength - 1).ToArray();
        ArgumentException error = Should.Throw<ArgumentException>(() => HandCheckedLayer.Forward(
            new float[2], new float[4], new float[4], new float[12], new float[6], new float[4], new float[2], output, scratch));
        error.ParamName.ShouldBe("scratch");
        error.Message.ShouldContain($"at least {HandCheckedLayer.ScratchLength}");
        output.ShouldAllBe(x => x == 7f);
        scratch.ShouldAllBe(x => x == 7f);
    }
}
