using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using AttentionGen.Kernels;
using AttentionGen.Tests.Kernels;
using AttentionGen.Tests.Reference;
using AttentionGen.Tests.Support;
using Shouldly;
using Xunit;

namespace AttentionGen.Tests;

/// <summary>
/// <c>ComputeInParallel</c> writes exactly what <c>Compute</c> writes (which the differential tests hold to the double
/// reference): every head, every mask, ranges of heads that start inside a key/value group; from two threads at once;
/// and without allocating, on the calling thread or the workers.
/// </summary>
[Collection(nameof(ParallelHeadsTests))]
public class ParallelHeadsTests
{
    /// <summary>A kernel's <c>ComputeInParallel</c>, with the arguments of <see cref="KernelCall{T}"/> but the weights.</summary>
    public delegate void ParallelCall(
        ReadOnlySpan<float> query, ReadOnlySpan<float> key, ReadOnlySpan<float> value, ReadOnlySpan<bool> mask, ReadOnlySpan<float> bias,
        int validKeys, int causalOffset, Span<float> output);

    /// <summary>Every declared float kernel of two or more heads.</summary>
    private static readonly Dictionary<string, ParallelCall> Parallel = new()
    {
        [nameof(GroupedQuery)] = static (q, k, v, m, b, n, c, o) => GroupedQuery.ComputeInParallel(q, k, v, o),
        [nameof(DecodeGroupedPadded)] = static (q, k, v, m, b, n, c, o) => DecodeGroupedPadded.ComputeInParallel(q, k, v, validKeys: n, causalOffset: c, o),
        [nameof(Interleaved)] = static (q, k, v, m, b, n, c, o) => Interleaved.ComputeInParallel(q, k, v, o),
        [nameof(BooleanCausal)] = static (q, k, v, m, b, n, c, o) => BooleanCausal.ComputeInParallel(q, k, v, m, c, o),
        [nameof(EveryMask)] = static (q, k, v, m, b, n, c, o) => EveryMask.ComputeInParallel(q, k, v, m, b, validKeys: n, causalOffset: c, o),
        [nameof(DecodeFolded)] = static (q, k, v, m, b, n, c, o) => DecodeFolded.ComputeInParallel(q, k, v, validKeys: n, causalOffset: c, o),
        [nameof(DecodeFoldedInterleaved)] = static (q, k, v, m, b, n, c, o) => DecodeFoldedInterleaved.ComputeInParallel(q, k, v, c, o),
        [nameof(DecodeFoldedChunks)] = static (q, k, v, m, b, n, c, o) => DecodeFoldedChunks.ComputeInParallel(q, k, v, o),
    };

    public static TheoryData<string> Kernels() => new(Parallel.Keys);

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Parallel_heads_write_what_one_thread_writes(string name)
    {
        Call call = Prepare(name, seed: 0);
        call.Parallel();
        call.Output.ShouldBe(call.Expected, $"{name} on {HeadWorkers.PartsFor(call.Kernel.Problem.Heads)} cores");
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Two_threads_calling_in_parallel_each_get_their_own_results(string name)
    {
        Call[] calls = { Prepare(name, seed: 1), Prepare(name, seed: 2) };
        using var start = new Barrier(2);
        var threads = calls.Select(call => new Thread(() =>
        {
            start.SignalAndWait();
            for (int round = 0; round < 500; round++)
            {
                call.Parallel();
                if (!call.Output.AsSpan().SequenceEqual(call.Expected))
                {
                    return; // the assertion below reports it
                }
            }
        })).ToArray();
        Array.ForEach(threads, thread => thread.Start());
        Array.ForEach(threads, thread => thread.Join());

        calls[0].Output.ShouldBe(calls[0].Expected);
        calls[1].Output.ShouldBe(calls[1].Expected);
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Parallel_heads_allocate_nothing_on_any_thread(string name)
    {
        Call call = Prepare(name, seed: 3);
        for (int i = 0; i < 200; i++)
        {
            call.Parallel(); // the first call starts the worker threads; the rest let tiered compilation settle
        }

        // This thread's bytes and the worker threads' (the process-wide count would also see the test runner's threads).
        long least = long.MaxValue;
        for (int attempt = 0; attempt < 3 && least > 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread() + HeadWorkers.WorkerAllocatedBytes;
            for (int i = 0; i < 100; i++)
            {
                call.Parallel();
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() + HeadWorkers.WorkerAllocatedBytes - before);
        }

        least.ShouldBe(0, "bytes allocated by the calling and the worker threads over 100 calls");
    }

    /// <summary>Random inputs and masks, the single-threaded output, and a parallel call writing to <see cref="Output"/>.</summary>
    private static Call Prepare(string name, int seed)
    {
        var kernel = (KernelUnderTest<float>)KernelCatalog.Named(name);
        AttentionProblem p = kernel.Problem;
        Random random = TestData.RandomFor(name + seed);
        float[] q = TestData.Uniform(random, p.QueryLength), k = TestData.Uniform(random, p.KeyLength), v = TestData.Uniform(random, p.ValueLength);
        (bool[]? mask, float[]? bias) = TestData.Masks(p, random, perHead: true);
        int validKeys = p.Keys - 2, causalOffset = seed;
        float[] expected = new float[p.OutputLength];
        kernel.Call(q, k, v, mask, bias, validKeys, causalOffset, default, expected, default, AttentionScoreStage.Probabilities, default);
        var call = new Call(kernel, expected, new float[p.OutputLength]);
        ParallelCall parallel = Parallel[name];
        call.Parallel = () => parallel(q, k, v, mask, bias, validKeys, causalOffset, call.Output);
        return call;
    }

    private sealed record Call(KernelUnderTest<float> Kernel, float[] Expected, float[] Output)
    {
        public Action Parallel { get; set; } = () => { };
    }
}

/// <summary>
/// Runs <see cref="ParallelHeadsTests"/> alone: with no other test competing for the cores, its calls are shared out
/// across the worker threads (a call that finds them busy would compute every head itself).
/// </summary>
[CollectionDefinition(nameof(ParallelHeadsTests), DisableParallelization = true)]
public sealed class ParallelHeadsCollection
{
}
