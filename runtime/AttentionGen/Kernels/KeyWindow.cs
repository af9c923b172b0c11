using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace AttentionGen.Kernels;

/// <summary>
/// A sliding window's keys for one query row, shared by the generated kernels and the generic path: query row <c>row</c>
/// sits at position <c>p = row + offset</c> (the causal offset) and attends keys <c>p − left … p + right</c> (a side of −1
/// unbounded), within the keys its other masks leave.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KeyWindow
{
    /// <summary>The first key the row may attend: <c>max(0, p − left)</c>, or 0 when unbounded.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int First(int row, int offset, int left)
        => left < 0 ? 0 : (int)Math.Clamp((long)row + offset - left, 0, int.MaxValue);

    /// <summary>
    /// One past the last key the row may attend, at most <paramref name="keyLimit"/> (what the causal and padding masks
    /// leave): <c>p + right + 1</c>, or the limit when unbounded.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int End(int row, int offset, int right, int keyLimit)
        => right < 0 ? keyLimit : (int)Math.Clamp((long)row + offset + right + 1, 0, keyLimit);

    /// <summary>
    /// The keys a block of rows attends, from its rows' first keys and one past their last (absolute): the first key some
    /// row attends and one past the last; (0, 0) when no row attends any.
    /// </summary>
    public static (int Low, int High) Span(int rows, ReadOnlySpan<int> firstKeys, ReadOnlySpan<int> keyCounts)
    {
        int low = int.MaxValue, high = 0;
        for (int r = 0; r < rows; r++)
        {
            if (keyCounts[r] > firstKeys[r])
            {
                low = Math.Min(low, firstKeys[r]);
                high = Math.Max(high, keyCounts[r]);
            }
        }

        return high == 0 ? (0, 0) : (low, high);
    }

    /// <summary>Where a chunk that starts at key <paramref name="key"/> begins: that key's whole vector of the widest width.</summary>
    public static int ChunkStart(int key) => key & -KeyTileShape.VectorKeys;

    /// <summary>
    /// The query rows whose windows may hold a key of <paramref name="chunkStart"/> … <paramref name="chunkEnd"/> − 1, the
    /// first rounded down to a whole block of rows: the others need not look at the chunk at all.
    /// </summary>
    /// <param name="chunkStart">The chunk's first key.</param>
    /// <param name="chunkEnd">One past the chunk's last key.</param>
    /// <param name="offset">The causal offset: row <c>i</c> sits at position <c>i + offset</c>.</param>
    /// <param name="left">The left window (−1: unbounded).</param>
    /// <param name="right">How far after its position a row may see (0 under a causal mask; −1: unbounded).</param>
    /// <param name="seqLen">Query rows.</param>
    public static (int FirstRow, int EndRow) RowsSeeing(int chunkStart, int chunkEnd, int offset, int left, int right, int seqLen)
    {
        long first = right < 0 ? 0 : (long)chunkStart - right - offset;
        long end = left < 0 ? seqLen : (long)chunkEnd + left - offset;
        return ((int)Math.Clamp(first, 0, seqLen) & -KeyTileShape.RowBlock, (int)Math.Clamp(end, 0, seqLen));
    }

    /// <summary>
    /// A block of rows' windows within a chunk of keys, for the block strategies: on entry each row's first key and one past
    /// its last (absolute); on return both relative to the block's first scored key, <c>chunkStart + blockStart</c>, where
    /// <c>blockStart</c> is the first key some row attends, rounded down to a whole vector of the widest width (a row with no
    /// key in the chunk gets 0 and 0). Returns <c>blockStart</c> and how many keys from it the block scores (0: none).
    /// </summary>
    public static (int BlockStart, int BlockKeys) ToBlock(int rows, Span<int> firstKeys, Span<int> keyCounts, int chunkStart, int chunkKeys)
    {
        int start = int.MaxValue;
        int end = 0;
        for (int r = 0; r < rows; r++)
        {
            int first = Math.Clamp(firstKeys[r] - chunkStart, 0, chunkKeys);
            int count = Math.Clamp(keyCounts[r] - chunkStart, 0, chunkKeys);
            (firstKeys[r], keyCounts[r]) = count > first ? (first, count) : (0, 0);
            if (count > first)
            {
                start = Math.Min(start, first);
                end = Math.Max(end, count);
            }
        }

        if (end == 0)
        {
            return (0, 0);
        }

        start &= -KeyTileShape.VectorKeys;
        for (int r = 0; r < rows; r++)
        {
            if (keyCounts[r] > 0)
            {
                firstKeys[r] -= start;
                keyCounts[r] -= start;
            }
        }

        return (start, end - start);
    }

    /// <summary>
    /// Makes each row's scores before its first key <c>−∞</c> (selected, whatever was computed from keys the window hides
    /// from it), rows <paramref name="stride"/> apart.
    /// </summary>
    public static void HideBefore<T>(int rows, Span<T> scores, int stride, ReadOnlySpan<int> firstKeys)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            scores.Slice(r * stride, firstKeys[r]).Fill(T.NegativeInfinity);
        }
    }
}
