using System;
using System.Threading;
using AttentionGen.Tests.Kernels;
using AttentionGen.Tests.Support;
using Shouldly;
using Xunit;

namespace AttentionGen.Tests;

/// <summary>Kernels keep no shared state: two threads on different data get what one thread gets.</summary>
public class ConcurrencyTests
{
    [Theory]
    [InlineData(nameof(DecodeGroupedPadded))]
    [InlineData(nameof(Causal33))]
    public void Two_threads_calling_one_kernel_get_the_single_thread_results(string name)
    {
        var kernel = (KernelUnderTest<float>)KernelCatalog.Named(name);
        var p = kernel.Problem;
        float[][] inputs = new float[6][];
        var random = TestData.RandomFor(name);
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = TestData.Uniform(random, i % 3 == 0 ? p.QueryLength : i % 3 == 1 ? p.KeyLength : p.ValueLength);
        }

        float[][] alone = { new float[p.OutputLength], new float[p.OutputLength] };
        for (int t = 0; t < 2; t++)
        {
            kernel.Call(inputs[3 * t], inputs[3 * t + 1], inputs[3 * t + 2], default, default, p.Keys / 2 + t, 1 - t, default, alone[t], default, AttentionScoreStage.Probabilities, default);
        }

        float[][] together = { new float[p.OutputLength], new float[p.OutputLength] };
        using var start = new Barrier(2);
        var threads = new Thread[2];
        for (int t = 0; t < 2; t++)
        {
            int id = t;
            threads[t] = new Thread(() =>
            {
                start.SignalAndWait();
                for (int round = 0; round < 2000; round++)
                {
                    kernel.Call(inputs[3 * id], inputs[3 * id + 1], inputs[3 * id + 2], default, default, p.Keys / 2 + id, 1 - id, default, together[id], default, AttentionScoreStage.Probabilities, default);
                    if (!together[id].AsSpan().SequenceEqual(alone[id]))
                    {
                        return; // the assertion below reports it
                    }
                }
            });
            threads[t].Start();
        }

        foreach (Thread thread in threads)
        {
            thread.Join();
        }

        together[0].ShouldBe(alone[0]);
        together[1].ShouldBe(alone[1]);
    }
}
