using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
    /// first attended key. A bias is searched for its first and last attended keys only: <see cref="Apply"/> finds any
    /// gap between them as it adds the bias.
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
    /// Masks each row's first <c>keyCounts[r]</c> scores (rows <paramref name="stride"/> apart) in one pass: adds the bias,
    /// a key whose bias is <c>−∞</c> getting <c>−∞</c> whatever was computed for it (NaN included), and, unless every row
    /// attends a prefix, hides the keys the Boolean mask closes. Returns the block with <see cref="AttendedBlock.Prefixes"/>
    /// cleared when the bias hides a key inside a row's range (<see cref="FindAttended"/> leaves those gaps to this pass).
    /// Unless empty, <paramref name="maxima"/> receives each row's largest masked score (−∞ for a row with none), for a
    /// softmax that need not look for them again.
    /// </summary>
    public AttendedBlock Apply<T>(int rows, Span<T> scores, int stride, ReadOnlySpan<int> keyCounts, in AttendedBlock block, Span<T> maxima)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        bool prefixes = block.Prefixes;
        for (int r = 0; r < rows; r++)
        {
            Span<T> rowScores = scores.Slice(r * stride, keyCounts[r]);
            T max = T.NegativeInfinity;
            if (!_bias.IsEmpty)
            {
                (max, bool hidesAny) = AddBias(ref MemoryMarshal.GetReference(rowScores), rowScores.Length, _bias.Slice(r * _biasRowStride));
                prefixes &= !hidesAny;
            }

            bool closesKeys = !_mask.IsEmpty && !block.Prefixes;
            if (closesKeys)
            {
                ReadOnlySpan<bool> open = _mask.Slice(r * _maskRowStride, keyCounts[r]);
                for (int j = 0; j < rowScores.Length; j++)
                {
                    rowScores[j] = open[j] ? rowScores[j] : T.NegativeInfinity;
                }
            }

            if (!maxima.IsEmpty)
            {
                // The bias pass's maximum holds unless the Boolean mask closed keys after it, or there was no bias pass.
                maxima[r] = _bias.IsEmpty || closesKeys ? VectorMath.Max<T>(rowScores) : max;
            }
        }

        return block with { Prefixes = prefixes };
    }

    /// <summary>
    /// <c>scores += bias</c> over the first <paramref name="count"/> keys, <c>−∞</c> where the bias is; returns their
    /// maximum and whether the bias hides any of them. <paramref name="bias"/> runs to the end of the caller's, so whole
    /// vectors are read past <paramref name="count"/> where it has them.
    /// </summary>
    private static (T Max, bool HidesAny) AddBias<T>(ref T scores, int count, ReadOnlySpan<TBias> bias)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(TBias) != typeof(T) || !Vector128.IsHardwareAccelerated)
        {
            return AddBiasScalar(ref scores, count, bias);
        }

        return Vector512.IsHardwareAccelerated
            ? AddBias<T, Vector512<T>, Simd512<T>>(ref scores, count, bias)
            : Vector256.IsHardwareAccelerated
                ? AddBias<T, Vector256<T>, Simd256<T>>(ref scores, count, bias)
                : AddBias<T, Vector128<T>, Simd128<T>>(ref scores, count, bias);
    }

    private static (T Max, bool HidesAny) AddBias<T, TVector, TSimd>(ref T scores, int count, ReadOnlySpan<TBias> biasRow)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TSimd : ISimdWidth<TVector, T>
    {
        ref T bias = ref Unsafe.As<TBias, T>(ref MemoryMarshal.GetReference(biasRow));
        int lanes = TSimd.Count;
        TVector hiddenBias = TSimd.Broadcast(T.NegativeInfinity);
        TVector max = hiddenBias;
        // The largest −bias: +∞ once a bias of −∞ is met (kept apart from the select, so each compare is used once). It is
        // the second operand: where a lane is NaN the hardware's maximum returns that one, so a NaN bias never displaces +∞.
        TVector largestNegated = hiddenBias;
        int j = 0;
        for (; j + lanes <= count; j += lanes)
        {
            TVector b = TSimd.Load(ref bias, (nuint)j);
            TVector masked = TSimd.Select(TSimd.Equal(b, hiddenBias), hiddenBias, TSimd.Add(TSimd.Load(ref scores, (nuint)j), b));
            TSimd.Store(masked, ref scores, (nuint)j);
            max = TSimd.Max(max, masked);
            largestNegated = TSimd.Max(TSimd.Subtract(TSimd.Zero, b), largestNegated);
        }

        if (j < count && j + lanes <= biasRow.Length)
        {
            // The last partial vector: the lanes past the row's keys read the bias's next row, taken as 0 (the softmax
            // ignores those lanes) and kept out of the maximum.
            TVector keys = TSimd.KeysBefore(j, count);
            TVector b = TSimd.Select(keys, TSimd.Load(ref bias, (nuint)j), TSimd.Zero);
            TVector masked = TSimd.Select(TSimd.Equal(b, hiddenBias), hiddenBias, TSimd.Add(TSimd.Load(ref scores, (nuint)j), b));
            TSimd.Store(masked, ref scores, (nuint)j);
            max = TSimd.Max(max, TSimd.Select(keys, masked, hiddenBias));
            largestNegated = TSimd.Max(TSimd.Subtract(TSimd.Zero, b), largestNegated);
            j = count;
        }

        T largest = TSimd.HorizontalMax(max);
        bool hidesAny = TSimd.AnyEqual(largestNegated, TSimd.Broadcast(T.PositiveInfinity));
        (T tailMax, bool tailHides) = AddBiasScalar(ref Unsafe.Add(ref scores, j), count - j, biasRow[j..count]);
        return (T.Max(largest, tailMax), hidesAny | tailHides);
    }

    private static (T Max, bool HidesAny) AddBiasScalar<T>(ref T scores, int count, ReadOnlySpan<TBias> bias)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T max = T.NegativeInfinity;
        bool hidesAny = false;
        for (int j = 0; j < count; j++)
        {
            T added = T.CreateTruncating(bias[j]);
            bool hidden = T.IsNegativeInfinity(added);
            T masked = hidden ? added : Unsafe.Add(ref scores, j) + added;
            Unsafe.Add(ref scores, j) = masked;
            max = T.Max(max, masked);
            hidesAny |= hidden;
        }

        return (max, hidesAny);
    }

    /// <summary>
    /// The keys from the first to the last whose bias is not <c>−∞</c>, found by its bit pattern (a vectorised search);
    /// gaps between them are <see cref="Apply"/>'s to find.
    /// </summary>
    private static AttendedKeys FindUnbiased(ReadOnlySpan<TBias> bias)
    {
        TBias hidden = TBias.NegativeInfinity;
        return Unsafe.SizeOf<TBias>() switch
        {
            2 => AttendedKeys.Bounds(MemoryMarshal.Cast<TBias, ushort>(bias), Unsafe.BitCast<TBias, ushort>(hidden)),
            4 => AttendedKeys.Bounds(MemoryMarshal.Cast<TBias, uint>(bias), Unsafe.BitCast<TBias, uint>(hidden)),
            _ => AttendedKeys.Bounds(MemoryMarshal.Cast<TBias, ulong>(bias), Unsafe.BitCast<TBias, ulong>(hidden)),
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
        AttendedKeys bounds = Bounds(row, hidden);
        return bounds.End == 0 ? bounds : bounds with { Contiguous = row[bounds.First..bounds.End].IndexOf(hidden) < 0 };
    }

    /// <summary>The first and last keys whose element is not <paramref name="hidden"/>, taken as contiguous (not looked into).</summary>
    public static AttendedKeys Bounds<TBits>(ReadOnlySpan<TBits> row, TBits hidden)
        where TBits : unmanaged, IEquatable<TBits>
    {
        int first = row.IndexOfAnyExcept(hidden);
        return first < 0 ? default : new AttendedKeys(first, row.LastIndexOfAnyExcept(hidden) + 1, Contiguous: true);
    }

    public AttendedKeys Intersect(AttendedKeys other)
    {
        int first = Math.Max(First, other.First);
        int end = Math.Min(End, other.End);
        return end <= first ? default : new AttendedKeys(first, end, Contiguous && other.Contiguous);
    }
}
