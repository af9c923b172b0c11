using System;
using System.Runtime.CompilerServices;

// Generated kernels in this assembly get no zeroed stack memory, as in a user's project that sets SkipLocalsInit: with
// StalePoison they find NaN wherever they read working memory they did not write first.
[module: SkipLocalsInit]

namespace AttentionGen.Tests.Support;

/// <summary>
/// Fills the memory a kernel's working buffers come from with NaN bytes before a call: the stack below the caller and
/// the thread's <see cref="AttentionWorkspace"/>. A kernel that reads a buffer it has not written gives NaN, not a
/// plausible result that depends on the last call.
/// </summary>
public static class StalePoison
{
    private const int Bytes = 96 * 1024;

    /// <summary>Poisons the stack a call made right after this returns will use, and this thread's workspace.</summary>
    public static void BeforeCall()
    {
        PoisonStack();
        AttentionWorkspace.ForCurrentThread(8 * 1024 * 1024).Fill(0xFF);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PoisonStack()
    {
        Span<byte> below = stackalloc byte[Bytes];
        below.Fill(0xFF); // 0xFFFFFFFF is a NaN as float, 0xFFFF… as double, and −1 as an index
    }
}
