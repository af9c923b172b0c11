using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AttentionGen.Kernels;

/// <summary>Half ↔ float row conversions, shared by generated Half kernels and the generic path.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class HalfConversion
{
    /// <summary>
    /// Widens the <paramref name="length"/> Half elements at <paramref name="row"/> into <paramref name="scratch"/> (exactly)
    /// and returns a reference to the first: how Half kernels hand a stored row to float code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref float WidenRow(ref Half row, int length, Span<float> scratch)
    {
        ReadOnlySpan<Half> source = MemoryMarshal.CreateReadOnlySpan(ref row, length);
        Span<float> widened = scratch[..length];
        for (int i = 0; i < widened.Length; i++)
        {
            widened[i] = (float)source[i];
        }

        return ref MemoryMarshal.GetReference(widened);
    }

    /// <summary>Writes each element of <paramref name="source"/> rounded to the nearest Half to <paramref name="destination"/>.</summary>
    public static void Narrow(ReadOnlySpan<float> source, Span<Half> destination)
    {
        destination = destination[..source.Length];
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = (Half)source[i];
        }
    }
}
