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
    bool WithWeights = true);

/// <summary>Runs a kernel under test, or the generic path on the same problem, on float inputs; results widened to double.</summary>
public static class KernelRunner
{
    public static (double[] Output, double[] Weights) Generated(KernelUnderTest kernel, float[] q, float[] k, float[] v, CallArguments args)
        => kernel switch
        {
            KernelUnderTest<float> f => RunGenerated(f, q, k, v, args.Bias, args),
            KernelUnderTest<double> d => RunGenerated(d, Widen(q), Widen(k), Widen(v), args.Bias is null ? null : Widen(args.Bias), args),
            KernelUnderTest<Half> h => RunGenerated(h, ToHalf(q), ToHalf(k), ToHalf(v), args.Bias is null ? null : ToHalf(args.Bias), args),
            _ => throw new ArgumentException(kernel.Name),
        };

    public static (double[] Output, double[] Weights) Generic(KernelUnderTest kernel, float[] q, float[] k, float[] v, CallArguments args)
        => kernel switch
        {
            KernelUnderTest<float> => RunGeneric(kernel, q, k, v, args.Bias, args),
            KernelUnderTest<double> => RunGeneric(kernel, Widen(q), Widen(k), Widen(v), args.Bias is null ? null : Widen(args.Bias), args),
            KernelUnderTest<Half> => RunGeneric(kernel, ToHalf(q), ToHalf(k), ToHalf(v), args.Bias is null ? null : ToHalf(args.Bias), args),
            _ => throw new ArgumentException(kernel.Name),
        };

    private static (double[], double[]) RunGenerated<T>(KernelUnderTest<T> kernel, T[] q, T[] k, T[] v, T[]? bias, CallArguments args)
        where T : struct
    {
        var output = new T[kernel.Problem.OutputLength];
        var weights = new T[args.WithWeights ? kernel.Problem.WeightsLength : 0];
        StalePoison.BeforeCall();
        kernel.Call(q, k, v, args.Mask, bias, args.ValidKeys, args.CausalOffset, output, weights, args.Stage);
        return (Narrow(output), Narrow(weights));
    }

    private static (double[], double[]) RunGeneric<T>(KernelUnderTest kernel, T[] q, T[] k, T[] v, T[]? bias, CallArguments args)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        var output = new T[kernel.Problem.OutputLength];
        var weights = new T[args.WithWeights ? kernel.Problem.WeightsLength : 0];
        (int validKeys, int causalOffset) = kernel.Problem.GenericMaskArguments(args.ValidKeys, args.CausalOffset);
        StalePoison.BeforeCall();
        Attention.Compute<T>(kernel.Problem.ToDescriptor(), q, k, v, output, weights, causalOffset, validKeys, args.Mask, bias, args.Stage);
        return (Narrow(output), Narrow(weights));
    }

    private static double[] Widen(float[] values) => values.Select(x => (double)x).ToArray();

    private static Half[] ToHalf(float[] values) => values.Select(x => (Half)x).ToArray();

    private static double[] Narrow<T>(T[] values)
        => values.Select(x => x switch
        {
            float f => f,
            double d => d,
            Half h => (double)h,
            _ => throw new ArgumentException(typeof(T).Name),
        }).ToArray();
}
