using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using AttentionGen.Kernels;
using Shouldly;
using Xunit;

namespace AttentionGen.Tests;

/// <summary>
/// <c>ComputeInParallel</c>'s pool under interruption and failure: a call never returns while a worker may still write
/// through its spans, the pool is freed on every path, and the next call still runs on every core. The head ranges here
/// are test code handed to <see cref="HeadWork{T}"/>, so a worker can be held inside its range or made to throw.
/// </summary>
[Collection(nameof(ParallelHeadsTests))]
public class HeadWorkersTests
{
    private const int Heads = 8;

    [Fact]
    public void An_interrupt_during_the_wait_neither_ends_the_call_early_nor_is_lost()
    {
        Environment.ProcessorCount.ShouldBeGreaterThan(1, "a worker thread to hold inside its range");
        using var release = new ManualResetEventSlim(false);
        int workerDone = 0;
        var work = new HeadWork<float>((in PinnedArguments<float> _, int firstHead, int _) =>
        {
            if (firstHead != 0)
            {
                release.Wait(); // a worker still inside its range when the interrupt comes
                Volatile.Write(ref workerDone, 1);
            }
        }, Heads);

        bool workerDoneAtReturn = false;
        Exception? afterCall = null;
        var caller = new Thread(() =>
        {
            Run(work);
            workerDoneAtReturn = Volatile.Read(ref workerDone) == 1;
            afterCall = Record(() => Thread.Sleep(1));
        });
        caller.Start();
        SpinWait.SpinUntil(() => caller.ThreadState.HasFlag(ThreadState.WaitSleepJoin), TimeSpan.FromSeconds(10)).ShouldBeTrue();
        caller.Interrupt();
        caller.Join(TimeSpan.FromMilliseconds(200)).ShouldBeFalse("the call returned while a worker was still in its range");
        release.Set();
        caller.Join(TimeSpan.FromSeconds(10)).ShouldBeTrue();

        workerDoneAtReturn.ShouldBeTrue();
        afterCall.ShouldBeOfType<ThreadInterruptedException>("the interrupt is handed back after the call");
        PartsRunOnDistinctThreads().ShouldBe(HeadWorkers.PartsFor(Heads), "a later call runs on every core again");
    }

    [Fact]
    public void An_interrupt_pending_before_the_call_is_handed_back_after_it()
    {
        int headsComputed = 0;
        var work = new HeadWork<float>((in PinnedArguments<float> _, int firstHead, int endHead) =>
            Interlocked.Add(ref headsComputed, endHead - firstHead), Heads);

        Exception? duringCall = null, afterCall = null;
        var caller = new Thread(() =>
        {
            Thread.CurrentThread.Interrupt();
            duringCall = Record(() => Run(work));
            afterCall = Record(() => Thread.Sleep(1));
        });
        caller.Start();
        caller.Join(TimeSpan.FromSeconds(10)).ShouldBeTrue();

        duringCall.ShouldBeNull();
        headsComputed.ShouldBe(Heads);
        afterCall.ShouldBeOfType<ThreadInterruptedException>();
        PartsRunOnDistinctThreads().ShouldBe(HeadWorkers.PartsFor(Heads));
    }

    [Fact]
    public void An_exception_in_a_workers_range_reaches_the_caller_and_frees_the_pool()
    {
        var work = new HeadWork<float>((in PinnedArguments<float> _, int firstHead, int _) =>
        {
            if (firstHead != 0)
            {
                throw new InvalidOperationException("worker range failed");
            }
        }, Heads);

        Should.Throw<InvalidOperationException>(() => Run(work)).Message.ShouldBe("worker range failed");
        PartsRunOnDistinctThreads().ShouldBe(HeadWorkers.PartsFor(Heads));
    }

    [Fact]
    public void An_exception_in_the_callers_range_waits_for_the_workers_and_frees_the_pool()
    {
        int workersDone = 0;
        var work = new HeadWork<float>((in PinnedArguments<float> _, int firstHead, int _) =>
        {
            if (firstHead == 0)
            {
                throw new InvalidOperationException("caller range failed");
            }

            Thread.Sleep(50);
            Interlocked.Increment(ref workersDone);
        }, Heads);

        Should.Throw<InvalidOperationException>(() => Run(work));
        workersDone.ShouldBe(HeadWorkers.PartsFor(Heads) - 1, "every worker finished before the exception left the call");
        PartsRunOnDistinctThreads().ShouldBe(HeadWorkers.PartsFor(Heads));
    }

    /// <summary>One call of a work whose ranges record their threads: how many distinct threads computed its parts.</summary>
    private static int PartsRunOnDistinctThreads()
    {
        var threads = new ConcurrentDictionary<int, int>();
        var work = new HeadWork<float>((in PinnedArguments<float> _, int firstHead, int _) =>
            threads[firstHead] = Environment.CurrentManagedThreadId, Heads);
        Run(work);
        return threads.Values.Distinct().Count();
    }

    private static void Run(HeadWork<float> work)
    {
        float[] output = new float[1];
        work.Run(ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, ReadOnlySpan<float>.Empty, output);
    }

    private static Exception? Record(Action action)
    {
        try
        {
            action();
            return null;
        }
        catch (Exception exception)
        {
            return exception;
        }
    }
}
