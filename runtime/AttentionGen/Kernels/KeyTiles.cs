using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AttentionGen.Kernels;

/// <summary>Keys transposed to <c>[HeadDim, KeySeqLen]</c>, so one vector load holds one column of many keys.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KeyTiles
{
    /// <summary>
    /// Writes column <c>c</c> of key rows <c>0 … keyCount − 1</c> to <c>transposed[c · stride …]</c>. Only those rows are
    /// read: keys a causal or padding mask hides from every row stay untouched.
    /// </summary>
    /// <param name="keys">The head's first key row.</param>
    /// <param name="rowStride">Elements from one key row to the next.</param>
    /// <param name="keyCount">Key rows to transpose.</param>
    /// <param name="width">Elements of a key row (<c>HeadDim</c>).</param>
    /// <param name="transposed">The destination, <c>[width, stride]</c>.</param>
    /// <param name="stride">Elements from one column of <paramref name="transposed"/> to the next (<c>KeySeqLen</c>).</param>
    public static void Transpose<T>(ref T keys, int rowStride, int keyCount, int width, Span<T> transposed, int stride)
    {
        ref T destination = ref MemoryMarshal.GetReference(transposed);
        for (int j = 0; j < keyCount; j++)
        {
            ref T row = ref Unsafe.Add(ref keys, j * rowStride);
            for (int c = 0; c < width; c++)
            {
                Unsafe.Add(ref destination, c * stride + j) = Unsafe.Add(ref row, c);
            }
        }
    }
}
