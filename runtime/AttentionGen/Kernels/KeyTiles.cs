using System;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AttentionGen.Kernels;

/// <summary>Keys transposed to <c>[HeadDim, KeySeqLen]</c>, so one vector load holds one column of many keys.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KeyTiles
{
    /// <summary>
    /// Writes column <c>c</c> of key rows <c>0 … keyCount − 1</c> to <c>transposed[c · stride …]</c>. Only those rows are
    /// read: keys a causal or padding mask hides from every row stay untouched. Each column is zeroed on to a whole
    /// 64-byte vector, so a kernel reading whole vectors of keys reads finite numbers (whose scores it then ignores).
    /// </summary>
    /// <param name="keys">The head's first key row.</param>
    /// <param name="rowStride">Elements from one key row to the next.</param>
    /// <param name="keyCount">Key rows to transpose.</param>
    /// <param name="width">Elements of a key row (<c>HeadDim</c>).</param>
    /// <param name="transposed">The destination, <c>[width, stride]</c>.</param>
    /// <param name="stride">Elements from one column of <paramref name="transposed"/> to the next (<c>KeySeqLen</c>).</param>
    public static void Transpose<T>(ref T keys, int rowStride, int keyCount, int width, Span<T> transposed, int stride)
        => Transpose(ref keys, rowStride, keyCount, width, transposed, stride, ref Unsafe.NullRef<T>(), 0, 0);

    /// <summary>
    /// Transposes Half keys into a float tile, as <see cref="Transpose{T}(ref T, int, int, int, Span{T}, int)"/> does float
    /// ones: the rows are widened a batch at a time into <paramref name="rowBuffer"/> (in vectors), then that batch is
    /// transposed, so no key element is converted on its own.
    /// </summary>
    /// <param name="keys">The head's first key row.</param>
    /// <param name="rowStride">Elements from one key row to the next.</param>
    /// <param name="keyCount">Key rows to transpose.</param>
    /// <param name="width">Elements of a key row (<c>HeadDim</c>).</param>
    /// <param name="transposed">The destination, <c>[width, stride]</c>.</param>
    /// <param name="stride">Elements from one column of <paramref name="transposed"/> to the next.</param>
    /// <param name="rowBuffer">Room for <see cref="KeyTileShape.WidenedKeyRows"/> rows of <paramref name="width"/> floats.</param>
    public static void Transpose(ref Half keys, int rowStride, int keyCount, int width, Span<float> transposed, int stride, Span<float> rowBuffer)
    {
        for (int first = 0; first < keyCount; first += KeyTileShape.WidenedKeyRows)
        {
            int rows = Math.Min(KeyTileShape.WidenedKeyRows, keyCount - first);
            HalfConversion.WidenRows(ref Unsafe.Add(ref keys, first * rowStride), rowStride, rows, width, rowBuffer);
            Transpose(ref MemoryMarshal.GetReference(rowBuffer), width, rows, width, transposed[first..], stride);
        }
    }

    /// <summary>
    /// Writes <c>factor · ‖k_j‖² / 2</c> of keys 0 … <paramref name="keyCount"/> − 1 of a transposed tile to
    /// <paramref name="halfNorms"/>, a column of the tile at a time in vectors, and returns the largest <c>factor · ‖k_j‖²</c>
    /// (0 for no keys): the Gaussian score's shifted form subtracts the first, and is exact while the second is small.
    /// </summary>
    public static T HalfSquaredNorms<T>(ReadOnlySpan<T> transposed, int stride, int width, int keyCount, T factor, Span<T> halfNorms)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Span<T> norms = halfNorms[..keyCount];
        norms.Clear();
        for (int c = 0; c < width; c++)
        {
            ReadOnlySpan<T> column = transposed.Slice(c * stride, keyCount);
            TensorPrimitives.MultiplyAdd(column, column, norms, norms);
        }

        T largest = keyCount == 0 ? T.Zero : factor * TensorPrimitives.Max<T>(norms);
        TensorPrimitives.Multiply(norms, factor / T.CreateTruncating(2), norms);
        return largest;
    }

    /// <summary>
    /// Copies <paramref name="rows"/> rows of <paramref name="width"/> elements, <paramref name="rowStride"/> apart from
    /// <paramref name="source"/>, into consecutive rows of <paramref name="destination"/>: interleaved value rows lie a
    /// whole token apart, and packed once they stream through the value sums of every block.
    /// </summary>
    public static void PackRows<T>(ref T source, int rowStride, int rows, int width, Span<T> destination)
        where T : unmanaged
    {
        for (int r = 0; r < rows; r++)
        {
            MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref source, r * rowStride), width).CopyTo(destination.Slice(r * width, width));
        }
    }

    /// <summary>
    /// The largest <c>factor · ‖k_j‖²</c> of key rows 0 … <paramref name="keyCount"/> − 1, read in place (0 for no keys):
    /// over chunks of keys, whether the Gaussian score's shifted form stays exact must be known for all of them first.
    /// </summary>
    public static T LargestSquaredNorm<T>(ref T keys, int rowStride, int keyCount, int width, T factor)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T largest = T.Zero;
        for (int j = 0; j < keyCount; j++)
        {
            ref T keyRow = ref Unsafe.Add(ref keys, j * rowStride);
            largest = T.Max(largest, RowOps.Dot(ref keyRow, ref keyRow, width));
        }

        return factor * largest;
    }

    /// <summary>
    /// Transposes as <see cref="Transpose{T}(ref T, int, int, int, Span{T}, int)"/> does, and meanwhile asks for the same
    /// keys' value rows to be brought into the cache, so that a chunk's value sums, which follow, do not wait on memory:
    /// over a long cache, reading keys and values at once keeps more of the memory system busy than one after the other.
    /// </summary>
    /// <param name="keys">The head's first key row.</param>
    /// <param name="rowStride">Elements from one key row to the next.</param>
    /// <param name="keyCount">Key rows to transpose.</param>
    /// <param name="width">Elements of a key row (<c>HeadDim</c>).</param>
    /// <param name="transposed">The destination, <c>[width, stride]</c>.</param>
    /// <param name="stride">Elements from one column of <paramref name="transposed"/> to the next.</param>
    /// <param name="values">The value row of the first key.</param>
    /// <param name="valueRowStride">Elements from one value row to the next.</param>
    /// <param name="valueWidth">Elements of a value row (<c>ValueDim</c>).</param>
    public static void Transpose<T>(
        ref T keys, int rowStride, int keyCount, int width, Span<T> transposed, int stride, ref T values, int valueRowStride, int valueWidth)
    {
        ref T destination = ref MemoryMarshal.GetReference(transposed);
        int j = 0;
        if (typeof(T) == typeof(float) && Sse.IsSupported)
        {
            j = TransposeBlocks(
                ref Unsafe.As<T, float>(ref keys), rowStride, keyCount, width, ref Unsafe.As<T, float>(ref destination), stride,
                ref Unsafe.As<T, float>(ref values), valueRowStride, valueWidth);
        }
        else if (typeof(T) == typeof(double) && Sse2.IsSupported)
        {
            j = TransposeBlocks(
                ref Unsafe.As<T, double>(ref keys), rowStride, keyCount, width, ref Unsafe.As<T, double>(ref destination), stride,
                ref Unsafe.As<T, double>(ref values), valueRowStride, valueWidth);
        }

        for (; j < keyCount; j++)
        {
            ref T row = ref Unsafe.Add(ref keys, j * rowStride);
            for (int c = 0; c < width; c++)
            {
                Unsafe.Add(ref destination, c * stride + j) = Unsafe.Add(ref row, c);
            }
        }

        int lineElements = 64 / Unsafe.SizeOf<T>();
        int padded = Math.Min(stride, (keyCount + lineElements - 1) / lineElements * lineElements);
        for (int c = 0; c < width; c++)
        {
            transposed.Slice(c * stride + keyCount, padded - keyCount).Clear();
        }
    }

    /// <summary>
    /// Transposes whole blocks of 4 keys × 4 columns with SSE shuffles (a scalar copy costs more than every multiply-add
    /// of a small head's scores); columns past the last whole block go one by one. Returns the keys done.
    /// </summary>
    private static int TransposeBlocks(
        ref float keys, int rowStride, int keyCount, int width, ref float transposed, int stride, ref float values, int valueRowStride, int valueWidth)
    {
        int j = 0;
        for (; j <= keyCount - 4; j += 4)
        {
            ref float row0 = ref Unsafe.Add(ref keys, j * rowStride);
            ref float row1 = ref Unsafe.Add(ref row0, rowStride);
            ref float row2 = ref Unsafe.Add(ref row1, rowStride);
            ref float row3 = ref Unsafe.Add(ref row2, rowStride);
            if (j + PrefetchRows + 4 <= keyCount)
            {
                PrefetchRows4(ref Unsafe.Add(ref row0, PrefetchRows * rowStride), rowStride, width, toFirstLevel: true);
            }

            if (valueWidth > 0)
            {
                PrefetchRows4(ref Unsafe.Add(ref values, j * valueRowStride), valueRowStride, valueWidth, toFirstLevel: false);
            }

            int c = 0;
            for (; c <= width - 4; c += 4)
            {
                Vector128<float> low01 = Sse.UnpackLow(Vector128.LoadUnsafe(ref row0, (nuint)c), Vector128.LoadUnsafe(ref row1, (nuint)c));
                Vector128<float> low23 = Sse.UnpackLow(Vector128.LoadUnsafe(ref row2, (nuint)c), Vector128.LoadUnsafe(ref row3, (nuint)c));
                Vector128<float> high01 = Sse.UnpackHigh(Vector128.LoadUnsafe(ref row0, (nuint)c), Vector128.LoadUnsafe(ref row1, (nuint)c));
                Vector128<float> high23 = Sse.UnpackHigh(Vector128.LoadUnsafe(ref row2, (nuint)c), Vector128.LoadUnsafe(ref row3, (nuint)c));
                ref float column = ref Unsafe.Add(ref transposed, c * stride + j);
                Sse.MoveLowToHigh(low01, low23).StoreUnsafe(ref column);
                Sse.MoveHighToLow(low23, low01).StoreUnsafe(ref column, (nuint)stride);
                Sse.MoveLowToHigh(high01, high23).StoreUnsafe(ref column, (nuint)(2 * stride));
                Sse.MoveHighToLow(high23, high01).StoreUnsafe(ref column, (nuint)(3 * stride));
            }

            for (; c < width; c++)
            {
                ref float column = ref Unsafe.Add(ref transposed, c * stride + j);
                column = Unsafe.Add(ref row0, c);
                Unsafe.Add(ref column, 1) = Unsafe.Add(ref row1, c);
                Unsafe.Add(ref column, 2) = Unsafe.Add(ref row2, c);
                Unsafe.Add(ref column, 3) = Unsafe.Add(ref row3, c);
            }
        }

        return j;
    }

    /// <summary>As the float <c>TransposeBlocks</c>, for double: blocks of 2 keys × 2 columns, one SSE2 unpack per column.</summary>
    private static int TransposeBlocks(
        ref double keys, int rowStride, int keyCount, int width, ref double transposed, int stride, ref double values, int valueRowStride, int valueWidth)
    {
        int j = 0;
        for (; j <= keyCount - 4; j += 4)
        {
            ref double row0 = ref Unsafe.Add(ref keys, j * rowStride);
            if (j + PrefetchRows + 4 <= keyCount)
            {
                PrefetchRows4(ref Unsafe.Add(ref row0, PrefetchRows * rowStride), rowStride, width, toFirstLevel: true);
            }

            if (valueWidth > 0)
            {
                PrefetchRows4(ref Unsafe.Add(ref values, j * valueRowStride), valueRowStride, valueWidth, toFirstLevel: false);
            }

            for (int pair = 0; pair < 4; pair += 2)
            {
                ref double first = ref Unsafe.Add(ref row0, pair * rowStride);
                ref double second = ref Unsafe.Add(ref first, rowStride);
                int c = 0;
                for (; c <= width - 2; c += 2)
                {
                    Vector128<double> a = Vector128.LoadUnsafe(ref first, (nuint)c), b = Vector128.LoadUnsafe(ref second, (nuint)c);
                    ref double column = ref Unsafe.Add(ref transposed, c * stride + j + pair);
                    Sse2.UnpackLow(a, b).StoreUnsafe(ref column);
                    Sse2.UnpackHigh(a, b).StoreUnsafe(ref column, (nuint)stride);
                }

                for (; c < width; c++)
                {
                    ref double column = ref Unsafe.Add(ref transposed, c * stride + j + pair);
                    column = Unsafe.Add(ref first, c);
                    Unsafe.Add(ref column, 1) = Unsafe.Add(ref second, c);
                }
            }
        }

        return j;
    }

    /// <summary>Rows ahead of the block being transposed whose cache lines are asked for early: a long cache streams from memory.</summary>
    private const int PrefetchRows = 32;

    /// <summary>
    /// Asks for four rows' cache lines: into every level (keys about to be transposed) or into the second level and
    /// beyond (values wanted after the chunk's scores).
    /// </summary>
    private static unsafe void PrefetchRows4<T>(ref T row, int rowStride, int width, bool toFirstLevel)
    {
        for (int r = 0; r < 4; r++)
        {
            // A prefetch never faults, and a stale address (should the GC move the array meanwhile) only wastes it.
            byte* line = (byte*)Unsafe.AsPointer(ref Unsafe.Add(ref row, r * rowStride));
            for (int offset = 0; offset < width * Unsafe.SizeOf<T>(); offset += 64)
            {
                if (toFirstLevel)
                {
                    Sse.Prefetch0(line + offset);
                }
                else
                {
                    Sse.Prefetch1(line + offset);
                }
            }
        }
    }
}
