using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace AttentionGen.Benchmarks;

/// <summary>
/// The single-core fp32 FMA peak, measured in the same run as the kernels so every figure can be quoted as a fraction
/// of it: twelve independent chains of fused multiply-adds on the widest accelerated vector (on the development machine,
/// Vector512 reaches twice Vector256's figure, so the width matters).
/// </summary>
[MemoryDiagnoser]
public class PeakFmaBenchmark
{
    private const int Iterations = 100_000;

    /// <summary>FLOPs of one <see cref="PeakFma"/> call: two per lane per multiply-add, twelve chains.</summary>
    public static double Flops => 2.0 * 12 * Iterations * (Vector512.IsHardwareAccelerated ? Vector512<float>.Count : Vector<float>.Count);

    [Benchmark]
    public float PeakFma() => Vector512.IsHardwareAccelerated ? Chains512() : ChainsOfVector();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Chains512()
    {
        Vector512<float> m = Vector512.Create(0.999999f), a = Vector512.Create(1e-7f);
        Vector512<float> c0 = m, c1 = m, c2 = m, c3 = m, c4 = m, c5 = m, c6 = m, c7 = m, c8 = m, c9 = m, c10 = m, c11 = m;
        for (int i = 0; i < Iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, m, a);
            c1 = Vector512.FusedMultiplyAdd(c1, m, a);
            c2 = Vector512.FusedMultiplyAdd(c2, m, a);
            c3 = Vector512.FusedMultiplyAdd(c3, m, a);
            c4 = Vector512.FusedMultiplyAdd(c4, m, a);
            c5 = Vector512.FusedMultiplyAdd(c5, m, a);
            c6 = Vector512.FusedMultiplyAdd(c6, m, a);
            c7 = Vector512.FusedMultiplyAdd(c7, m, a);
            c8 = Vector512.FusedMultiplyAdd(c8, m, a);
            c9 = Vector512.FusedMultiplyAdd(c9, m, a);
            c10 = Vector512.FusedMultiplyAdd(c10, m, a);
            c11 = Vector512.FusedMultiplyAdd(c11, m, a);
        }

        return Vector512.Sum(((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11)));
    }

    /// <summary>The same chains on <see cref="Vector{T}"/>, for machines without Vector512.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float ChainsOfVector()
    {
        Vector<float> m = new(0.999999f), a = new(1e-7f);
        Vector<float> c0 = m, c1 = m, c2 = m, c3 = m, c4 = m, c5 = m, c6 = m, c7 = m, c8 = m, c9 = m, c10 = m, c11 = m;
        for (int i = 0; i < Iterations; i++)
        {
            c0 = Vector.FusedMultiplyAdd(c0, m, a);
            c1 = Vector.FusedMultiplyAdd(c1, m, a);
            c2 = Vector.FusedMultiplyAdd(c2, m, a);
            c3 = Vector.FusedMultiplyAdd(c3, m, a);
            c4 = Vector.FusedMultiplyAdd(c4, m, a);
            c5 = Vector.FusedMultiplyAdd(c5, m, a);
            c6 = Vector.FusedMultiplyAdd(c6, m, a);
            c7 = Vector.FusedMultiplyAdd(c7, m, a);
            c8 = Vector.FusedMultiplyAdd(c8, m, a);
            c9 = Vector.FusedMultiplyAdd(c9, m, a);
            c10 = Vector.FusedMultiplyAdd(c10, m, a);
            c11 = Vector.FusedMultiplyAdd(c11, m, a);
        }

        return Vector.Sum(((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)) + ((c8 + c9) + (c10 + c11)));
    }
}
