using System;
using System.Collections.Generic;
using System.Linq;
using AttentionGen.Tests.Kernels;
using AttentionGen.Tests.Reference;
using AttentionGen.Tests.Support;
using Shouldly;
using Xunit;

namespace AttentionGen.Tests;

/// <summary>
/// Generated kernels, the generic path and the double-precision reference agree, on every declared shape, for every
/// mask setting worth trying — with NaN planted in every key and value row the masks hide from all rows.
/// </summary>
public class DifferentialTests
{
    [Theory]
    [MemberData(nameof(KernelCatalog.Cases), MemberType = typeof(KernelCatalog))]
    public void Generated_and_generic_paths_match_the_reference(KernelUnderTest kernel)
    {
        AttentionProblem p = kernel.Problem;
        float[] poisons = { float.NaN, 1e30f, float.PositiveInfinity, float.NegativeInfinity };
        int scenarioIndex = 0;
        foreach ((int validKeys, int causalOffset, bool perHead) in MaskSettings(p))
        {
            float poison = poisons[scenarioIndex++ % poisons.Length];
            string scenario = $"{kernel.Name}, validKeys {validKeys}, causalOffset {causalOffset}, per-head masks {perHead}, {poison} in masked rows";
            Random random = TestData.RandomFor(scenario);
            float[] q = TestData.Uniform(random, p.QueryLength);
            float[] k = TestData.Uniform(random, p.KeyLength);
            float[] v = TestData.Uniform(random, p.ValueLength);
            (bool[]? mask, float[]? bias) = TestData.Masks(p, random, perHead);
            TestData.RoundToStorage(kernel, q, k, v, bias);
            TestData.Poison(p, k, v, TestData.FirstKeyMaskedForAllRows(p, validKeys, causalOffset), poison);
            TestData.Poison(p, k, v, 0, TestData.KeysBeforeEveryWindow(p, causalOffset), poison);
            if (mask is not null || bias is not null)
            {
                TestData.Poison(p, k, v, TestData.KeyMaskedEverywhere(p), poison, single: true);
            }

            float[]? sinks = TestData.Sinks(p, random);
            TestData.RoundToStorage(kernel, sinks);
            CheckAgainstReference(kernel, q, k, v, new CallArguments(validKeys, causalOffset, mask, bias, Sinks: sinks), scenario);
        }
    }

