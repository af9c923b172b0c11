using System;
using System.ComponentModel;
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
}
