using System;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AttentionGen.Kernels;

/// <summary>
/// The Boolean and additive masks of a block of query rows on the tiled and chunked strategies. Masks that real models
/// pass keep a prefix of each row's keys (all open, causal, padding): such a block takes the unmasked microkernels as
/// they are, bias added. Any other block has its hidden scores replaced by <c>−∞</c> (selected, never multiplied, so NaN
/// or ∞ in a hidden key cannot leak) and its value sums made row by row over each row's attended keys alone.
/// </summary>
/// <typeparam name="TBias">The element type of the additive mask (the kernel's element type).</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly ref struct BlockMask<TBias>
    where TBias : unmanaged, IBinaryFloatingPointIeee754<TBias>
{
    private readonly ReadOnlySpan<bool> _mask;
    private readonly int _maskRowStride;
    private readonly ReadOnlySpan<TBias> _bias;
    private readonly int _biasRowStride;

    /// <param name="mask">The Boolean mask from the block's first row at its first key (<c>true</c> = may attend), or empty.</param>
    /// <param name="maskRowStride">Elements from one block row's mask to the next (0 when the rows share one).</param>
    /// <param name="bias">The additive mask from the block's first row at its first key (<c>−∞</c> = hidden), or empty.</param>
    /// <param name="biasRowStride">Elements from one block row's bias to the next (0 when the rows share one).</param>
    public BlockMask(ReadOnlySpan<bool> mask, int maskRowStride, ReadOnlySpan<TBias> bias, int biasRowStride)
    {
        _mask = mask;
        _maskRowStride = maskRowStride;
        _bias = bias;
        _biasRowStride = biasRowStride;
    }

    /// <summary>
    /// Each row's attended keys among those its prefix masks leave: <paramref name="keyCounts"/> holds that many on entry and
    /// one past the row's last attended key on return (0 when it attends none); <paramref name="firstKeys"/> receives its
    /// first attended key.
    /// </summary>
    public AttendedBlock FindAttended(int rows, Span<int> keyCounts, Span<int> firstKeys)
    {
        bool prefixes = true;
        int start = int.MaxValue;
        int end = 0;
        for (int r = 0; r < rows; r++)
        {
            AttendedKeys keys = AttendedKeys.All(keyCounts[r]);
            if (!_mask.IsEmpty)
            {
                keys = keys.Intersect(AttendedKeys.Find(MemoryMarshal.AsBytes(_mask.Slice(r * _maskRowStride, keyCounts[r])), (byte)0));
            }

            if (!_bias.IsEmpty)
            {
                keys = keys.Intersect(FindUnbiased(_bias.Slice(r * _biasRowStride, keyCounts[r])));
            }

            keyCounts[r] = keys.End;
            firstKeys[r] = keys.First;
            prefixes &= keys.IsPrefix;
            if (keys.End > 0)
            {
                start = Math.Min(start, keys.First);
                end = Math.Max(end, keys.End);
            }
        }

        // Scores start on a whole vector of the widest width, as the tile's rows do.
        return new AttendedBlock(prefixes ? 0 : Math.Min(start, end) & -KeyTileShape.VectorKeys, end, prefixes);
    }

    /// <summary>
    /// Masks each row's first <c>keyCounts[r]</c> scores (rows <paramref name="stride"/> apart): adds the bias, and, unless
    /// every row attends a prefix, makes each hidden key's score <c>−∞</c> whatever was computed for it.
    /// </summary>
    public void Apply<T>(int rows, Span<T> scores, int stride, ReadOnlySpan<int> keyCounts, in AttendedBlock block)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            Span<T> rowScores = scores.Slice(r * stride, keyCounts[r]);
            if (!_bias.IsEmpty)
            {
                AddBias(rowScores, _bias.Slice(r * _biasRowStride, keyCounts[r]), selectHidden: !block.Prefixes);
            }

            if (!_mask.IsEmpty && !block.Prefixes)
            {
                ReadOnlySpan<bool> open = _mask.Slice(r * _maskRowStride, keyCounts[r]);
                for (int j = 0; j < rowScores.Length; j++)
                {
                    rowScores[j] = open[j] ? rowScores[j] : T.NegativeInfinity;
                }
            }
        }
    }

    /// <summary>
    /// <c>scores += bias</c>; with <paramref name="selectHidden"/>, a key whose bias is <c>−∞</c> gets <c>−∞</c> even if its
    /// score is NaN. Half biases are widened a vector's worth at a time.
    /// </summary>
    private static void AddBias<T>(Span<T> scores, ReadOnlySpan<TBias> bias, bool selectHidden)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(TBias) == typeof(T) && !selectHidden)
        {
            TensorPrimitives.Add(scores, MemoryMarshal.Cast<TBias, T>(bias), scores);
            return;
        }

        for (int j = 0; j < scores.Length; j++)
        {
            T added = T.CreateTruncating(bias[j]);
            scores[j] = T.IsNegativeInfinity(added) ? added : scores[j] + added;
        }
    }

    /// <summary>The keys whose bias is not <c>−∞</c>, found by its bit pattern (a vectorised search).</summary>
    private static AttendedKeys FindUnbiased(ReadOnlySpan<TBias> bias)
    {
        TBias hidden = TBias.NegativeInfinity;
        return Unsafe.SizeOf<TBias>() switch
        {
            2 => AttendedKeys.Find(MemoryMarshal.Cast<TBias, ushort>(bias), Unsafe.BitCast<TBias, ushort>(hidden)),
            4 => AttendedKeys.Find(MemoryMarshal.Cast<TBias, uint>(bias), Unsafe.BitCast<TBias, uint>(hidden)),
            _ => AttendedKeys.Find(MemoryMarshal.Cast<TBias, ulong>(bias), Unsafe.BitCast<TBias, ulong>(hidden)),
        };
    }
}

/// <summary>What a block's rows attend: keys from <see cref="Start"/> to <see cref="End"/>, every row's a prefix or not.</summary>
/// <param name="Start">No row attends a key before this one (a whole vector's start).</param>
/// <param name="End">One past the last key some row attends.</param>
/// <param name="Prefixes">Whether each row attends its first <c>keyCounts[r]</c> keys, every one of them.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct AttendedBlock(int Start, int End, bool Prefixes);

/// <summary>One row's attended keys: from <see cref="First"/> to <see cref="End"/>, with or without gaps.</summary>
internal readonly record struct AttendedKeys(int First, int End, bool Contiguous)
{
    public static AttendedKeys All(int count) => new(0, count, Contiguous: true);

    /// <summary>A row that attends its first <see cref="End"/> keys, all of them (none is a prefix too).</summary>
    public bool IsPrefix => End == 0 || (First == 0 && Contiguous);

    /// <summary>The keys whose element is not <paramref name="hidden"/>.</summary>
    public static AttendedKeys Find<TBits>(ReadOnlySpan<TBits> row, TBits hidden)
        where TBits : unmanaged, IEquatable<TBits>
    {
        int first = row.IndexOfAnyExcept(hidden);
        if (first < 0)
        {
            return default;
        }

        int end = row.LastIndexOfAnyExcept(hidden) + 1;
        return new AttendedKeys(first, end, row[first..end].IndexOf(hidden) < 0);
    }

    public AttendedKeys Intersect(AttendedKeys other)
    {
        int first = Math.Max(First, other.First);
        int end = Math.Min(End, other.End);
        return end <= first ? default : new AttendedKeys(first, end, Contiguous && other.Contiguous);
    }
}
