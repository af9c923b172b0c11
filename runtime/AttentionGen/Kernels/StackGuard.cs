using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

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

/// <summary>The lowest address of the current thread's stack, from the platform: pthreads on Unix, kernel32 on Windows.</summary>
internal static unsafe class ThreadStackBounds
{
    private static readonly nint MainProgram = NativeLibrary.GetMainProgramHandle();

    public static bool TryGetLowest(out nuint lowest)
    {
        lowest = 0;
        if (OperatingSystem.IsWindows())
        {
            return TryWindows(out lowest);
        }

        if (OperatingSystem.IsMacOS() || OperatingSystem.IsIOS() || OperatingSystem.IsTvOS() || OperatingSystem.IsMacCatalyst())
        {
            return TryDarwin(out lowest);
        }

        return TryPthreadAttributes(out lowest);
    }

    /// <summary>glibc and musl: <c>pthread_getattr_np</c> describes the thread's stack, the main thread's included.</summary>
    private static bool TryPthreadAttributes(out nuint lowest)
    {
        lowest = 0;
        if (!NativeLibrary.TryGetExport(MainProgram, "pthread_self", out nint self)
            || !NativeLibrary.TryGetExport(MainProgram, "pthread_getattr_np", out nint getAttributes)
            || !NativeLibrary.TryGetExport(MainProgram, "pthread_attr_getstack", out nint getStack)
            || !NativeLibrary.TryGetExport(MainProgram, "pthread_attr_destroy", out nint destroy))
        {
            return false;
        }

        byte* attributes = stackalloc byte[256]; // pthread_attr_t is 56 or 64 bytes on the 64-bit ABIs
        nuint thread = ((delegate* unmanaged<nuint>)self)();
        if (((delegate* unmanaged<nuint, byte*, int>)getAttributes)(thread, attributes) != 0)
        {
            return false;
        }

        void* address = null;
        nuint size = 0;
        int failed = ((delegate* unmanaged<byte*, void**, nuint*, int>)getStack)(attributes, &address, &size);
        ((delegate* unmanaged<byte*, int>)destroy)(attributes);
        lowest = (nuint)address;
        return failed == 0 && address != null;
    }

    /// <summary>macOS and its kin: the stack's top and size.</summary>
    private static bool TryDarwin(out nuint lowest)
    {
        lowest = 0;
        if (!NativeLibrary.TryGetExport(MainProgram, "pthread_self", out nint self)
            || !NativeLibrary.TryGetExport(MainProgram, "pthread_get_stackaddr_np", out nint top)
            || !NativeLibrary.TryGetExport(MainProgram, "pthread_get_stacksize_np", out nint size))
        {
            return false;
        }

        nuint thread = ((delegate* unmanaged<nuint>)self)();
        lowest = (nuint)((delegate* unmanaged<nuint, void*>)top)(thread) - ((delegate* unmanaged<nuint, nuint>)size)(thread);
        return lowest != 0;
    }

    private static bool TryWindows(out nuint lowest)
    {
        lowest = 0;
        if (!NativeLibrary.TryLoad("kernel32.dll", out nint kernel32)
            || !NativeLibrary.TryGetExport(kernel32, "GetCurrentThreadStackLimits", out nint limits))
        {
            return false;
        }

        nuint low = 0, high = 0;
        ((delegate* unmanaged<nuint*, nuint*, void>)limits)(&low, &high);
        lowest = low;
        return low != 0;
    }
}
