using System;

namespace AttentionGen.Tests.Support;

/// <summary>Measures the managed bytes the current thread allocates while some code runs.</summary>
public static class AllocationProbe
{
    /// <summary>
    /// The fewest bytes allocated over up to three runs of <paramref name="calls"/>, stopping at the first run with none.
    /// The runtime sometimes allocates once on the thread while a method is re-compiled by tiered compilation; a kernel
    /// that allocates on every call allocates in every run, so a per-call allocation still shows.
    /// </summary>
    public static long LeastAllocated(Action calls)
    {
        long least = long.MaxValue;
        for (int attempt = 0; attempt < 3 && least > 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            calls();
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