    /// <summary>
    /// The row maxima are taken with the hardware's maximum, which may pass a NaN over: a NaN score must still reach the
    /// output of every row that attends its key (its exponential is NaN against any maximum), and no other row's.
    /// </summary>
    [Theory]
    [MemberData(nameof(KernelCatalog.Cases), MemberType = typeof(KernelCatalog))]
    public void A_NaN_score_reaches_exactly_the_rows_that_attend_its_key(KernelUnderTest kernel)
    {
        AttentionProblem p = kernel.Problem;
        (int validKeys, int causalOffset, bool perHead) = MaskSettings(p).Last();
        Random random = TestData.RandomFor("a NaN score in " + kernel.Name);
        float[] q = TestData.Uniform(random, p.QueryLength);
        float[] cleanKeys = TestData.Uniform(random, p.KeyLength);
        float[] v = TestData.Uniform(random, p.ValueLength);
        (bool[]? mask, float[]? bias) = TestData.Masks(p, random, perHead);
        TestData.RoundToStorage(kernel, q, cleanKeys, v, bias);
        var args = new CallArguments(validKeys, causalOffset, mask, bias, Sinks: TestData.Sinks(p, random));
        float[] k = cleanKeys;
        double[] expected = [];
        foreach (int key in new[] { 0, p.Keys / 2, p.Keys - 1 })
        {
            // One element of the key's row, in every key/value head: its scores are NaN, its value row stays finite.
            k = (float[])cleanKeys.Clone();
            for (int g = 0; g < p.KvHeads; g++)
            {
                k[ReferenceAttention.Index(p.Layout == AttentionLayout.Interleaved, g, key, 0, p.KvHeads, p.Keys, p.KeyWidth)] = float.NaN;
            }

            (expected, _) = ReferenceAttention.Compute(p, q, k, v, causalOffset, validKeys, mask, bias, sinks: args.Sinks);
            if (expected.Any(double.IsNaN))
            {
                break; // some row attends this key (a window may keep the first or the middle one from every row)
            }
        }

        expected.ShouldContain(double.NaN, "some row attends the key");
        foreach ((string path, double[] output) in new[]
        {
            ("generated", KernelRunner.Generated(kernel, q, k, v, args with { WithWeights = false }).Output),
            ("generic", KernelRunner.Generic(kernel, q, k, v, args with { WithWeights = false }).Output),
        })
        {
            for (int i = 0; i < expected.Length; i++)
            {
                double.IsNaN(output[i]).ShouldBe(double.IsNaN(expected[i]), $"{path} output element {i}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(KernelCatalog.Cases), MemberType = typeof(KernelCatalog))]
    public void The_scores_at_each_stage_match_the_reference(KernelUnderTest kernel)
    {
        AttentionProblem p = kernel.Problem;
        (int validKeys, int causalOffset, bool perHead) = MaskSettings(p).Last();
        Random random = TestData.RandomFor("stages of " + kernel.Name);
        float[] q = TestData.Uniform(random, p.QueryLength);
        float[] k = TestData.Uniform(random, p.KeyLength);
        float[] v = TestData.Uniform(random, p.ValueLength);
        (bool[]? mask, float[]? bias) = TestData.Masks(p, random, perHead);
        TestData.RoundToStorage(kernel, q, k, v, bias);
        double scoreError = Tolerance.ScoreError(p, q, k, kernel.UnitRoundoff);
        foreach (AttentionScoreStage stage in new[] { AttentionScoreStage.Scaled, AttentionScoreStage.Softcapped, AttentionScoreStage.Biased })
        {
            var args = new CallArguments(validKeys, causalOffset, mask, bias, stage, Sinks: TestData.Sinks(p, random));
            (_, double[] expected) = ReferenceAttention.Compute(p, q, k, v, causalOffset, validKeys, mask, bias, stage);
            double tolerance = scoreError + 4 * kernel.UnitRoundoff * expected.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
            AssertClose(KernelRunner.Generated(kernel, q, k, v, args).Weights, expected, tolerance, $"generated {stage} scores", kernel.StorageRoundoff);
            AssertClose(KernelRunner.Generic(kernel, q, k, v, args).Weights, expected, tolerance, $"generic {stage} scores", kernel.StorageRoundoff);
        }
    }

    [Theory]
    [InlineData(nameof(LargeLogits))]
    public void Logits_near_plus_and_minus_ten_thousand_stay_exact(string name)
    {
        // Integer inputs make every logit exact in float (|q·k| ≤ 40 · 16 · 16 = 10240), so the only error left is the
        // softmax's own; without the maximum subtracted, exp(1e4) would overflow and give NaN.
        KernelUnderTest kernel = KernelCatalog.Named(name);
        AttentionProblem p = kernel.Problem;
        Random random = TestData.RandomFor(name);
        float[] q = Enumerable.Range(0, p.QueryLength).Select(_ => (float)random.Next(-16, 17)).ToArray();
        float[] k = Enumerable.Range(0, p.KeyLength).Select(_ => (float)random.Next(-16, 17)).ToArray();
        float[] v = TestData.Uniform(random, p.ValueLength);
        for (int i = 0; i < p.SeqLen; i++)
        {
            // Row i meets one key along its own direction (+10240) and one against it (−10240).
            float[] direction = Enumerable.Range(0, p.HeadDim).Select(_ => random.Next(2) == 0 ? -16f : 16f).ToArray();
            for (int c = 0; c < p.HeadDim; c++)
            {
                q[i * p.HeadDim + c] = direction[c];
                k[(i % p.Keys) * p.HeadDim + c] = direction[c];
                k[((i + p.SeqLen) % p.Keys) * p.HeadDim + c] = -direction[c];
            }
        }

        double[] scores = Enumerable.Range(0, p.SeqLen).SelectMany(i => Enumerable.Range(0, p.Keys)
            .Select(j => Enumerable.Range(0, p.HeadDim).Sum(c => (double)q[i * p.HeadDim + c] * k[j * p.HeadDim + c]))).ToArray();
        scores.Max().ShouldBe(10240);
        scores.Min().ShouldBe(-10240);

        foreach (int causalOffset in new[] { 0, p.Keys })
        {
            (double[] expected, double[] expectedWeights) = ReferenceAttention.Compute(p, q, k, v, causalOffset);
            double outputTolerance = Tolerance.Output(p, v, scoreError: 0, kernel.UnitRoundoff);
            double weightsTolerance = Tolerance.Weights(p, scoreError: 0, kernel.UnitRoundoff);
            var args = new CallArguments(CausalOffset: causalOffset);
            foreach ((string path, (double[] output, double[] weights)) in new[]
            {
                ("generated", KernelRunner.Generated(kernel, q, k, v, args)),
                ("generic", KernelRunner.Generic(kernel, q, k, v, args)),
                ("generic without weights", KernelRunner.Generic(kernel, q, k, v, args with { WithWeights = false })),
            })
            {
                AssertClose(output, expected, outputTolerance, $"{path} output, causalOffset {causalOffset}");
                if (weights.Length > 0)
                {
                    AssertClose(weights, expectedWeights, weightsTolerance, $"{path} weights, causalOffset {causalOffset}");
                }
            }
        }
    }

    [Fact]
    public void Half_inputs_near_the_top_of_Halfs_range_stay_finite_and_accurate()
    {
        // Value rows up to ±60000 (Half's largest finite is 65504) with ordinary scores: the output, a convex combination
        // of value rows, must stay finite and within the float bound plus Half's rounding of the result.
        KernelUnderTest kernel = KernelCatalog.Named(nameof(HalfCausal));
        AttentionProblem p = kernel.Problem;
        Random random = TestData.RandomFor(nameof(Half_inputs_near_the_top_of_Halfs_range_stay_finite_and_accurate));
        float[] q = TestData.Uniform(random, p.QueryLength);
        float[] k = TestData.Uniform(random, p.KeyLength);
        float[] v = TestData.Uniform(random, p.ValueLength, 60000);
        TestData.RoundToStorage(kernel, q, k, v);
        foreach (int causalOffset in new[] { 0, p.Keys })
        {
            var args = new CallArguments(CausalOffset: causalOffset);
            CheckAgainstReference(kernel, q, k, v, args, $"near Half's range, causalOffset {causalOffset}");
            KernelRunner.Generated(kernel, q, k, v, args).Output.ShouldAllBe(x => double.IsFinite(x));
        }
    }

    internal static void CheckAgainstReference(KernelUnderTest kernel, float[] q, float[] k, float[] v, CallArguments args, string scenario)
    {
        AttentionProblem p = kernel.Problem;
        (double[] expected, double[] expectedWeights) = ReferenceAttention.Compute(
            p, q, k, v, args.CausalOffset, args.ValidKeys, args.Mask, args.Bias, sinks: args.Sinks);
        double scoreError = Tolerance.ScoreError(p, q, k, kernel.UnitRoundoff);
        double outputTolerance = Tolerance.Output(p, v, scoreError, kernel.UnitRoundoff);
        double weightsTolerance = Tolerance.Weights(p, scoreError, kernel.UnitRoundoff);

        (double[] generated, double[] generatedWeights) = KernelRunner.Generated(kernel, q, k, v, args);
        (double[] withoutWeights, _) = KernelRunner.Generated(kernel, q, k, v, args with { WithWeights = false });
        (double[] generic, double[] genericWeights) = KernelRunner.Generic(kernel, q, k, v, args);
        (double[] genericWithoutWeights, _) = KernelRunner.Generic(kernel, q, k, v, args with { WithWeights = false });

        double storage = kernel.StorageRoundoff;
        AssertClose(generated, expected, outputTolerance, $"generated output ({scenario})", storage);
        AssertClose(generatedWeights, expectedWeights, weightsTolerance, $"generated weights ({scenario})", storage);
        AssertClose(generic, expected, outputTolerance, $"generic output ({scenario})", storage);
        AssertClose(genericWeights, expectedWeights, weightsTolerance, $"generic weights ({scenario})", storage);
        AssertClose(genericWithoutWeights, expected, outputTolerance, $"generic output without weights, the tiled route where it applies ({scenario})", storage);
        withoutWeights.ShouldBe(generated, $"the overload without weights computes the same output ({scenario})");

        // The log-sum-exp of every row, generated and generic, with the output computed alongside it.
        double[] expectedLogSumExp = ReferenceAttention.LogSumExp(p, q, k, v, args.CausalOffset, args.ValidKeys, args.Mask, args.Bias, args.Sinks);
        double logSumExpTolerance = scoreError + 8 * Math.Pow(2, -24) * expectedLogSumExp.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        foreach (bool isGenerated in new[] { true, false })
        {
            string path = isGenerated ? "generated" : "generic";
            (double[] output, double[] logSumExp) = KernelRunner.WithLogSumExp(kernel, q, k, v, args, isGenerated);
            AssertClose(output, expected, outputTolerance, $"{path} output beside its log-sum-exp ({scenario})", storage);
            AssertClose(logSumExp, expectedLogSumExp, logSumExpTolerance, $"{path} log-sum-exp ({scenario})");
        }
    }

    /// <summary>
    /// Every element within <c>tolerance + relative·|expected|</c> (the relative part: rounding the result to the element
    /// type), exact where the reference is exactly 0 (masked weights, fully masked rows) or not finite.
    /// </summary>
    internal static void AssertClose(double[] actual, double[] expected, double tolerance, string what, double relative = 0)
    {
        actual.Length.ShouldBe(expected.Length, what);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            if (double.IsNaN(expected[i]) || double.IsInfinity(expected[i]))
            {
                actual[i].ShouldBe(expected[i], $"{what}: element {i} must be exactly {expected[i]}");
                continue;
            }

            // A reference value of exactly 0 comes only from a masked key, a fully masked row or an underflow that
            // float underflows too: a sum of products of random inputs is never exactly 0.
            if (expected[i] == 0)
            {
                actual[i].ShouldBe(0.0, $"{what}: element {i} is masked and must be exactly 0");
            }
            else if (!(error <= tolerance + relative * Math.Abs(expected[i])))
            {
                throw new ShouldAssertException($"{what}: element {i} is {actual[i]}, expected {expected[i]} ± {tolerance + relative * Math.Abs(expected[i]):E2} (error {error:E2}).");
            }
        }
    }

    /// <summary>(validKeys, causalOffset, per-head masks) settings: none, some and all keys open; offsets that hide whole
    /// leading rows, the diagonal, and ones that open everything; mask matrices shared by the heads and one per head.</summary>
    internal static IEnumerable<(int ValidKeys, int CausalOffset, bool PerHead)> MaskSettings(AttentionProblem p)
    {
        bool causal = (p.Mask & AttentionMask.Causal) != 0;
        bool padded = (p.Mask & AttentionMask.KeyPadding) != 0;
        bool perKey = (p.Mask & (AttentionMask.Boolean | AttentionMask.Additive)) != 0;
        int[] validKeys = padded ? new[] { 0, 1, p.Keys / 2, p.Keys } : new[] { -1 };
        int[] offsets = causal || p.TakesPositions ? new[] { -(p.SeqLen + 2), -2, 0, 3, p.Keys - p.SeqLen, p.Keys } : new[] { 0 };
        bool[] perHead = perKey && p.Heads > 1 ? new[] { false, true } : new[] { false };
        return validKeys.SelectMany(n => offsets.SelectMany(c => perHead.Select(h => (n, c, h)))).Distinct();
    }
}
