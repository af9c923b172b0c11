using System;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace AttentionGen.Kernels;

/// <summary>
/// The additive (Bahdanau) score <c>Σ_h w_h · tanh(a_h + b_h)</c> of a projected query row <c>a</c> and key row
/// <c>b</c> without a tanh per pair: with <c>A = e^{2a}</c> once per row and <c>B = e^{2b}</c> once per key,
/// <c>tanh(a + b) = 1 − 2 / (1 + A·B)</c>, so the score is <c>Σ w − 2 · Σ_h w_h / (1 + A_h·B_h)</c>: a multiply-add and
/// a division per pair and hidden unit. Its error stays within a few units of roundoff of each term, absolutely (like
/// tanh's own), while every |a|, |b| is at most <see cref="Limit{T}"/>, where no exponential overflows; a row or key
/// beyond it is scored with tanh instead.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AdditiveTanh
{
    /// <summary>The largest projected magnitude whose <c>e^{2x}</c> and <c>e^{−2x}</c> stay normal numbers.</summary>
    public static T Limit<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.CreateTruncating(typeof(T) == typeof(double) ? 300 : 40);

    /// <summary>
    /// Writes <c>e^{2x}</c> of a projected row to <paramref name="exponentials"/> and returns true, or returns false (and
    /// writes nothing) when some |x| exceeds <see cref="Limit{T}"/>.
    /// </summary>
    public static bool Exponentials<T>(ReadOnlySpan<T> projected, Span<T> exponentials)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        // NaN fails the comparison too: such a row takes the tanh form, which carries the NaN as tanh does.
        if (!(T.Abs(TensorPrimitives.MaxMagnitude(projected)) <= Limit<T>())) // MaxMagnitude keeps the element's sign
        {
            return false;
        }

        TensorPrimitives.Multiply(projected, T.CreateTruncating(2), exponentials);
        TensorPrimitives.Exp<T>(exponentials, exponentials);
        return true;
    }

    /// <summary><c>Σ w</c>, once per call: the constant part of every score.</summary>
    public static T Sum<T>(ReadOnlySpan<T> scoreVector)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => TensorPrimitives.Sum(scoreVector);

    /// <summary><c>scoreVectorSum − 2 · Σ_h w_h / (1 + A_h·B_h)</c> over <paramref name="length"/> hidden units.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Score<T>(ref T queryExponentials, ref T keyExponentials, ref T scoreVector, int length, T scoreVectorSum)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int h = 0;
        T sum = T.Zero;
        if (Vector512.IsHardwareAccelerated && length >= Vector512<T>.Count)
        {
            Vector512<T> acc = Vector512<T>.Zero;
            for (; h <= length - Vector512<T>.Count; h += Vector512<T>.Count)
            {
                Vector512<T> denominator = Vector512.LoadUnsafe(ref queryExponentials, (nuint)h) * Vector512.LoadUnsafe(ref keyExponentials, (nuint)h)
                    + Vector512<T>.One;
                acc += Vector512.LoadUnsafe(ref scoreVector, (nuint)h) / denominator;
            }

            sum = Vector512.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated && length >= Vector256<T>.Count)
        {
            Vector256<T> acc = Vector256<T>.Zero;
            for (; h <= length - Vector256<T>.Count; h += Vector256<T>.Count)
            {
                Vector256<T> denominator = Vector256.LoadUnsafe(ref queryExponentials, (nuint)h) * Vector256.LoadUnsafe(ref keyExponentials, (nuint)h)
                    + Vector256<T>.One;
                acc += Vector256.LoadUnsafe(ref scoreVector, (nuint)h) / denominator;
            }

            sum = Vector256.Sum(acc);
        }
        else if (Vector128.IsHardwareAccelerated && length >= Vector128<T>.Count)
        {
            Vector128<T> acc = Vector128<T>.Zero;
            for (; h <= length - Vector128<T>.Count; h += Vector128<T>.Count)
            {
                Vector128<T> denominator = Vector128.LoadUnsafe(ref queryExponentials, (nuint)h) * Vector128.LoadUnsafe(ref keyExponentials, (nuint)h)
                    + Vector128<T>.One;
                acc += Vector128.LoadUnsafe(ref scoreVector, (nuint)h) / denominator;
            }

            sum = Vector128.Sum(acc);
        }

        for (; h < length; h++)
        {
            sum += Unsafe.Add(ref scoreVector, h) / T.FusedMultiplyAdd(Unsafe.Add(ref queryExponentials, h), Unsafe.Add(ref keyExponentials, h), T.One);
        }

        return scoreVectorSum - T.CreateTruncating(2) * sum;
    }
}
