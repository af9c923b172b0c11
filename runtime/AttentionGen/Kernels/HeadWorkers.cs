using System;
using System.ComponentModel;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace AttentionGen.Kernels;

/// <summary>
/// One background thread per core but the caller's, started on first use and kept: a call that wins them hands each a
/// part of its heads, computes part 0 itself and waits for the rest. One call at a time: a call that finds them busy
/// computes all its heads on its own thread, so callers never wait for each other and nothing is allocated per call.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class HeadWorkers
{
    /// <summary>What a call hands the workers: a computation split into parts.</summary>
    public abstract class Job
    {
        internal Job()
        {
        }

        internal abstract void RunPart(int part, int parts);
    }

    private static readonly object StartLock = new();
    private static readonly ManualResetEventSlim AllDone = new(false);
    private static ManualResetEventSlim[]? s_starts;
    private static int s_busy;
    private static int s_remaining;
    private static Job? s_job;
    private static int s_parts;
    private static ExceptionDispatchInfo? s_failure;

    private static long s_workerAllocatedBytes;

    /// <summary>
    /// Bytes the background threads have allocated while computing their parts, since they started: a diagnostic, 0 as
    /// long as no kernel allocates (the tests hold the kernels to it; the process-wide count also sees other threads).
    /// </summary>
    public static long WorkerAllocatedBytes => Interlocked.Read(ref s_workerAllocatedBytes);

    /// <summary>The parts a call of <paramref name="heads"/> heads is split into: one per core, at most one per head.</summary>
    public static int PartsFor(int heads) => Math.Min(heads, Environment.ProcessorCount);

    /// <summary>Takes the workers for one call, unless there is nothing to share or another call holds them.</summary>
    internal static bool TryAcquire(int heads, out int parts)
    {
        parts = PartsFor(heads);
        if (parts < 2 || Interlocked.CompareExchange(ref s_busy, 1, 0) != 0)
        {
            return false;
        }

        try
        {
            EnsureStarted();
        }
        catch
        {
            Volatile.Write(ref s_busy, 0); // no threads to hand parts to: free the claim, let the error out
            throw;
        }

        return true;
    }

    /// <summary>Runs part 0 of <paramref name="job"/> here and parts 1 … parts − 1 on the workers, then frees them.</summary>
    internal static void RunAndRelease(Job job, int parts)
    {
        s_job = job;
        s_parts = parts;
        s_failure = null;
        AllDone.Reset();
        Volatile.Write(ref s_remaining, parts - 1);
        for (int part = 1; part < parts; part++)
        {
            s_starts![part - 1].Set();
        }

        try
        {
            job.RunPart(0, parts);
        }
        finally
        {
            // The workers write through the caller's pinned spans: the call may not return, even by an exception of its
            // own part or an interrupt, before they are done. An interrupt that came meanwhile is handed back after.
            bool interrupted = WaitUninterruptibly(AllDone);
            ExceptionDispatchInfo? failure = s_failure;
            s_job = null;
            Volatile.Write(ref s_busy, 0);
            if (interrupted)
            {
                Thread.CurrentThread.Interrupt(); // delivered at this thread's next blocking wait, as if it came after the call
            }

            failure?.Throw();
        }
    }

    /// <summary>Waits for <paramref name="done"/> through any <see cref="Thread.Interrupt"/>; tells whether one came.</summary>
    private static bool WaitUninterruptibly(ManualResetEventSlim done)
    {
        bool interrupted = false;
        while (true)
        {
            try
            {
                done.Wait();
                return interrupted;
            }
            catch (ThreadInterruptedException)
            {
                interrupted = true;
            }
        }
    }

    private static void EnsureStarted()
    {
        if (Volatile.Read(ref s_starts) is not null)
        {
            return;
        }

        lock (StartLock)
        {
            if (s_starts is not null)
            {
                return;
            }

            var starts = new ManualResetEventSlim[Environment.ProcessorCount - 1];
            for (int i = 0; i < starts.Length; i++)
            {
                var start = new ManualResetEventSlim(false);
                int part = i + 1;
                starts[i] = start;
                new Thread(() => Work(start, part)) { IsBackground = true, Name = $"AttentionGen heads {part}" }.Start();
            }

            Volatile.Write(ref s_starts, starts);
        }
    }

    private static void Work(ManualResetEventSlim start, int part)
    {
        while (true)
        {
            start.Wait();
            start.Reset();
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                s_job!.RunPart(part, s_parts);
            }
            catch (Exception exception)
            {
                s_failure = ExceptionDispatchInfo.Capture(exception);
            }

            Interlocked.Add(ref s_workerAllocatedBytes, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);

            if (Interlocked.Decrement(ref s_remaining) == 0)
            {
                AllDone.Set();
            }
        }
    }
}
