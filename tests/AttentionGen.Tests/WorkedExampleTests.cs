using System;
using System.Linq;
using AttentionGen.Tests.Reference;
using AttentionGen.Tests.Support;
using Shouldly;
using Xunit;

namespace AttentionGen.Tests;

/// <summary>Nadaraya–Watson over one-dimensional points: which waist sizes a query waist is near.</summary>
[AttentionKernel(HeadDim = 1, SeqLen = 1, KeySeqLen = 3, Score = AttentionScore.Gaussian)]
internal static partial class WaistToWeight { }

/// <summary>The notes' four-wide query against three keys, without scaling.</summary>
[AttentionKernel(HeadDim = 4, SeqLen = 1, KeySeqLen = 3, ValueDim = 1, Score = AttentionScore.DotProduct)]
internal static partial class UnscaledFour { }

/// <summary>The same, scaled by 1/√4.</summary>
[AttentionKernel(HeadDim = 4, SeqLen = 1, KeySeqLen = 3, ValueDim = 1)]
internal static partial class ScaledFour { }

/// <summary>The worked examples of the notes this project was born from, as the notes state them.</summary>
public class WorkedExampleTests
{
    [Fact]
    public void Waist_62_weighs_the_waists_60_and_64_equally_and_estimates_112_5()
    {
        // Keys 60, 64, 68 with values 110, 115, 126; the query 62 scores −(62 − k)²/2 = −2, −2, −18.
        float[] weights = new float[3], estimate = new float[1];
        WaistToWeight.Compute(query: new[] { 62f }, key: new[] { 60f, 64f, 68f }, value: new[] { 110f, 115f, 126f }, estimate, weights);
        weights[0].ShouldBe(0.5f, 1e-6f);
        weights[1].ShouldBe(0.5f, 1e-6f);
        weights[2].ShouldBeLessThan(1e-7f);
        estimate[0].ShouldBe(112.5f, 1e-4f);
    }

    [Fact]
    public void The_dot_product_of_the_notes_query_and_key_is_0_88()
    {
        float[] scores = new float[3];
        UnscaledFour.Compute(Query, Keys, Values, new float[1], scores, AttentionScoreStage.Scaled);
        scores[0].ShouldBe(0.88f, 1e-6f);
        scores[1].ShouldBe(2.0f, 1e-6f);
        scores[2].ShouldBe(0.5f, 1e-6f);
    }

    [Fact]
    public void Scaling_by_the_root_of_d_softens_the_weights()
    {
        // The notes quote ≈ 0.184, 0.643, 0.173 and ≈ 0.272, 0.459, 0.269; those are not the softmax of these scores
        // (nor consistent with each other). The softmax of 0.88, 2.0, 0.5 is 0.211, 0.645, 0.144, and of half of them
        // 0.280, 0.489, 0.231: the notes' point stands — dividing by √d softens the weights.
        float[] unscaled = new float[3], scaled = new float[3];
        UnscaledFour.Compute(Query, Keys, Values, new float[1], unscaled);
        ScaledFour.Compute(Query, Keys, Values, new float[1], scaled);
        unscaled.Select(w => Math.Round(w, 3)).ShouldBe(new[] { 0.211, 0.645, 0.144 });
        scaled.Select(w => Math.Round(w, 3)).ShouldBe(new[] { 0.280, 0.489, 0.231 });
        scaled.Max().ShouldBeLessThan(unscaled.Max());
        scaled.Min().ShouldBeGreaterThan(unscaled.Min());
    }

    // Points near (1000, 1000, 1000): the shifted form Scale·(q·k − ‖k‖²/2) would lose about Scale·‖q‖²·u ≈ 0.4 in every
    // logit, so the kernel must score these rows from the differences; the bound below is the difference form's. Once
    // row at a time (7 query rows), in blocks against the transposed keys (9 query rows, the tiled strategy), and in
    // blocks over chunks of keys (700 keys, the chunked strategy; the causal mask opened by an offset past every key).
    [Theory]
    [InlineData(nameof(Kernels.GaussianSmall))]
    [InlineData(nameof(Kernels.GaussianTiledSmall))]
    [InlineData(nameof(Kernels.GaussianChunked))]
    public void Gaussian_scores_of_points_far_from_the_origin_stay_exact(string kernel)
    {
        AttentionProblem p = AttentionProblem.Of(kernel switch
        {
            nameof(Kernels.GaussianSmall) => Kernels.GaussianSmall.Descriptor,
            nameof(Kernels.GaussianTiledSmall) => Kernels.GaussianTiledSmall.Descriptor,
            _ => Kernels.GaussianChunked.Descriptor,
        });
        Random random = TestData.RandomFor(nameof(Gaussian_scores_of_points_far_from_the_origin_stay_exact));
        float[] q = TestData.Uniform(random, p.QueryLength).Select(x => x + 1000).ToArray();
        float[] k = TestData.Uniform(random, p.KeyLength).Select(x => x + 1000).ToArray();
        float[] v = TestData.Uniform(random, p.ValueLength);
        float[] output = new float[p.OutputLength], weights = new float[p.WeightsLength];
        int causalOffset = p.Keys;
        switch (kernel)
        {
            case nameof(Kernels.GaussianSmall):
                Kernels.GaussianSmall.Compute(q, k, v, output, weights);
                break;
            case nameof(Kernels.GaussianTiledSmall):
                Kernels.GaussianTiledSmall.Compute(q, k, v, output, weights);
                break;
            default:
                Kernels.GaussianChunked.Compute(q, k, v, causalOffset, output, weights);
                break;
        }

        (double[] expected, double[] expectedWeights) = ReferenceAttention.Compute(p, q, k, v, causalOffset);
        double u = Math.Pow(2, -24);
        double scoreError = (p.HeadDim + 4) * u * p.Scale / 2 * p.HeadDim * 4.0; // ‖q − k‖² ≤ d · 2², times Scale/2
        DifferentialTests.AssertClose(output.Select(x => (double)x).ToArray(), expected, Tolerance.Output(p, v, scoreError, u), "output");
        DifferentialTests.AssertClose(weights.Select(x => (double)x).ToArray(), expectedWeights, Tolerance.Weights(p, scoreError, u), "weights");

        // The generic path, without weights, takes its tiled route for the nine-row shapes: it must switch forms alike.
        float[] generic = new float[p.OutputLength];
        Attention.Compute<float>(p.ToDescriptor(), q, k, v, generic, causalOffset: p.GenericMaskArguments(-1, causalOffset).CausalOffset);
        DifferentialTests.AssertClose(generic.Select(x => (double)x).ToArray(), expected, Tolerance.Output(p, v, scoreError, u), "generic output");
    }

    private static readonly float[] Query = { 1.2f, -0.5f, 0.3f, 0.8f };

    // Key 0 is the notes' [0.6, −0.1, −1.5, 0.7]; keys 1 and 2 lie along the query, at dot products 2.0 and 0.5.
    private static readonly float[] Keys = new[] { 0.6f, -0.1f, -1.5f, 0.7f }
        .Concat(Query.Select(x => x * 2.0f / 2.42f))
        .Concat(Query.Select(x => x * 0.5f / 2.42f))
        .ToArray();

    private static readonly float[] Values = { 1, 2, 3 };
}
