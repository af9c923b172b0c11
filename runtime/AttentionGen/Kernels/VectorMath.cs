using System;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AttentionGen.Kernels;

/// <summary>
/// Row-length vector operations shared by the generated kernels and the generic path: one implementation of the
/// softmax pieces, so the two paths cannot drift apart.
/// </summary>
/// <remarks>
/// Each operation cascades Vector512 → Vector256 → Vector128 → scalar on <c>IsHardwareAccelerated</c>, which the JIT
/// treats as a constant, so only one path survives. Tails shorter than a vector are finished in scalar code.
/// Supported element types are <see cref="float"/> and <see cref="double"/>.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class VectorMath
{
    /// <summary>
    /// The largest element of a non-empty row, by the hardware's maximum (one instruction; IEEE's, which must carry NaN
    /// through, takes three with AVX-512): a NaN may be passed over, which a softmax does not notice, since its own
    /// exponential is NaN against any maximum.
    /// </summary>
    public static T Max<T>(ReadOnlySpan<T> row)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T start = ref MemoryMarshal.GetReference(row);
        int length = row.Length;
        int i = 0;
        T max = T.NegativeInfinity;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<T>.Count)
        {
            Vector512<T> best = Vector512.Create(T.NegativeInfinity);
            for (; i <= length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                best = Vector512.MaxNative(best, Vector512.LoadUnsafe(ref start, (nuint)i));
            }

            max = HorizontalMax(best);
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            Vector256<T> best = Vector256.Create(T.NegativeInfinity);
            for (; i <= length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                best = Vector256.MaxNative(best, Vector256.LoadUnsafe(ref start, (nuint)i));
            }

            max = HorizontalMax(best);
        }
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<T>.Count)
        {
            Vector128<T> best = Vector128.Create(T.NegativeInfinity);
            for (; i <= length - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                best = Vector128.MaxNative(best, Vector128.LoadUnsafe(ref start, (nuint)i));
            }

            max = HorizontalMax(best);
        }

        for (; i < length; i++)
        {
            max = T.Max(max, Unsafe.Add(ref start, i));
        }

        return max;
    }

    /// <summary>Replaces each score <c>s</c> with <c>exp(s − max)</c> (<see cref="Probability{T}(Vector512{T})"/>) and returns their sum.</summary>
    /// <remarks>Subtracting the row maximum keeps every exponent ≤ 0, so nothing overflows whatever the logits.</remarks>
    public static T ExpSubtractMaxAndSum<T>(Span<T> row, T max)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T start = ref MemoryMarshal.GetReference(row);
        int length = row.Length;
        int i = 0;
        T sum = T.Zero;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<T>.Count)
        {
            Vector512<T> shift = Vector512.Create(max);
            Vector512<T> total = Vector512<T>.Zero;
            for (; i <= length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                Vector512<T> e = Probability(Vector512.LoadUnsafe(ref start, (nuint)i) - shift);
                e.StoreUnsafe(ref start, (nuint)i);
                total += e;
            }

            sum = Vector512.Sum(total);
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            Vector256<T> shift = Vector256.Create(max);
            Vector256<T> total = Vector256<T>.Zero;
            for (; i <= length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                Vector256<T> e = Probability(Vector256.LoadUnsafe(ref start, (nuint)i) - shift);
                e.StoreUnsafe(ref start, (nuint)i);
                total += e;
            }

            sum = Vector256.Sum(total);
        }
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<T>.Count)
        {
            Vector128<T> shift = Vector128.Create(max);
            Vector128<T> total = Vector128<T>.Zero;
            for (; i <= length - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                Vector128<T> e = Probability(Vector128.LoadUnsafe(ref start, (nuint)i) - shift);
                e.StoreUnsafe(ref start, (nuint)i);
                total += e;
            }

            sum = Vector128.Sum(total);
        }

        for (; i < length; i++)
        {
            T e = Probability(Unsafe.Add(ref start, i) - max);
            Unsafe.Add(ref start, i) = e;
            sum += e;
        }

        return sum;
    }

    /// <summary>
    /// Replaces each score <c>s</c> with <c>exp(s − max) · factor</c> (<see cref="Probability{T}(Vector512{T})"/>): a row's
    /// probabilities in one pass once its maximum and normalizer are known.
    /// </summary>
    public static void ExpSubtractMaxAndScale<T>(Span<T> row, T max, T factor)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T start = ref MemoryMarshal.GetReference(row);
        int length = row.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<T>.Count)
        {
            Vector512<T> shift = Vector512.Create(max);
            for (; i <= length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                (Probability(Vector512.LoadUnsafe(ref start, (nuint)i) - shift) * factor).StoreUnsafe(ref start, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            Vector256<T> shift = Vector256.Create(max);
            for (; i <= length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                (Probability(Vector256.LoadUnsafe(ref start, (nuint)i) - shift) * factor).StoreUnsafe(ref start, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<T>.Count)
        {
            Vector128<T> shift = Vector128.Create(max);
            for (; i <= length - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                (Probability(Vector128.LoadUnsafe(ref start, (nuint)i) - shift) * factor).StoreUnsafe(ref start, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            ref T score = ref Unsafe.Add(ref start, i);
            score = Probability(score - max) * factor;
        }
    }

    /// <summary>
    /// Maps each score <c>s</c> to <c>cap · tanh(s / cap)</c>, as <c>cap − 2·cap / (exp(2s / cap) + 1)</c> (<see
    /// cref="Tanh{T}(Vector512{T})"/> with the cap folded into its constants: one multiply, one exp, one division).
    /// </summary>
    public static void Softcap<T>(Span<T> row, T cap)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T start = ref MemoryMarshal.GetReference(row);
        int length = row.Length;
        int i = 0;
        T inverse = T.One / cap, twiceInverse = T.CreateTruncating(2) * inverse, twiceCap = cap + cap;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<T>.Count)
        {
            for (; i <= length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                Vector512<T> exponential = Exp(Vector512.LoadUnsafe(ref start, (nuint)i) * twiceInverse);
                (Vector512.Create(cap) - Vector512.Create(twiceCap) / (exponential + Vector512<T>.One)).StoreUnsafe(ref start, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            for (; i <= length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                Vector256<T> exponential = Exp(Vector256.LoadUnsafe(ref start, (nuint)i) * twiceInverse);
                (Vector256.Create(cap) - Vector256.Create(twiceCap) / (exponential + Vector256<T>.One)).StoreUnsafe(ref start, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<T>.Count)
        {
            for (; i <= length - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                Vector128<T> exponential = Exp(Vector128.LoadUnsafe(ref start, (nuint)i) * twiceInverse);
                (Vector128.Create(cap) - Vector128.Create(twiceCap) / (exponential + Vector128<T>.One)).StoreUnsafe(ref start, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            ref T score = ref Unsafe.Add(ref start, i);
            score = cap * T.Tanh(score * inverse);
        }
    }

    /// <summary>Element-wise <c>tanh(x) = 1 − 2 / (exp(2x) + 1)</c>: exact at both saturated ends, never NaN for finite x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Tanh<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Vector512<T>.One - Vector512.Create(T.CreateTruncating(2)) / (Exp(x + x) + Vector512<T>.One);

    /// <inheritdoc cref="Tanh{T}(Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Tanh<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Vector256<T>.One - Vector256.Create(T.CreateTruncating(2)) / (Exp(x + x) + Vector256<T>.One);

    /// <inheritdoc cref="Tanh{T}(Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Tanh<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Vector128<T>.One - Vector128.Create(T.CreateTruncating(2)) / (Exp(x + x) + Vector128<T>.One);

    /// <summary>
    /// Subtracts <c>subtrahends[j]</c> and <paramref name="scalar"/> from each <c>row[j]</c>: the Gaussian score's per-key and
    /// per-row half norms from a row of affinities, which leaves the score itself.
    /// </summary>
    public static void Subtract<T>(Span<T> row, ReadOnlySpan<T> subtrahends, T scalar)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        TensorPrimitives.Subtract(row, subtrahends[..row.Length], row);
        TensorPrimitives.Subtract(row, scalar, row);
    }

    /// <summary>Writes <c>source · factor</c> to <paramref name="destination"/> (which may be <paramref name="source"/> itself).</summary>
    public static void Multiply<T>(ReadOnlySpan<T> source, T factor, Span<T> destination)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        ref T from = ref MemoryMarshal.GetReference(source);
        ref T to = ref MemoryMarshal.GetReference(destination);
        int length = source.Length;
        int i = 0;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<T>.Count)
        {
            for (; i <= length - Vector512<T>.Count; i += Vector512<T>.Count)
            {
                (Vector512.LoadUnsafe(ref from, (nuint)i) * factor).StoreUnsafe(ref to, (nuint)i);
            }
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            for (; i <= length - Vector256<T>.Count; i += Vector256<T>.Count)
            {
                (Vector256.LoadUnsafe(ref from, (nuint)i) * factor).StoreUnsafe(ref to, (nuint)i);
            }
        }
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<T>.Count)
        {
            for (; i <= length - Vector128<T>.Count; i += Vector128<T>.Count)
            {
                (Vector128.LoadUnsafe(ref from, (nuint)i) * factor).StoreUnsafe(ref to, (nuint)i);
            }
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref to, i) = Unsafe.Add(ref from, i) * factor;
        }
    }

    /// <summary><c>ln 2⁻¹⁰⁰</c>: the smallest exponent <c>s − max</c> whose probability a softmax keeps.</summary>
    private const double ProbabilityFloor = -69.31471805599453;

    /// <summary>
    /// <c>exp(x)</c> of a softmax exponent <c>x = s − max</c>, but 0 below <c>2⁻¹⁰⁰</c>: such a probability is 0 to any
    /// sum it joins (the largest is 1), while its products with value rows would be subnormal, each costing a microcode
    /// assist — ALiBi's far keys, or logits thousands apart, made kernels several times slower so. Float and double
    /// take the floor as their exp's own underflow threshold, so the hot loop selects once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Probability<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float)
            ? SingleExp.Exp(x.As<T, float>(), (float)ProbabilityFloor).As<float, T>()
            : DoubleExp.Exp(x.As<T, double>(), ProbabilityFloor).As<double, T>();

    /// <inheritdoc cref="Probability{T}(Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Probability<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float)
            ? SingleExp.Exp(x.As<T, float>(), (float)ProbabilityFloor).As<float, T>()
            : DoubleExp.Exp(x.As<T, double>(), ProbabilityFloor).As<double, T>();

    /// <inheritdoc cref="Probability{T}(Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Probability<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => typeof(T) == typeof(float)
            ? SingleExp.Exp(x.As<T, float>(), (float)ProbabilityFloor).As<float, T>()
            : DoubleExp.Exp(x.As<T, double>(), ProbabilityFloor).As<double, T>();

    /// <inheritdoc cref="Probability{T}(Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Probability<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => x < T.CreateTruncating(ProbabilityFloor) ? T.Zero : T.Exp(x);

    /// <summary>Element-wise <c>exp</c>, inlined: <see cref="SingleExp"/> for <see cref="float"/>, <see cref="DoubleExp"/> for <see cref="double"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Exp<T>(Vector512<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            return SingleExp.Exp(x.As<T, float>()).As<float, T>();
        }

        return DoubleExp.Exp(x.As<T, double>()).As<double, T>();
    }

    /// <inheritdoc cref="Exp{T}(Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Exp<T>(Vector256<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            return SingleExp.Exp(x.As<T, float>()).As<float, T>();
        }

        return DoubleExp.Exp(x.As<T, double>()).As<double, T>();
    }

    /// <inheritdoc cref="Exp{T}(Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Exp<T>(Vector128<T> x)
    {
        if (typeof(T) == typeof(float))
        {
            return SingleExp.Exp(x.As<T, float>()).As<float, T>();
        }

        return DoubleExp.Exp(x.As<T, double>()).As<double, T>();
    }

    /// <summary><c>x · x</c>, lane by lane: the term of a squared distance.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Square<T>(Vector512<T> x) => x * x;

    /// <inheritdoc cref="Square{T}(Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Square<T>(Vector256<T> x) => x * x;

    /// <inheritdoc cref="Square{T}(Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Square<T>(Vector128<T> x) => x * x;

    /// <summary><c>x · x</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Square<T>(T x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => x * x;

    /// <summary>The largest lane of a vector, by the hardware's maximum (<see cref="Max{T}(ReadOnlySpan{T})"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T HorizontalMax<T>(Vector512<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => HorizontalMax(Vector256.MaxNative(x.GetLower(), x.GetUpper()));

    /// <inheritdoc cref="HorizontalMax{T}(Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T HorizontalMax<T>(Vector256<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => HorizontalMax(Vector128.MaxNative(x.GetLower(), x.GetUpper()));

    /// <inheritdoc cref="HorizontalMax{T}(Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T HorizontalMax<T>(Vector128<T> x)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            // Two shuffles: each lane meets the others in two steps.
            Vector128<float> lanes = x.As<T, float>();
            lanes = Vector128.MaxNative(lanes, Vector128.Shuffle(lanes, Vector128.Create(2, 3, 0, 1)));
            lanes = Vector128.MaxNative(lanes, Vector128.Shuffle(lanes, Vector128.Create(1, 0, 3, 2)));
            return Unsafe.BitCast<float, T>(lanes.ToScalar());
        }

        if (typeof(T) == typeof(double))
        {
            Vector128<double> lanes = x.As<T, double>();
            return Unsafe.BitCast<double, T>(Vector128.MaxNative(lanes, Vector128.Shuffle(lanes, Vector128.Create(1L, 0L))).ToScalar());
        }

        T max = x.GetElement(0);
        for (int lane = 1; lane < Vector128<T>.Count; lane++)
        {
            max = T.Max(max, x.GetElement(lane));
        }

        return max;
    }
}
