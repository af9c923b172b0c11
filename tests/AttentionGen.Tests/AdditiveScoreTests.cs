using System;
using System.Linq;
using AttentionGen.Tests.Reference;
using AttentionGen.Tests.Support;
using Shouldly;
using Xunit;

namespace AttentionGen.Tests;

/// <summary>The notes' example: query rows 256 wide, key rows 512 wide, a hidden width of 128.</summary>
[AttentionKernel(HeadDim = 256, KeyDim = 512, HiddenDim = 128, SeqLen = 4, KeySeqLen = 16, Score = AttentionScore.Additive)]
internal static partial class BahdanauNotes { }

[AttentionKernel(HeadDim = 7, KeyDim = 5, HiddenDim = 9, SeqLen = 5, KeySeqLen = 11, Heads = 4, KeyValueHeads = 2, Softcap = 2,
                 Layout = AttentionLayout.Interleaved, Score = AttentionScore.Additive,
                 Mask = AttentionMask.Causal | AttentionMask.Boolean | AttentionMask.KeyPadding)]
internal static partial class BahdanauMasked { }

[AttentionKernel(HeadDim = 3, HiddenDim = 17, SeqLen = 4, KeySeqLen = 6, Scale = 0.5, Score = AttentionScore.Additive, ElementType = typeof(double))]
internal static partial class BahdanauDouble { }

[AttentionKernel(HeadDim = 8, HiddenDim = 16, SeqLen = 3, KeySeqLen = 7, Score = AttentionScore.Additive, Mask = AttentionMask.Additive, ElementType = typeof(Half))]
internal static partial class BahdanauHalf { }

/// <summary>
/// The additive (Bahdanau) score, <c>Scale · w·tanh(W_q q + W_k k)</c>: generated kernels and the generic path against the
/// double reference, with NaN in the rows of keys the masks hide from every query row.
/// </summary>
public class AdditiveScoreTests
{
    private static readonly double FloatRoundoff = Math.Pow(2, -24);

    [Fact]
    public void The_notes_widths_match_the_reference()
    {
        var p = new AttentionProblem(256, 4, KeySeqLen: 16, Score: AttentionScore.Additive, HiddenDim: 128, KeyDim: 512);
        (float[] q, float[] k, float[] v, AdditiveWeights a) = Inputs(p, nameof(BahdanauNotes));
        float[] output = new float[p.OutputLength], weights = new float[p.WeightsLength];
        BahdanauNotes.Compute(q, k, v, a.QueryProjection, a.KeyProjection, a.ScoreVector, output, weights);
        Check(p, q, k, v, a, new CallArguments(), output, weights, FloatRoundoff);
    }

    // Inputs 2, 5 and 12 times as large: projected magnitudes up to about 15, 37 and 100, so some query rows and keys fit the
    // identity tanh(a + b) = 1 − 2 / (1 + e^{2a}·e^{2b}) (|x| ≤ 20) and the rest must take tanh: past 20, e^{2a}·e^{2b} can
    // overflow even where each exponential alone is finite (up to 44).
    [Fact]
    public void Projections_near_and_past_the_identitys_limit_match_the_reference()
    {
        var p = new AttentionProblem(256, 4, KeySeqLen: 16, Score: AttentionScore.Additive, HiddenDim: 128, KeyDim: 512);
        (float[] q, float[] k, float[] v, AdditiveWeights a) = Inputs(p, nameof(Projections_near_and_past_the_identitys_limit_match_the_reference));
        float[] factors = [2, 5, 12];
        q = q.Select((x, i) => factors[i / p.HeadDim % 3] * x).ToArray();
        k = k.Select((x, i) => factors[i / p.KeyWidth % 3] * x).ToArray();
        double[] largest = Enumerable.Range(0, p.SeqLen).Select(i => Enumerable.Range(0, p.HiddenDim)
            .Max(h => Math.Abs(Enumerable.Range(0, p.HeadDim).Sum(c => (double)a.QueryProjection[h * p.HeadDim + c] * q[i * p.HeadDim + c])))).ToArray();
        largest.ShouldContain(x => x < 20, "some query row fits the identity");
        largest.ShouldContain(x => x > 22 && x < 40, "some query row's e^{2a} is finite, but past the identity's limit");
        largest.ShouldContain(x => x > 44, "some query row's e^{2a} would overflow");
        float[] output = new float[p.OutputLength], weights = new float[p.WeightsLength];
        BahdanauNotes.Compute(q, k, v, a.QueryProjection, a.KeyProjection, a.ScoreVector, output, weights);
        Check(p, q, k, v, a, new CallArguments(), output, weights, FloatRoundoff);
    }

