using System;
using System.Linq;
using AttentionGen.Tests.Kernels;
using AttentionGen.Tests.Reference;
using AttentionGen.Tests.Support;
using Xunit;

namespace AttentionGen.Tests;

/// <summary>
/// The block strategies score a block's rows together, so a key one row hides may be loaded for another row that
/// attends it. It must still never reach the row that hides it: poison (NaN, 1e30, ±∞) in such keys and their value
/// rows leaves that row's output and weights what clean inputs give. Every kernel with a Boolean or additive mask, three
/// patterns: keys hidden from every other row (gaps, the masked loops), one key hidden just before every other row's
/// last (a gap only the mask pass's last, partial vector sees) and a lower-triangular pattern (each row a prefix, the
/// unmasked loops, the poisoned keys past some rows' ends and before others').
/// </summary>
public class MaskedKeyPoisonTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (KernelUnderTest kernel in KernelCatalog.All.Where(k => (k.Problem.Mask & (AttentionMask.Boolean | AttentionMask.Additive)) != 0))
        {
            data.Add(kernel.Name, nameof(Alternating));
            data.Add(kernel.Name, nameof(LateGap));
            data.Add(kernel.Name, nameof(Triangular));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Keys_hidden_from_a_row_never_reach_it_even_when_other_rows_attend_them(string name, string pattern)
    {
        KernelUnderTest kernel = KernelCatalog.Named(name);
        AttentionProblem p = kernel.Problem;
        (Pattern open, Func<int, bool> poisoned) = pattern switch
        {
            nameof(Alternating) => (Alternating(p), j => j % 3 == 1),
            nameof(LateGap) => (LateGap(p), j => j == p.Keys - 2),
            _ => (Triangular(p), (Func<int, bool>)(j => j >= p.Keys / 2)),
        };

        // Per-head masks, the rows of every head numbered on (g = head · SeqLen + row), so a decode step's heads differ too.
        Random random = TestData.RandomFor($"{name} {pattern}");
        int rows = p.Heads * p.SeqLen;
        bool[] mask = Enumerable.Range(0, rows * p.Keys).Select(at => open(at / p.Keys, at % p.Keys)).ToArray();
        float[] bias = mask.Select(isOpen => isOpen ? random.NextSingle() * 4 - 2 : float.NegativeInfinity).ToArray();
        float[] q = TestData.Uniform(random, p.QueryLength);
        float[] k = TestData.Uniform(random, p.KeyLength);
        float[] v = TestData.Uniform(random, p.ValueLength);
        float[]? sinks = TestData.Sinks(p, random);
        TestData.RoundToStorage(kernel, q, k, v, bias, sinks);
        var args = new CallArguments(
            (p.Mask & AttentionMask.KeyPadding) != 0 ? p.Keys : -1, p.Keys,
            (p.Mask & AttentionMask.Boolean) != 0 ? mask : null,
            (p.Mask & AttentionMask.Additive) != 0 ? bias : null,
            Sinks: sinks);
        int[] checkedRows = Enumerable.Range(0, rows).Where(g => Enumerable.Range(0, p.Keys).Where(poisoned).All(j => !open(g, j))).ToArray();
        Assert.NotEmpty(checkedRows);
        Assert.True(checkedRows.Length < rows, "some row attends the poisoned keys, so the blocks load them");

        (double[] expected, double[] expectedWeights) = ReferenceAttention.Compute(
            p, q, k, v, args.CausalOffset, args.ValidKeys, args.Mask, args.Bias, sinks: args.Sinks);
        double scoreError = Tolerance.ScoreError(p, q, k, kernel.UnitRoundoff);
        double outputTolerance = Tolerance.Output(p, v, scoreError, kernel.UnitRoundoff);
        double weightsTolerance = Tolerance.Weights(p, scoreError, kernel.UnitRoundoff);
        foreach (float poison in new[] { float.NaN, 1e30f, float.PositiveInfinity, float.NegativeInfinity })
        {
            float[] poisonedKeys = (float[])k.Clone(), poisonedValues = (float[])v.Clone();
            foreach (int j in Enumerable.Range(0, p.Keys).Where(poisoned))
            {
                TestData.Poison(p, poisonedKeys, poisonedValues, j, poison, single: true);
            }

            foreach ((string path, (double[] output, double[] weights)) in new[]
            {
                ("generated", KernelRunner.Generated(kernel, q, poisonedKeys, poisonedValues, args)),
                ("generated without weights", KernelRunner.Generated(kernel, q, poisonedKeys, poisonedValues, args with { WithWeights = false })),
                ("generic", KernelRunner.Generic(kernel, q, poisonedKeys, poisonedValues, args)),
                ("generic without weights", KernelRunner.Generic(kernel, q, poisonedKeys, poisonedValues, args with { WithWeights = false })),
            })
            {
                string what = $"{path}, {pattern}, {poison} in keys hidden from";
                DifferentialTests.AssertClose(OutputRows(p, output, checkedRows), OutputRows(p, expected, checkedRows), outputTolerance, $"{what} these rows' outputs", kernel.StorageRoundoff);
                if (weights.Length > 0)
                {
                    DifferentialTests.AssertClose(WeightRows(p, weights, checkedRows), WeightRows(p, expectedWeights, checkedRows), weightsTolerance, $"{what} these rows' weights", kernel.StorageRoundoff);
                }
            }
        }
    }

    /// <summary>Whether row <c>g</c> (head · SeqLen + row) may attend key <c>j</c>.</summary>
    private delegate bool Pattern(int g, int j);

    /// <summary>Even rows hide every third key (1, 4, 7, …); odd rows attend every key.</summary>
    private static Pattern Alternating(AttentionProblem p) => (g, j) => g % 2 == 1 || j % 3 != 1;

    /// <summary>Even rows hide key Keys − 2 alone; odd rows attend every key.</summary>
    private static Pattern LateGap(AttentionProblem p) => (g, j) => g % 2 == 1 || j != p.Keys - 2;

    /// <summary>Row g attends keys 0 … ⌊g · Keys / rows⌋: the first half of the rows hide the second half of the keys.</summary>
    private static Pattern Triangular(AttentionProblem p) => (g, j) => j <= (long)g * p.Keys / (p.Heads * p.SeqLen);

    private static double[] OutputRows(AttentionProblem p, double[] output, int[] rows)
        => rows.SelectMany(g => Enumerable.Range(0, p.Values).Select(c => output[ReferenceAttention.Index(
            p.Layout == AttentionLayout.Interleaved, g / p.SeqLen, g % p.SeqLen, c, p.Heads, p.SeqLen, p.Values)])).ToArray();

    private static double[] WeightRows(AttentionProblem p, double[] weights, int[] rows)
        => rows.SelectMany(g => weights.Skip(g * p.Keys).Take(p.Keys)).ToArray();
}
