using System;
using System.Runtime.InteropServices;

namespace AttentionGen.Kernels;

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
