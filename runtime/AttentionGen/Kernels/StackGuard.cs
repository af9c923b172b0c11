using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace AttentionGen.Kernels;

/// <summary>
/// Throws <see cref="InsufficientExecutionStackException"/> when a call would overflow the stack, before it writes
/// anything. <see cref="RuntimeHelpers.EnsureSufficientExecutionStack"/> asks for 128 KiB left on 64-bit, which a thread
/// of 128 KiB never has; kernels know the most they use (<c>StackBytes</c>), so this asks for exactly that, plus room
/// for the signal frames the runtime may push, against the thread's real stack bounds, read once per thread.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static unsafe class StackGuard
{
    /// <summary>Stack kept free beyond a call's own: signal handlers (the GC's thread suspension among them) run on it.</summary>
    private const int Reserve = 16 * 1024;

    /// <summary>Marks a thread whose stack bounds the platform would not tell: the runtime's own check stands in.</summary>
    private static readonly nuint Unknown = nuint.MaxValue;

    /// <summary>The lowest address the thread's stack may reach plus <see cref="Reserve"/>; 0 until first read.</summary>
    [ThreadStatic]
    private static nuint t_floor;

    /// <summary>Throws unless at least <paramref name="bytes"/> of stack are left below the caller (and the reserve).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Ensure(int bytes)
    {
        byte here;
        nuint address = (nuint)(&here);
        nuint floor = t_floor;
        if (floor == 0 || floor == Unknown || address < floor + (nuint)bytes)
        {
            EnsureSlow(address, bytes);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void EnsureSlow(nuint address, int bytes)
    {
        if (t_floor == 0)
        {
            t_floor = ThreadStackBounds.TryGetLowest(out nuint lowest) ? lowest + Reserve : Unknown;
        }

        if (t_floor == Unknown)
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return;
        }

        if (address < t_floor + (nuint)bytes)
        {
            throw new InsufficientExecutionStackException(
                $"This attention call needs {bytes} bytes of stack, and {Reserve} more in reserve, but {(address > t_floor ? address - t_floor : 0)} are left beyond the reserve.");
        }
    }
}
