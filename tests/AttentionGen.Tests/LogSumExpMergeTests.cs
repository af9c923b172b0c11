using System;
using System.Linq;
using AttentionGen.Tests.Support;
using Shouldly;
using Xunit;

namespace AttentionGen.Tests;

/// <summary>
/// Attention over a long cache split over key ranges, each part with its log-sum-exp, merged by
/// <see cref="Attention.MergePartials{T}"/>: the result over all the keys, as one kernel computes it (flash decoding).
/// </summary>
public class LogSumExpMergeTests
{
    private const int Parts = 3;
    private const int PartKeys = SplitPart.KeySeqLen;

    [Fact]
    public void Three_thousand_keys_split_three_ways_merge_to_the_single_kernels_result()
    {
        (float[] q, float[] k, float[] v, float[] sinks) = Inputs();
        var expected = new float[SplitWhole.OutputLength];
        var expectedLogSumExp = new float[SplitWhole.LogSumExpLength];
        SplitWhole.ComputeWithLogSumExp(q, k, v, sinks, expected, expectedLogSumExp);

        // The sink belongs to one part only; the others are plain attention over their keys.
        var output = new float[SplitWhole.OutputLength];
        var logSumExp = new float[SplitWhole.LogSumExpLength];
        SplitPartWithSinks.ComputeWithLogSumExp(q, Part(k, 0), Part(v, 0), sinks, output, logSumExp);
        var partOutput = new float[SplitWhole.OutputLength];
        var partLogSumExp = new float[SplitWhole.LogSumExpLength];
        for (int part = 1; part < Parts; part++)
        {
            SplitPart.ComputeWithLogSumExp(q, Part(k, part), Part(v, part), partOutput, partLogSumExp);
            Attention.MergePartials<float>(output, logSumExp, partOutput, partLogSumExp, output, logSumExp, SplitWhole.ValueDim); // in place
        }

        AssertClose(output, expected, 2e-6, "merged output");
        AssertClose(logSumExp, expectedLogSumExp, 2e-5, "merged log-sum-exp");
    }

    [Fact]
    public void The_generic_path_splits_and_merges_the_same_way()
    {
        (float[] q, float[] k, float[] v, float[] sinks) = Inputs();
        AttentionDescriptor whole = SplitWhole.Descriptor, part = SplitPart.Descriptor;
        var expected = new float[whole.OutputLength];
        var expectedLogSumExp = new float[whole.LogSumExpLength];
        Attention.ComputeWithLogSumExp<float>(whole, q, k, v, expected, expectedLogSumExp, sinks: sinks);

        var outputs = new float[Parts][];
        var sums = new float[Parts][];
        for (int p = 0; p < Parts; p++)
        {
            (outputs[p], sums[p]) = (new float[whole.OutputLength], new float[whole.LogSumExpLength]);
            Attention.ComputeWithLogSumExp<float>(p == 0 ? part with { Sinks = true } : part, q, Part(k, p), Part(v, p), outputs[p], sums[p], sinks: p == 0 ? sinks : default);
        }

        var merged = new float[whole.OutputLength];
        var mergedLogSumExp = new float[whole.LogSumExpLength];
        Attention.MergePartials<float>(outputs[1], sums[1], outputs[2], sums[2], merged, mergedLogSumExp, whole.ValueDim);
        Attention.MergePartials<float>(outputs[0], sums[0], merged, mergedLogSumExp, merged, mergedLogSumExp, whole.ValueDim); // aliasing B
        AssertClose(merged, expected, 2e-6, "merged output");
        AssertClose(mergedLogSumExp, expectedLogSumExp, 2e-5, "merged log-sum-exp");
    }

    [Fact]
    public void A_part_with_no_key_contributes_nothing_and_two_give_zero()
    {
        float[] row = { 1, 2, 3, 4 }, empty = { float.NaN, float.NaN, float.NaN, float.NaN };
        var output = new float[4];
        var lse = new float[1];
        Attention.MergePartials<float>(row, new[] { 0.5f }, empty, new[] { float.NegativeInfinity }, output, lse, 4);
        output.ShouldBe(row);
        lse[0].ShouldBe(0.5f);

        Attention.MergePartials<float>(empty, new[] { float.NegativeInfinity }, empty, new[] { float.NegativeInfinity }, output, lse, 4);
        output.ShouldAllBe(x => x == 0);
        lse[0].ShouldBe(float.NegativeInfinity);
    }

    [Fact]
    public void Merging_checks_its_arguments_before_writing()
    {
        var output = new float[8];
        var lse = new float[2];
        Should.Throw<ArgumentException>(() => Attention.MergePartials<float>(new float[8], new float[2], new float[6], new float[2], output, lse, 4))
            .ParamName.ShouldBe("outputB");
        Should.Throw<ArgumentException>(() => Attention.MergePartials<float>(new float[8], new float[2], new float[8], new float[3], output, lse, 4))
            .ParamName.ShouldBe("lseB");
        Should.Throw<ArgumentException>(() => Attention.MergePartials<float>(new float[8], new float[2], new float[8], new float[2], output, new float[1], 4))
            .ParamName.ShouldBe("lse");
        float[] shared = new float[9];
        Should.Throw<ArgumentException>(() => Attention.MergePartials<float>(shared.AsSpan(0, 8), lse, new float[8], new float[2], shared.AsSpan(1, 8), new float[2], 4))
            .ParamName.ShouldBe("output");
        output.ShouldAllBe(x => x == 0);
    }

    private static (float[] Query, float[] Key, float[] Value, float[] Sinks) Inputs()
    {
        Random random = TestData.RandomFor(nameof(LogSumExpMergeTests));
        return (TestData.Uniform(random, SplitWhole.QueryLength, 2), TestData.Uniform(random, SplitWhole.KeyLength, 2),
            TestData.Uniform(random, SplitWhole.ValueLength), TestData.Uniform(random, SplitWhole.Heads, 3));
    }

    /// <summary>Keys (or values) <c>part · PartKeys …</c> of every key/value head, head-major.</summary>
    private static float[] Part(float[] rows, int part)
    {
        int width = SplitWhole.HeadDim;
        return Enumerable.Range(0, SplitWhole.KeyValueHeads)
            .SelectMany(h => rows.Skip((h * SplitWhole.KeySeqLen + part * PartKeys) * width).Take(PartKeys * width)).ToArray();
    }

    private static void AssertClose(float[] actual, float[] expected, double tolerance, string what)
    {
        for (int i = 0; i < expected.Length; i++)
        {
            ((double)Math.Abs(actual[i] - expected[i])).ShouldBeLessThanOrEqualTo(tolerance + 1e-5 * Math.Abs(expected[i]), $"{what}, element {i}");
        }
    }
}

[AttentionKernel(HeadDim = 64, SeqLen = 3, KeySeqLen = 3000, Heads = 8, KeyValueHeads = 2, Sinks = true)]
internal static partial class SplitWhole { }

[AttentionKernel(HeadDim = 64, SeqLen = 3, KeySeqLen = 1000, Heads = 8, KeyValueHeads = 2, Sinks = true)]
internal static partial class SplitPartWithSinks { }

[AttentionKernel(HeadDim = 64, SeqLen = 3, KeySeqLen = 1000, Heads = 8, KeyValueHeads = 2)]
internal static partial class SplitPart { }
