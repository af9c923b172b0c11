using System;
using AttentionGen.Tests.Kernels;
using Shouldly;
using Xunit;

namespace AttentionGen.Tests;

/// <summary>Kernels allocate nothing: the current thread's allocated bytes do not move over 1,000 calls.</summary>
public class AllocationTests
{
    private const int Calls = 1000;

    [Theory]
    [MemberData(nameof(KernelCatalog.Cases), MemberType = typeof(KernelCatalog))]
    public void A_generated_kernel_allocates_nothing(KernelUnderTest kernel)
    {
        switch (kernel)
        {
            case KernelUnderTest<float> f:
                MeasureGenerated(f);
                break;
            case KernelUnderTest<double> d:
                MeasureGenerated(d);
                break;
        }
    }

    [Theory]
    [MemberData(nameof(KernelCatalog.Cases), MemberType = typeof(KernelCatalog))]
    public void The_generic_path_allocates_nothing(KernelUnderTest kernel)
    {
        switch (kernel)
        {
            case KernelUnderTest<float>:
                MeasureGeneric<float>(kernel);
                break;
            case KernelUnderTest<double>:
                MeasureGeneric<double>(kernel);
                break;
        }
    }

    private static void MeasureGenerated<T>(KernelUnderTest<T> kernel)
        where T : struct
    {
        (T[] q, T[] k, T[] v, T[] o, T[] w) = Buffers<T>(kernel);
        int validKeys = kernel.Problem.Keys;
        for (int withWeights = 0; withWeights < 2; withWeights++)
        {
            Span<T> weights = withWeights == 1 ? w : Span<T>.Empty;
            kernel.Call(q, k, v, validKeys, 0, o, weights); // warm up: JIT and statics
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Calls; i++)
            {
                kernel.Call(q, k, v, validKeys, 0, o, weights);
            }

            (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0, $"bytes allocated by {Calls} calls (weights: {withWeights == 1})");
        }
    }

    private static void MeasureGeneric<T>(KernelUnderTest kernel)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        (T[] q, T[] k, T[] v, T[] o, T[] w) = Buffers<T>(kernel);
        AttentionDescriptor descriptor = kernel.Problem.ToDescriptor();
        int validKeys = kernel.Problem.Keys;
        Attention.Compute<T>(descriptor, q, k, v, o, w, 0, validKeys);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Calls; i++)
        {
            Attention.Compute<T>(descriptor, q, k, v, o, w, 0, validKeys);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0, $"bytes allocated by {Calls} calls");
    }

    private static (T[], T[], T[], T[], T[]) Buffers<T>(KernelUnderTest kernel)
        => (new T[kernel.Problem.QueryLength], new T[kernel.Problem.KeyLength], new T[kernel.Problem.ValueLength],
            new T[kernel.Problem.OutputLength], new T[kernel.Problem.WeightsLength]);
}
