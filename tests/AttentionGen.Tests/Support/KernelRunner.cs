using System;
using System.Linq;
using AttentionGen.Tests.Kernels;

namespace AttentionGen.Tests.Support;

/// <summary>Runs a kernel under test, or the generic path on the same problem, on float inputs; results widened to double.</summary>
public static class KernelRunner
{
    public static (double[] Output, double[] Weights) Generated(KernelUnderTest kernel, float[] q, float[] k, float[] v, int validKeys, int causalOffset, bool withWeights = true)
        => kernel switch
        {
            KernelUnderTest<float> f => RunGenerated(f, q, k, v, validKeys, causalOffset, withWeights),
            KernelUnderTest<double> d => RunGenerated(d, Widen(q), Widen(k), Widen(v), validKeys, causalOffset, withWeights),
            _ => throw new ArgumentException(kernel.Name),
        };

    public static (double[] Output, double[] Weights) Generic(KernelUnderTest kernel, float[] q, float[] k, float[] v, int validKeys, int causalOffset)
        => kernel switch
        {
            KernelUnderTest<float> => RunGeneric(kernel, q, k, v, validKeys, causalOffset),
            KernelUnderTest<double> => RunGeneric(kernel, Widen(q), Widen(k), Widen(v), validKeys, causalOffset),
            _ => throw new ArgumentException(kernel.Name),
        };

    private static (double[], double[]) RunGenerated<T>(KernelUnderTest<T> kernel, T[] q, T[] k, T[] v, int validKeys, int causalOffset, bool withWeights)
        where T : struct, IConvertible
    {
        var output = new T[kernel.Problem.OutputLength];
        var weights = new T[withWeights ? kernel.Problem.WeightsLength : 0];
        kernel.Call(q, k, v, validKeys, causalOffset, output, weights);
        return (Narrow(output), Narrow(weights));
    }

    private static (double[], double[]) RunGeneric<T>(KernelUnderTest kernel, T[] q, T[] k, T[] v, int validKeys, int causalOffset)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>, IConvertible
    {
        var output = new T[kernel.Problem.OutputLength];
        var weights = new T[kernel.Problem.WeightsLength];
        Attention.Compute<T>(kernel.Problem.ToDescriptor(), q, k, v, output, weights, causalOffset, validKeys);
        return (Narrow(output), Narrow(weights));
    }

    private static double[] Widen(float[] values) => values.Select(x => (double)x).ToArray();

    private static double[] Narrow<T>(T[] values) where T : IConvertible
        => values.Select(x => x.ToDouble(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
}
