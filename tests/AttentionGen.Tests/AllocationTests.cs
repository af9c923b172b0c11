using System;
using System.Linq;
using AttentionGen.Tests.Kernels;
using AttentionGen.Tests.Support;
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
            case KernelUnderTest<Half> h:
                MeasureGenerated(h);
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
            case KernelUnderTest<Half>:
                MeasureGeneric<Half>(kernel);
                break;
        }
    }

    private static void MeasureGenerated<T>(KernelUnderTest<T> kernel)
        where T : struct
    {
        (T[] q, T[] k, T[] v, T[] o, T[] w) = Buffers<T>(kernel);
        (bool[] mask, T[] bias) = MaskBuffers<T>(kernel);
        T[] sinks = SinkBuffer<T>(kernel);
        var logSumExp = new float[kernel.Problem.Heads * kernel.Problem.SeqLen];
        (int validKeys, _) = kernel.Problem.GenericMaskArguments(kernel.Problem.Keys, 0);
        foreach ((bool withWeights, AttentionScoreStage stage, bool withLogSumExp) in new[]
        {
            (false, AttentionScoreStage.Probabilities, false), (true, AttentionScoreStage.Probabilities, false), (true, AttentionScoreStage.Biased, false),
            (false, AttentionScoreStage.Probabilities, true),
        })
        {
            T[] weights = withWeights ? w : Array.Empty<T>();
            float[] lse = withLogSumExp ? logSumExp : Array.Empty<float>();
            kernel.Call(q, k, v, mask, bias, validKeys, 0, sinks, o, weights, stage, lse); // warm up: JIT and statics
            AllocationProbe.LeastAllocated(() =>
            {
                for (int i = 0; i < Calls; i++)
                {
                    kernel.Call(q, k, v, mask, bias, validKeys, 0, sinks, o, weights, stage, lse);
                }
            }).ShouldBe(0, $"bytes allocated by {Calls} calls (weights: {withWeights}, {stage}, log-sum-exp: {withLogSumExp})");
        }
    }

    private static void MeasureGeneric<T>(KernelUnderTest kernel)
        where T : unmanaged, System.Numerics.IBinaryFloatingPointIeee754<T>
    {
        (T[] q, T[] k, T[] v, T[] o, T[] w) = Buffers<T>(kernel);
        (bool[] mask, T[] bias) = MaskBuffers<T>(kernel);
        T[] sinks = SinkBuffer<T>(kernel);
        AttentionDescriptor descriptor = kernel.Problem.ToDescriptor();
        (int validKeys, _) = kernel.Problem.GenericMaskArguments(kernel.Problem.Keys, 0);
        Attention.Compute<T>(descriptor, q, k, v, o, w, causalOffset: 0, validKeys: validKeys, mask, bias, sinks: sinks);
        AllocationProbe.LeastAllocated(() =>
        {
            for (int i = 0; i < Calls; i++)
            {
                Attention.Compute<T>(descriptor, q, k, v, o, w, causalOffset: 0, validKeys: validKeys, mask, bias, sinks: sinks);
            }
        }).ShouldBe(0, $"bytes allocated by {Calls} calls");
    }

    /// <summary>Sink logits of 0 where the kernel takes them, else empty.</summary>
    private static T[] SinkBuffer<T>(KernelUnderTest kernel) => kernel.Problem.Sinks ? new T[kernel.Problem.Heads] : Array.Empty<T>();

    /// <summary>An all-open mask and a zero bias where the kernel takes them, else empty.</summary>
    private static (bool[], T[]) MaskBuffers<T>(KernelUnderTest kernel)
    {
        int matrix = kernel.Problem.SeqLen * kernel.Problem.Keys;
        bool[] mask = (kernel.Problem.Mask & AttentionMask.Boolean) != 0 ? Enumerable.Repeat(true, matrix).ToArray() : Array.Empty<bool>();
        T[] bias = (kernel.Problem.Mask & AttentionMask.Additive) != 0 ? new T[matrix] : Array.Empty<T>();
        return (mask, bias);
    }

    private static (T[], T[], T[], T[], T[]) Buffers<T>(KernelUnderTest kernel)
        => (new T[kernel.Problem.QueryLength], new T[kernel.Problem.KeyLength], new T[kernel.Problem.ValueLength],
            new T[kernel.Problem.OutputLength], new T[kernel.Problem.WeightsLength]);
}
