using System;
using System.Linq;
using AttentionGen.Tests.Kernels;
using AttentionGen.Tests.Reference;
using AttentionGen.Tests.Support;
using Xunit;

namespace AttentionGen.Tests;

/// <summary>
/// A block of rows is scored over every key some row of it may see, so a key before one row's window may be loaded for
/// an earlier row that attends it. It must still never reach the row whose window starts after it: poison (NaN, 1e30,
/// ±∞) in that key and its value row leaves such rows' outputs and weights what the reference gives for clean inputs.
/// </summary>
public class WindowPoisonTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (KernelUnderTest kernel in KernelCatalog.All.Where(k => k.Problem.LeftWindow >= 0))
        {
            data.Add(kernel.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_key_before_a_rows_window_never_reaches_it(string name)
    {
        KernelUnderTest kernel = KernelCatalog.Named(name);
        AttentionProblem p = kernel.Problem;
        int causalOffset = p.Keys - p.SeqLen; // the rows are the last positions: every row's window lies inside the keys
        int middle = p.SeqLen / 2;
        int poisoned = Math.Max(0, middle + causalOffset - p.LeftWindow - 1); // just before the middle row's window
        int[] checkedRows = Enumerable.Range(0, p.SeqLen).Where(row => row + causalOffset - poisoned > p.LeftWindow).ToArray();
        Assert.Contains(middle, checkedRows);

        Random random = TestData.RandomFor("window poison " + name);
        float[] q = TestData.Uniform(random, p.QueryLength);
        float[] k = TestData.Uniform(random, p.KeyLength);
        float[] v = TestData.Uniform(random, p.ValueLength);
        int matrix = p.SeqLen * p.Keys;
        var args = new CallArguments(
            (p.Mask & AttentionMask.KeyPadding) != 0 ? p.Keys : -1,
            causalOffset,
            (p.Mask & AttentionMask.Boolean) != 0 ? Enumerable.Repeat(true, matrix).ToArray() : null,
            (p.Mask & AttentionMask.Additive) != 0 ? TestData.Uniform(random, matrix) : null,
            Sinks: TestData.Sinks(p, random));
        TestData.RoundToStorage(kernel, q, k, v, args.Bias, args.Sinks);
        (double[] expected, double[] expectedWeights) = ReferenceAttention.Compute(
            p, q, k, v, causalOffset, args.ValidKeys, args.Mask, args.Bias, sinks: args.Sinks);
        double scoreError = Tolerance.ScoreError(p, q, k, kernel.UnitRoundoff);
        double outputTolerance = Tolerance.Output(p, v, scoreError, kernel.UnitRoundoff);
        double weightsTolerance = Tolerance.Weights(p, scoreError, kernel.UnitRoundoff);
        foreach (float poison in new[] { float.NaN, 1e30f, float.PositiveInfinity, float.NegativeInfinity })
        {
            float[] poisonedKeys = (float[])k.Clone(), poisonedValues = (float[])v.Clone();
            TestData.Poison(p, poisonedKeys, poisonedValues, poisoned, poison, single: true);
            foreach ((string path, (double[] output, double[] weights)) in new[]
            {
                ("generated", KernelRunner.Generated(kernel, q, poisonedKeys, poisonedValues, args)),
                ("generated without weights", KernelRunner.Generated(kernel, q, poisonedKeys, poisonedValues, args with { WithWeights = false })),
                ("generic", KernelRunner.Generic(kernel, q, poisonedKeys, poisonedValues, args)),
            })
            {
                string what = $"{path}, {poison} in key {poisoned}";
                DifferentialTests.AssertClose(Rows(p, output, checkedRows, p.Values, output: true), Rows(p, expected, checkedRows, p.Values, output: true),
                    outputTolerance, $"{what}: the outputs of rows whose window starts after it", kernel.StorageRoundoff);
                if (weights.Length > 0)
                {
                    DifferentialTests.AssertClose(Rows(p, weights, checkedRows, p.Keys, output: false), Rows(p, expectedWeights, checkedRows, p.Keys, output: false),
                        weightsTolerance, $"{what}: the weights of rows whose window starts after it", kernel.StorageRoundoff);
                }
            }
        }
    }

    /// <summary>The given query rows of every head, from the output (in the problem's layout) or the weights.</summary>
    private static double[] Rows(AttentionProblem p, double[] values, int[] rows, int width, bool output)
        => Enumerable.Range(0, p.Heads).SelectMany(h => rows.SelectMany(row => Enumerable.Range(0, width).Select(c => values[output
            ? ReferenceAttention.Index(p.Layout == AttentionLayout.Interleaved, h, row, c, p.Heads, p.SeqLen, width)
            : (h * p.SeqLen + row) * p.Keys + c]))).ToArray();
}