    [Theory]
    [InlineData(11, 0)]
    [InlineData(6, 3)]
    [InlineData(0, 0)]
    [InlineData(11, -2)]
    public void Masked_grouped_interleaved_heads_match_the_reference(int validKeys, int causalOffset)
    {
        var p = new AttentionProblem(7, 5, KeySeqLen: 11, Heads: 4, KeyValueHeads: 2, Score: AttentionScore.Additive, Softcap: 2,
            Mask: AttentionMask.Causal | AttentionMask.Boolean | AttentionMask.KeyPadding, Layout: AttentionLayout.Interleaved, HiddenDim: 9, KeyDim: 5);
        (float[] q, float[] k, float[] v, AdditiveWeights a) = Inputs(p, $"{nameof(BahdanauMasked)} {validKeys} {causalOffset}");
        (bool[]? mask, _) = TestData.Masks(p, TestData.RandomFor("masks " + validKeys + causalOffset), perHead: true);
        TestData.Poison(p, k, v, TestData.FirstKeyMaskedForAllRows(p, validKeys, causalOffset), float.NaN);
        TestData.Poison(p, k, v, TestData.KeyMaskedEverywhere(p), float.NaN, single: true);
        float[] output = new float[p.OutputLength], weights = new float[p.WeightsLength];
        BahdanauMasked.Compute(q, k, v, mask, validKeys, causalOffset, a.QueryProjection, a.KeyProjection, a.ScoreVector, output, weights);
        Check(p, q, k, v, a, new CallArguments(validKeys, causalOffset, mask), output, weights, FloatRoundoff);
    }

    [Fact]
    public void Double_kernels_match_the_reference()
    {
        var p = new AttentionProblem(3, 4, KeySeqLen: 6, Score: AttentionScore.Additive, Scale: 0.5, HiddenDim: 17);
        (float[] q, float[] k, float[] v, AdditiveWeights a) = Inputs(p, nameof(BahdanauDouble));
        double[] output = new double[p.OutputLength], weights = new double[p.WeightsLength];
        BahdanauDouble.Compute(Wide(q), Wide(k), Wide(v), Wide(a.QueryProjection), Wide(a.KeyProjection), Wide(a.ScoreVector), output, weights);
        (double[] expected, double[] expectedWeights) = ReferenceAttention.Compute(p, q, k, v, additive: a);
        double u = Math.Pow(2, -53), scoreError = Tolerance.AdditiveScoreError(p, q, k, a, u);
        DifferentialTests.AssertClose(output, expected, Tolerance.Output(p, v, scoreError, u), "generated output");
        DifferentialTests.AssertClose(weights, expectedWeights, Tolerance.Weights(p, scoreError, u), "generated weights");
    }

