using System;
using System.Collections.Generic;
using System.Runtime.Intrinsics;
using AttentionGen.Kernels;
using Shouldly;
using Xunit;

namespace AttentionGen.Tests;

/// <summary>
/// The kernels' own float and double <c>exp</c> (every softmax goes through it) against <see cref="Math.Exp(double)"/>, at
/// each vector width the instruction-set switches leave on, over the whole range and its edges.
/// </summary>
public class ExpTests
{
    /// <summary>Two units in the last place of a float, relative.</summary>
    private const double RelativeTolerance = 2.0 / (1 << 23);

    /// <summary>The smallest normal float, 2⁻¹²⁶.</summary>
    private const double SmallestNormal = 1.1754943508222875e-38;

    /// <summary><c>ln(2⁻¹²⁶)</c> as the kernels' exp takes it: below it, exp is 0.</summary>
    private const float LogOfSmallestNormal = -87.3365448f;

    public static IEnumerable<object[]> Widths()
    {
        yield return new object[] { 512 };
        yield return new object[] { 256 };
        yield return new object[] { 128 };
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Exp_is_within_two_ulp_and_exact_at_the_edges(int bits)
    {
        var inputs = new List<float> { 0f, -0f, 1f, -1f, 88.7f, 88.72f, 88.72283f, 88.72284f, -87.3f, -87.34f, -103f, -150f, -1e4f, 1e4f, float.MinValue, float.MaxValue };
        for (int i = 0; i <= 200_000; i++)
        {
            inputs.Add(-110f + i * (205f / 200_000f)); // −110 … 95 in small steps, through every binade exp can reach
        }

        float[] results = ExpAtWidth(bits, inputs.ToArray());
        for (int i = 0; i < inputs.Count; i++)
        {
            double expected = Math.Exp(inputs[i]);
            float actual = results[i];
            if (expected > float.MaxValue)
            {
                actual.ShouldBe(float.PositiveInfinity, $"exp({inputs[i]})");
            }
            else if (expected >= SmallestNormal)
            {
                Math.Abs(actual - expected).ShouldBeLessThanOrEqualTo(RelativeTolerance * expected, $"exp({inputs[i]})");
            }
            else if (inputs[i] < LogOfSmallestNormal)
            {
                // Below the normal range every width gives 0, never a subnormal: one costs a microcode assist in each
                // multiply it enters, and the softmax sums are full of them.
                actual.ShouldBe(0f, $"exp({inputs[i]})");
            }
            else
            {
                // The last sliver above ln(2⁻¹²⁶) in float, whose exp rounds below the smallest normal: 0 or that normal.
                Math.Abs(actual - expected).ShouldBeLessThanOrEqualTo(SmallestNormal, $"exp({inputs[i]})");
            }
        }

        float[] special = ExpAtWidth(bits, new[] { float.NegativeInfinity, float.PositiveInfinity, float.NaN });
        special[0].ShouldBe(0f);
        special[1].ShouldBe(float.PositiveInfinity);
        float.IsNaN(special[2]).ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Double_exp_is_within_two_ulp_and_exact_at_the_edges(int bits)
    {
        const double twoUlp = 2.0 / (1L << 52);
        const double smallestNormal = 2.2250738585072014e-308;
        const double logOfSmallestNormal = -708.3964185322641;
        var inputs = new List<double> { 0, -0.0, 1, -1, 709.78, 709.782712893384, 709.7827128933841, 709.79, -708.39, -708.4, -745, -1e4, 1e4, double.MinValue, double.MaxValue };
        for (int i = 0; i <= 200_000; i++)
        {
            inputs.Add(-720 + i * (1435.0 / 200_000)); // −720 … 715 in small steps, through every binade exp can reach
        }

        double[] results = DoubleExpAtWidth(bits, inputs.ToArray());
        for (int i = 0; i < inputs.Count; i++)
        {
            double expected = Math.Exp(inputs[i]);
            if (double.IsPositiveInfinity(expected))
            {
                results[i].ShouldBe(double.PositiveInfinity, $"exp({inputs[i]})");
            }
            else if (expected >= smallestNormal)
            {
                Math.Abs(results[i] - expected).ShouldBeLessThanOrEqualTo(twoUlp * expected, $"exp({inputs[i]})");
            }
            else if (inputs[i] < logOfSmallestNormal)
            {
                results[i].ShouldBe(0d, $"exp({inputs[i]})"); // never a subnormal, as for float
            }
            else
            {
                Math.Abs(results[i] - expected).ShouldBeLessThanOrEqualTo(smallestNormal, $"exp({inputs[i]})");
            }
        }

        double[] special = DoubleExpAtWidth(bits, [double.NegativeInfinity, double.PositiveInfinity, double.NaN]);
        special[0].ShouldBe(0d);
        special[1].ShouldBe(double.PositiveInfinity);
        double.IsNaN(special[2]).ShouldBeTrue();
    }

    /// <summary>
    /// A softmax's exponentials (<see cref="VectorMath.Probability{T}(Vector512{T})"/>) are exp itself down to 2⁻¹⁰⁰ and 0
    /// below it, never a subnormal for the value sums to multiply: at every width, in the scalar tail, in float and double.
    /// </summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void Probabilities_below_two_to_the_minus_100_are_zero(int bits)
    {
        const double floor = -69.31471805599453; // ln 2⁻¹⁰⁰
        float[] inputs = [0f, -1f, -69.3f, -69.32f, -70f, -87f, -87.5f, -100f, -200f, float.NegativeInfinity, float.NaN];
        float[] results = ExpAtWidth(bits, inputs, probability: true);
        for (int i = 0; i < inputs.Length; i++)
        {
            float expected = float.IsNaN(inputs[i]) ? float.NaN : inputs[i] < floor ? 0f : ExpAtWidth(bits, [inputs[i]])[0];
            results[i].ShouldBe(expected, $"probability({inputs[i]})");
            VectorMath.Probability(inputs[i]).ShouldBe(float.IsNaN(inputs[i]) ? float.NaN : inputs[i] < floor ? 0f : MathF.Exp(inputs[i]), $"scalar probability({inputs[i]})");
        }

        VectorMath.Probability(Vector512.Create(-69.4)).ToScalar().ShouldBe(0d);
        VectorMath.Probability(Vector128.Create(-69.3)).ToScalar().ShouldBe(Math.Exp(-69.3), 1e-16 * Math.Exp(-69.3));
    }

    /// <summary>Runs <see cref="VectorMath.Exp{T}(Vector512{T})"/> (or its narrower overloads) over double <paramref name="inputs"/>, padded to whole vectors.</summary>
    private static double[] DoubleExpAtWidth(int bits, double[] inputs)
    {
        int lanes = bits / 64;
        var padded = new double[(inputs.Length + lanes - 1) / lanes * lanes];
        inputs.CopyTo(padded, 0);
        var results = new double[padded.Length];
        for (int i = 0; i < padded.Length; i += lanes)
        {
            switch (bits)
            {
                case 512:
                    VectorMath.Exp(Vector512.Create(padded.AsSpan(i, lanes))).CopyTo(results, i);
                    break;
                case 256:
                    VectorMath.Exp(Vector256.Create(padded.AsSpan(i, lanes))).CopyTo(results, i);
                    break;
                default:
                    VectorMath.Exp(Vector128.Create(padded.AsSpan(i, lanes))).CopyTo(results, i);
                    break;
            }
        }

        return results[..inputs.Length];
    }

    /// <summary>Runs <see cref="VectorMath.Exp{T}(Vector512{T})"/> or <see cref="VectorMath.Probability{T}(Vector512{T})"/> (or their narrower overloads) over <paramref name="inputs"/>, padded to whole vectors.</summary>
    private static float[] ExpAtWidth(int bits, float[] inputs, bool probability = false)
    {
        int lanes = bits / 32;
        var padded = new float[(inputs.Length + lanes - 1) / lanes * lanes];
        inputs.CopyTo(padded, 0);
        var results = new float[padded.Length];
        for (int i = 0; i < padded.Length; i += lanes)
        {
            switch (bits)
            {
                case 512:
                    (probability ? VectorMath.Probability(Vector512.Create(padded.AsSpan(i, lanes))) : VectorMath.Exp(Vector512.Create(padded.AsSpan(i, lanes)))).CopyTo(results, i);
                    break;
                case 256:
                    (probability ? VectorMath.Probability(Vector256.Create(padded.AsSpan(i, lanes))) : VectorMath.Exp(Vector256.Create(padded.AsSpan(i, lanes)))).CopyTo(results, i);
                    break;
                default:
                    (probability ? VectorMath.Probability(Vector128.Create(padded.AsSpan(i, lanes))) : VectorMath.Exp(Vector128.Create(padded.AsSpan(i, lanes)))).CopyTo(results, i);
                    break;
            }
        }

        return results[..inputs.Length];
    }
}
