using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AttentionGen.Kernels;

/// <summary>Half ↔ float row conversions, shared by generated Half kernels and the generic path.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class HalfConversion
{
    /// <summary>Writes each element of <paramref name="source"/> as a float to the start of <paramref name="destination"/> (exact).</summary>
    public static void Widen(ReadOnlySpan<Half> source, Span<float> destination)
    {
        destination = destination[..source.Length];
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = (float)source[i];
        }
    }

    /// <summary>
    /// Widens the <paramref name="length"/> Half elements at <paramref name="row"/> into <paramref name="scratch"/> and
    /// returns a reference to the first: how Half kernels hand a stored row to float code.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ref float WidenRow(ref Half row, int length, Span<float> scratch)
    {
        Widen(MemoryMarshal.CreateReadOnlySpan(ref row, length), scratch);
        return ref MemoryMarshal.GetReference(scratch);
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
