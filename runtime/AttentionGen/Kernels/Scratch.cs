using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AttentionGen.Kernels;

/// <summary>
/// A kernel's working memory, handed out as typed buffers that each start on a 64-byte boundary, so a kernel's speed
/// does not depend on where the caller's stack happens to sit. Over memory that does not move: the stack, or
/// <see cref="AttentionWorkspace"/>'s pinned buffer. Its contents are whatever was there: kernels initialise what they read.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public ref struct Scratch
{
    private Span<byte> _rest;

    /// <param name="memory">Non-moving memory: the bytes the buffers need, plus 64 to align the first.</param>
    public unsafe Scratch(Span<byte> memory)
    {
        nuint address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(memory));
        int skip = (int)((KernelMemory.Alignment - (address % KernelMemory.Alignment)) % KernelMemory.Alignment);
        _rest = memory.Slice(skip);
    }

    /// <summary>The next <paramref name="count"/> elements, 64-byte aligned.</summary>
    public Span<T> Take<T>(int count)
        where T : unmanaged
    {
        int bytes = count * Unsafe.SizeOf<T>();
        Span<T> taken = MemoryMarshal.Cast<byte, T>(_rest.Slice(0, bytes));
        _rest = _rest.Slice((int)Math.Min(KernelMemory.Footprint(bytes), _rest.Length));
        return taken;
    }
}
