using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AttentionGen.Kernels;

/// <summary>
/// ALiBi's linear distance bias, <c>−slope · |p − j|</c> for the row at position <c>p</c> and key <c>j</c>, added to a row
/// of scores after the softcap, as an additive mask would be; computed from the positions, so no bias tensor is read.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AlibiBias
{
    /// <summary>
    /// Adds the bias to scores of consecutive keys, <c>scores[n]</c> being key <c>firstKey + n</c>'s: a vector of key
    /// indices at a time (exact in float below 2²⁴, far past the longest cache), as the scalar loop computes each.
    /// </summary>
    public static void Add<T>(Span<T> scores, T slope, int position, int firstKey)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T start = ref MemoryMarshal.GetReference(scores);
        int length = scores.Length;
        int i = 0;
        T first = T.CreateTruncating(firstKey), at = T.CreateTruncating(position);
        if (Vector512.IsHardwareAccelerated && length >= Vector512<T>.Count)
        {
            Vector512<T> keys = Vector512<T>.Indices + Vector512.Create(first), step = Vector512.Create(T.CreateTruncating(Vector512<T>.Count));
            for (; i <= length - Vector512<T>.Count; i += Vector512<T>.Count, keys += step)
            {
                (Vector512.LoadUnsafe(ref start, (nuint)i) - slope * Vector512.Abs(Vector512.Create(at) - keys)).StoreUnsafe(ref start, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            Vector256<T> keys = Vector256<T>.Indices + Vector256.Create(first), step = Vector256.Create(T.CreateTruncating(Vector256<T>.Count));
            for (; i <= length - Vector256<T>.Count; i += Vector256<T>.Count, keys += step)
            {
                (Vector256.LoadUnsafe(ref start, (nuint)i) - slope * Vector256.Abs(Vector256.Create(at) - keys)).StoreUnsafe(ref start, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<T>.Count)
        {
            Vector128<T> keys = Vector128<T>.Indices + Vector128.Create(first), step = Vector128.Create(T.CreateTruncating(Vector128<T>.Count));
            for (; i <= length - Vector128<T>.Count; i += Vector128<T>.Count, keys += step)
            {
                (Vector128.LoadUnsafe(ref start, (nuint)i) - slope * Vector128.Abs(Vector128.Create(at) - keys)).StoreUnsafe(ref start, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref start, i) -= slope * T.CreateTruncating(Math.Abs((long)position - (firstKey + i)));
        }
    }

    /// <summary>Adds the bias to scores of listed keys, <c>scores[n]</c> being key <c>keys[n]</c>'s.</summary>
    public static void Add<T>(Span<T> scores, T slope, int position, ReadOnlySpan<int> keys)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int n = 0; n < scores.Length; n++)
        {
            scores[n] -= slope * T.CreateTruncating(Math.Abs((long)position - keys[n]));
        }
    }

    /// <summary>The bias of one key, for the scores written one at a time.</summary>
    public static T Of<T>(T slope, int position, int key)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => -slope * T.CreateTruncating(Math.Abs((long)position - key));
}
