namespace AttentionGen;

/// <summary>
/// Where a kernel's working memory lives and how it is laid out: buffers of up to <see cref="StackScratchLimit"/> bytes
/// in all on the stack, larger ones in <see cref="AttentionWorkspace"/>, each buffer 64-byte aligned. With the frames'
/// allowances, no call uses more than 32 KiB of stack. This file is compiled into the generator too, so a kernel's
/// <c>StackBytes</c> and the runtime agree.
/// </summary>
internal static class KernelMemory
{
    /// <summary>Alignment of every buffer: a cache line, and the width of a Vector512.</summary>
    public const int Alignment = 64;

    /// <summary>
    /// Most stack a kernel's working memory may take, the alignment slack included; a kernel that needs more takes it
    /// from the thread's workspace.
    /// </summary>
    public const int StackScratchLimit = 4 * 1024;

    /// <summary>
    /// Stack a kernel's own frames take besides its buffers: the entry point, the inlined head loop with its spilled vector
    /// accumulators, and the shared helpers it calls. The tests measure up to about 22.5 KiB for code compiled without
    /// optimisation (a Debug build) and without SIMD, where every temporary has a slot of its own; optimised code takes
    /// far less.
    /// </summary>
    public const int FrameAllowance = 26 * 1024;

    /// <summary>Stack a <c>[MultiHeadAttention]</c> layer's own frames add to its heads': <c>Forward</c> and the projections.</summary>
    public const int LayerFrameAllowance = 2 * 1024;

    /// <summary>Bytes a buffer of <paramref name="bytes"/> bytes takes, padded so the next one starts aligned too.</summary>
    public static long Footprint(long bytes) => (bytes + Alignment - 1) / Alignment * Alignment;

    /// <summary>Whether working memory of <paramref name="scratchBytes"/> bytes goes on the stack.</summary>
    public static bool OnStack(long scratchBytes) => scratchBytes + Alignment <= StackScratchLimit;

    /// <summary>The most stack a kernel with <paramref name="scratchBytes"/> of working memory uses.</summary>
    public static int StackBytes(long scratchBytes) => (OnStack(scratchBytes) ? (int)scratchBytes + Alignment : 0) + FrameAllowance;
}