    [Fact]
    public void Half_kernels_match_the_reference()
    {
        var p = new AttentionProblem(8, 3, KeySeqLen: 7, Score: AttentionScore.Additive, Mask: AttentionMask.Additive, HiddenDim: 16);
        (float[] q, float[] k, float[] v, AdditiveWeights a) = Inputs(p, nameof(BahdanauHalf));
        (_, float[]? bias) = TestData.Masks(p, TestData.RandomFor("bias of " + nameof(BahdanauHalf)), perHead: false);
        foreach (float[] values in new[] { q, k, v, bias!, a.QueryProjection, a.KeyProjection, a.ScoreVector })
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (float)(Half)values[i];
            }
        }

        Half[] output = new Half[p.OutputLength], weights = new Half[p.WeightsLength];
        BahdanauHalf.Compute(Narrow(q), Narrow(k), Narrow(v), Narrow(bias!), Narrow(a.QueryProjection), Narrow(a.KeyProjection), Narrow(a.ScoreVector), output, weights);
        (double[] expected, double[] expectedWeights) = ReferenceAttention.Compute(p, q, k, v, bias: bias, additive: a);
        double scoreError = Tolerance.AdditiveScoreError(p, q, k, a, FloatRoundoff);
        DifferentialTests.AssertClose(output.Select(x => (double)x).ToArray(), expected, Tolerance.Output(p, v, scoreError, FloatRoundoff), "generated output", Math.Pow(2, -11));
        DifferentialTests.AssertClose(weights.Select(x => (double)x).ToArray(), expectedWeights, Tolerance.Weights(p, scoreError, FloatRoundoff), "generated weights", Math.Pow(2, -11));
    }

    [Fact]
    public void The_generic_path_rejects_projections_without_the_additive_score()
    {
        var descriptor = new AttentionDescriptor { HeadDim = 2, SeqLen = 1 };
        float[] row = new float[2];
        Should.Throw<ArgumentException>(() => Attention.Compute<float>(descriptor, row, row, row, new float[2], queryProjection: new float[4]))
            .ParamName.ShouldBe("queryProjection");
    }

    private static (float[] Q, float[] K, float[] V, AdditiveWeights Weights) Inputs(AttentionProblem p, string name)
    {
        Random random = TestData.RandomFor(name);
        return (TestData.Uniform(random, p.QueryLength), TestData.Uniform(random, p.KeyLength), TestData.Uniform(random, p.ValueLength),
            new AdditiveWeights(
                TestData.Uniform(random, p.HiddenDim * p.HeadDim, 0.5f),
                TestData.Uniform(random, p.HiddenDim * p.KeyWidth, 0.5f),
                TestData.Uniform(random, p.HiddenDim)));
    }

    /// <summary>The generated results given, and the generic path's on the same inputs, against the double reference.</summary>
    private static void Check(AttentionProblem p, float[] q, float[] k, float[] v, AdditiveWeights a, CallArguments args, float[] output, float[] weights, double u)
    {
        (double[] expected, double[] expectedWeights) = ReferenceAttention.Compute(p, q, k, v, args.CausalOffset, args.ValidKeys, args.Mask, additive: a);
        double scoreError = Tolerance.AdditiveScoreError(p, q, k, a, u);
        double outputTolerance = Tolerance.Output(p, v, scoreError, u), weightsTolerance = Tolerance.Weights(p, scoreError, u);
        DifferentialTests.AssertClose(output.Select(x => (double)x).ToArray(), expected, outputTolerance, "generated output");
        DifferentialTests.AssertClose(weights.Select(x => (double)x).ToArray(), expectedWeights, weightsTolerance, "generated weights");

        float[] genericOutput = new float[p.OutputLength], genericWeights = new float[p.WeightsLength];
        (int validKeys, int causalOffset) = p.GenericMaskArguments(args.ValidKeys, args.CausalOffset);
        Attention.Compute<float>(p.ToDescriptor(), q, k, v, genericOutput, genericWeights, causalOffset, validKeys, args.Mask,
            queryProjection: a.QueryProjection, keyProjection: a.KeyProjection, scoreVector: a.ScoreVector);
        DifferentialTests.AssertClose(genericOutput.Select(x => (double)x).ToArray(), expected, outputTolerance, "generic output");
        DifferentialTests.AssertClose(genericWeights.Select(x => (double)x).ToArray(), expectedWeights, weightsTolerance, "generic weights");
    }

    private static double[] Wide(float[] x) => Array.ConvertAll(x, f => (double)f);

    private static Half[] Narrow(float[] x) => Array.ConvertAll(x, f => (Half)f);
}
