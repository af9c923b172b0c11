using System;
using System.Linq;
using System.Numerics;
using AttentionGen.Tests.Kernels;

namespace AttentionGen.Tests.Support;

/// <summary>The run-time inputs of one call besides query, key and value.</summary>
public sealed record CallArguments(
    int ValidKeys = -1,
    int CausalOffset = 0,
    bool[]? Mask = null,
    float[]? Bias = null,
    AttentionScoreStage Stage = AttentionScoreStage.Probabilities,
    bool WithWeights = true,
    float[]? Sinks = null);

/// <summary>Runs a kernel under test, or the generic path on the same problem, on float inputs; results widened to double.</summary>
public static class KernelRunner
{
    public static (double[] Output, double[] Weights) Generated(KernelUnderTest kernel, float[] q, float[] k, float[] v, CallArguments args)
    {
        (double[] output, double[] weights, _) = Run(kernel, q, k, v, args, generated: true, withLogSumExp: false);
        return (output, weights);
    }

    public static (double[] Output, double[] Weights) Generic(KernelUnderTest kernel, float[] q, float[] k, float[] v, CallArguments args)
    {
        (double[] output, double[] weights, _) = Run(kernel, q, k, v, args, generated: false, withLogSumExp: false);
        return (output, weights);
    }

    /// <summary>The output and the log-sum-exp from <c>ComputeWithLogSumExp</c>, generated or generic.</summary>
    public static (double[] Output, double[] LogSumExp) WithLogSumExp(KernelUnderTest kernel, float[] q, float[] k, float[] v, CallArguments args, bool generated)
    {
        (double[] output, _, double[] logSumExp) = Run(kernel, q, k, v, args, generated, withLogSumExp: true);
        return (output, logSumExp);
    }

    private static (double[], double[], double[]) Run(KernelUnderTest kernel, float[] q, float[] k, float[] v, CallArguments args, bool generated, bool withLogSumExp)
        => kernel switch
        {
            KernelUnderTest<float> f => Run(f, q, k, v, args.Bias, args.Sinks, args, generated, withLogSumExp),
            KernelUnderTest<double> d => Run(d, Widen(q), Widen(k), Widen(v), WidenOptional(args.Bias), WidenOptional(args.Sinks), args, generated, withLogSumExp),
            KernelUnderTest<Half> h => Run(h, ToHalf(q), ToHalf(k), ToHalf(v), ToHalfOptional(args.Bias), ToHalfOptional(args.Sinks), args, generated, withLogSumExp),
            _ => throw new ArgumentException(kernel.Name),
        };

    private static (double[], double[], double[]) Run<T>(
        KernelUnderTest<T> kernel, T[] q, T[] k, T[] v, T[]? bias, T[]? sinks, CallArguments args, bool generated, bool withLogSumExp)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var output = new T[kernel.Problem.OutputLength];
        var weights = new T[args.WithWeights && !withLogSumExp ? kernel.Problem.WeightsLength : 0];
        var logSumExp = new float[withLogSumExp ? kernel.Problem.Heads * kernel.Problem.SeqLen : 0];
        StalePoison.BeforeCall();
        if (generated)
        {
            kernel.Call(q, k, v, args.Mask, bias, args.ValidKeys, args.CausalOffset, sinks, output, weights, args.Stage, logSumExp);
        }
        else
        {
            (int validKeys, int causalOffset) = kernel.Problem.GenericMaskArguments(args.ValidKeys, args.CausalOffset);
            if (withLogSumExp)
            {
                Attention.ComputeWithLogSumExp<T>(kernel.Problem.ToDescriptor(), q, k, v, output, logSumExp, causalOffset, validKeys, args.Mask, bias, sinks: sinks);
            }
            else
            {
                Attention.Compute<T>(kernel.Problem.ToDescriptor(), q, k, v, output, weights, causalOffset, validKeys, args.Mask, bias, args.Stage, sinks: sinks);
            }
        }

        return (Narrow(output), Narrow(weights), logSumExp.Select(x => (double)x).ToArray());
    }

    private static double[] Widen(float[] values) => values.Select(x => (double)x).ToArray();

    private static double[]? WidenOptional(float[]? values) => values is null ? null : Widen(values);

    private static Half[] ToHalf(float[] values) => values.Select(x => (Half)x).ToArray();

    private static Half[]? ToHalfOptional(float[]? values) => values is null ? null : ToHalf(values);

    private static double[] Narrow<T>(T[] values)
        => values.Select(x => x switch
        {
            float f => f,
            double d => d,
            Half h => (double)h,
            _ => throw new ArgumentException(typeof(T).Name),
        }).ToArray();
}
