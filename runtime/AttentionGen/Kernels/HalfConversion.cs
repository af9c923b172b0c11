using System;
using System.ComponentModel;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AttentionGen.Kernels;

/// <summary>
/// Half ↔ float conversions of whole rows, shared by generated Half kernels and the generic path: Half is stored, float is
/// computed, and rows are converted in vectors (TensorPrimitives), never one element at a time.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class HalfConversion
{
    /// <summary>
    /// Widens the <paramref name="length"/> Half elements at <paramref name="row"/> into <paramref name="scratch"/> (exactly)
    /// and returns a reference to the first: how Half kernels hand a stored row to float code.
    /// </summary>
    public static ref float WidenRow(ref Half row, int length, Span<float> scratch)
    {
        Span<float> widened = scratch[..length];
        TensorPrimitives.ConvertToSingle(MemoryMarshal.CreateReadOnlySpan(ref row, length), widened);
        return ref MemoryMarshal.GetReference(widened);
    }

    /// <summary>Writes each element of <paramref name="source"/> rounded to the nearest Half to <paramref name="destination"/>.</summary>
    public static void Narrow(ReadOnlySpan<float> source, Span<Half> destination)
        => TensorPrimitives.ConvertToHalf(source, destination[..source.Length]);

    /// <summary>
    /// Widens <paramref name="rows"/> rows of <paramref name="width"/> Half elements, <paramref name="rowStride"/> apart
    /// from <paramref name="source"/>, into consecutive rows of <paramref name="destination"/>.
    /// </summary>
    public static void WidenRows(ref Half source, int rowStride, int rows, int width, Span<float> destination)
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<Half> row = MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref source, r * rowStride), width);
            TensorPrimitives.ConvertToSingle(row, destination.Slice(r * width, width));
        }
    }

    /// <summary>
    /// Narrows <paramref name="rows"/> consecutive rows of <paramref name="width"/> floats from <paramref name="source"/>
    /// into rows <paramref name="rowStride"/> apart from <paramref name="destination"/>, each element rounded to the nearest Half.
    /// </summary>
    public static void NarrowRows(ReadOnlySpan<float> source, int rows, int width, ref Half destination, int rowStride)
    {
        for (int r = 0; r < rows; r++)
        {
            Span<Half> row = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref destination, r * rowStride), width);
            TensorPrimitives.ConvertToHalf(source.Slice(r * width, width), row);
        }
    }
}
