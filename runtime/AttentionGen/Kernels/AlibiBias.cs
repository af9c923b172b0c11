using System;
using System.ComponentModel;
using System.Numerics;

namespace AttentionGen.Kernels;

/// <summary>
/// ALiBi's linear distance bias, <c>−slope · |p − j|</c> for the row at position <c>p</c> and key <c>j</c>, added to a row
/// of scores after the softcap, as an additive mask would be; computed from the positions, so no bias tensor is read.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AlibiBias
{
    /// <summary>Adds the bias to scores of consecutive keys, <c>scores[n]</c> being key <c>firstKey + n</c>'s.</summary>
    public static void Add<T>(Span<T> scores, T slope, int position, int firstKey)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int n = 0; n < scores.Length; n++)
        {
            scores[n] -= slope * T.CreateTruncating(Math.Abs((long)position - (firstKey + n)));
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
