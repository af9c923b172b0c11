using System;
using System.ComponentModel;

namespace AttentionGen;

/// <summary>
/// The working memory of kernels too large for the stack: one buffer per thread, taken on the thread's first call of such
/// a kernel (or of the generic path), grown when a larger one comes, and kept for the thread's life, so that every later
/// call allocates nothing. A kernel's <c>StackBytes</c> and <c>ScratchBytes</c> say how much of each it uses.
/// </summary>
/// <remarks>
/// The buffer is on the pinned object heap, 64-byte aligned, and never shared between threads. A thread that has finished
/// with large kernels can give its buffer back with <see cref="ReleaseCurrentThread"/>.
/// </remarks>
public static class AttentionWorkspace
{
    [ThreadStatic]
    private static byte[]? t_buffer;

    /// <summary>Bytes the current thread's workspace holds (0 until a kernel needs it).</summary>
    public static int CurrentThreadBytes => t_buffer?.Length ?? 0;

    /// <summary>Gives the current thread's workspace back to the garbage collector; the next large call takes a new one.</summary>
    public static void ReleaseCurrentThread() => t_buffer = null;

    /// <summary>
    /// At least <paramref name="bytes"/> bytes of this thread's workspace, plus the slack to align them: for generated
    /// kernels and the generic path. Never used by two calls at once, since kernels call no user code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Span<byte> ForCurrentThread(int bytes)
    {
        int needed = bytes + KernelMemory.Alignment;
        byte[]? buffer = t_buffer;
        if (buffer is null || buffer.Length < needed)
        {
            buffer = t_buffer = GC.AllocateUninitializedArray<byte>(needed, pinned: true);
        }

        return buffer.AsSpan(0, needed);
    }
}
