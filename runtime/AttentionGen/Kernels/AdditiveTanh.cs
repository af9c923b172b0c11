using System;
using System.ComponentModel;
using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AttentionGen.Kernels;

/// <summary>
/// The additive (Bahdanau) score <c>Σ_h w_h · tanh(a_h + b_h)</c> of a projected query row <c>a</c> and key row
/// <c>b</c> without a tanh per pair: with <c>A = e^{2a}</c> once per row and <c>B = e^{2b}</c> once per key,
/// <c>tanh(a + b) = 1 − 2 / (1 + A·B)</c>, so the score is <c>Σ w − 2 · Σ_h w_h / (1 + A_h·B_h)</c>: a multiply-add and
/// a division per pair and hidden unit. Its error stays within a few units of roundoff of each term, absolutely (like
/// tanh's own), while every |a|, |b| is at most <see cref="Limit{T}"/>, where not even <c>A·B</c> overflows; a row or
/// key beyond it (where tanh is ±1 to the last bit anyway) is scored with tanh instead.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class AdditiveTanh
{
    /// <summary>
    /// The largest projected magnitude the identity takes: <c>1 + A·B ≤ 1 + e^{4·Limit}</c> stays finite (float:
    /// <c>e^{80}</c>; double: <c>e^{680}</c>), so the reciprocal needs no clamp.
    /// </summary>
    public static T Limit<T>()
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.CreateTruncating(typeof(T) == typeof(double) ? 170 : 20);

    /// <summary>
    /// Whether every |x| is at most <see cref="Limit{T}"/>. NaN fails too: such a row takes the tanh form, which carries
    /// the NaN as tanh does.
    /// </summary>
    private static bool Fits<T>(ReadOnlySpan<T> projected)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => T.Abs(TensorPrimitives.MaxMagnitude(projected)) <= Limit<T>(); // MaxMagnitude keeps the element's sign

    /// <summary>
    /// Writes <c>e^{2x}</c> of a projected row to <paramref name="exponentials"/> and returns true, or returns false (and
    /// writes nothing) when some |x| exceeds <see cref="Limit{T}"/>.
    /// </summary>
    public static bool Exponentials<T>(ReadOnlySpan<T> projected, Span<T> exponentials)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!Fits(projected))
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

    /// <summary>
    /// Writes <c>factor · (Σ w − 2 · Σ_h w_h / (1 + A_h·B[h, j]))</c> for each key <c>j</c> of <paramref name="scores"/>,
    /// a vector of keys at a time: the keys' exponentials lie transposed, <c>[hidden, stride]</c>,
    /// so no sum across lanes is needed. A key whose column was never written gets a meaningless score, not used.
    /// </summary>
    public static void ScoreKeys<T>(
        ReadOnlySpan<T> queryExponentials, ReadOnlySpan<T> keyExponentialsT, int stride, ref T scoreVector, T scoreVectorSum, T factor, Span<T> scores)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        int hidden = queryExponentials.Length;
        int keyCount = scores.Length;
        ref T a = ref MemoryMarshal.GetReference(queryExponentials);
        ref T b = ref MemoryMarshal.GetReference(keyExponentialsT);
        ref T output = ref MemoryMarshal.GetReference(scores);
        T two = T.CreateTruncating(2);
        int j = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // Four vectors of keys at a time: four sums, so each waits on its own additions only, not on one chain.
            int lanes = Vector512<T>.Count;
            for (; j <= keyCount - 4 * lanes; j += 4 * lanes)
            {
                // Each sum is −Σ_h w_h / (1 + A_h·B[h, j]), negated so a multiply-add forms every term.
                Vector512<T> acc0 = Vector512<T>.Zero, acc1 = Vector512<T>.Zero, acc2 = Vector512<T>.Zero, acc3 = Vector512<T>.Zero;
                for (int h = 0; h < hidden; h++)
                {
                    Vector512<T> queryTerm = Vector512.Create(Unsafe.Add(ref a, h)), weight = Vector512.Create(Unsafe.Add(ref scoreVector, h));
                    ref T column = ref Unsafe.Add(ref b, h * stride + j);
                    acc0 = SubtractQuotient(acc0, weight, Simd512<T>.MultiplyAdd(queryTerm, Vector512.LoadUnsafe(ref column), Vector512<T>.One));
                    acc1 = SubtractQuotient(acc1, weight, Simd512<T>.MultiplyAdd(queryTerm, Vector512.LoadUnsafe(ref column, (nuint)lanes), Vector512<T>.One));
                    acc2 = SubtractQuotient(acc2, weight, Simd512<T>.MultiplyAdd(queryTerm, Vector512.LoadUnsafe(ref column, (nuint)(2 * lanes)), Vector512<T>.One));
                    acc3 = SubtractQuotient(acc3, weight, Simd512<T>.MultiplyAdd(queryTerm, Vector512.LoadUnsafe(ref column, (nuint)(3 * lanes)), Vector512<T>.One));
                }

                Vector512<T> sum = Vector512.Create(scoreVectorSum), twice = Vector512.Create(two), scale = Vector512.Create(factor);
                (scale * Simd512<T>.MultiplyAdd(twice, acc0, sum)).StoreUnsafe(ref output, (nuint)j);
                (scale * Simd512<T>.MultiplyAdd(twice, acc1, sum)).StoreUnsafe(ref output, (nuint)(j + lanes));
                (scale * Simd512<T>.MultiplyAdd(twice, acc2, sum)).StoreUnsafe(ref output, (nuint)(j + 2 * lanes));
                (scale * Simd512<T>.MultiplyAdd(twice, acc3, sum)).StoreUnsafe(ref output, (nuint)(j + 3 * lanes));
            }

            for (; j <= keyCount - Vector512<T>.Count; j += Vector512<T>.Count)
            {
                Vector512<T> acc = Vector512<T>.Zero;
                for (int h = 0; h < hidden; h++)
                {
                    Vector512<T> denominator = Vector512.Create(Unsafe.Add(ref a, h)) * Vector512.LoadUnsafe(ref b, (nuint)(h * stride + j)) + Vector512<T>.One;
                    acc = SubtractQuotient(acc, Vector512.Create(Unsafe.Add(ref scoreVector, h)), denominator);
                }

                (Vector512.Create(factor) * (Vector512.Create(scoreVectorSum) + Vector512.Create(two) * acc)).StoreUnsafe(ref output, (nuint)j);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; j <= keyCount - Vector256<T>.Count; j += Vector256<T>.Count)
            {
                Vector256<T> acc = Vector256<T>.Zero;
                for (int h = 0; h < hidden; h++)
                {
                    Vector256<T> denominator = Vector256.Create(Unsafe.Add(ref a, h)) * Vector256.LoadUnsafe(ref b, (nuint)(h * stride + j)) + Vector256<T>.One;
                    acc = SubtractQuotient(acc, Vector256.Create(Unsafe.Add(ref scoreVector, h)), denominator);
                }

                (Vector256.Create(factor) * (Vector256.Create(scoreVectorSum) + Vector256.Create(two) * acc)).StoreUnsafe(ref output, (nuint)j);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; j <= keyCount - Vector128<T>.Count; j += Vector128<T>.Count)
            {
                Vector128<T> acc = Vector128<T>.Zero;
                for (int h = 0; h < hidden; h++)
                {
                    Vector128<T> denominator = Vector128.Create(Unsafe.Add(ref a, h)) * Vector128.LoadUnsafe(ref b, (nuint)(h * stride + j)) + Vector128<T>.One;
                    acc -= Vector128.Create(Unsafe.Add(ref scoreVector, h)) / denominator;
                }

                (Vector128.Create(factor) * (Vector128.Create(scoreVectorSum) + Vector128.Create(two) * acc)).StoreUnsafe(ref output, (nuint)j);
            }
        }

        for (; j < keyCount; j++)
        {
            T sum = T.Zero;
            for (int h = 0; h < hidden; h++)
            {
                sum += Unsafe.Add(ref scoreVector, h) / (Unsafe.Add(ref a, h) * Unsafe.Add(ref b, h * stride + j) + T.One);
            }

            Unsafe.Add(ref output, j) = factor * (scoreVectorSum - two * sum);
        }
    }

    /// <summary>
    /// <c>acc − w / d</c> for finite <c>d ≥ 1</c> (<see cref="Limit{T}"/>): with the hardware's reciprocal estimate
    /// <c>r</c> refined by Newton steps to the element type's precision where the CPU has one (a division is several times
    /// slower), the last step folded in as <c>acc + (w·r)·(d·r − 2)</c>; else a division.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> SubtractQuotient<T>(Vector512<T> acc, Vector512<T> w, Vector512<T> d)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!Avx512F.IsSupported)
        {
            return acc - w / d;
        }

        Vector512<T> r;
        if (typeof(T) == typeof(float))
        {
            r = Avx512F.Reciprocal14(d.As<T, float>()).As<float, T>(); // 14 bits; the step below doubles them
        }
        else
        {
            r = Avx512F.Reciprocal14(d.As<T, double>()).As<double, T>();
            r *= Vector512.Create(T.CreateTruncating(2)) - d * r; // 28 bits; the step below doubles them
        }

        return Simd512<T>.MultiplyAdd(w * r, Simd512<T>.MultiplyAdd(d, r, Vector512.Create(T.CreateTruncating(-2))), acc);
    }

    /// <inheritdoc cref="SubtractQuotient{T}(Vector512{T}, Vector512{T}, Vector512{T})"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<T> SubtractQuotient<T>(Vector256<T> acc, Vector256<T> w, Vector256<T> d)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) != typeof(float) || !Avx.IsSupported)
        {
            return acc - w / d;
        }

        Vector256<T> r = Avx.Reciprocal(d.As<T, float>()).As<float, T>(); // 12 bits
        r *= Vector256.Create(T.CreateTruncating(2)) - d * r; // 24; the step below carries them past float's
        return Simd256<T>.MultiplyAdd(w * r, Simd256<T>.MultiplyAdd(d, r, Vector256.Create(T.CreateTruncating(-2))), acc);
    }

    /// <summary>
    /// Writes a projected key's exponentials <c>e^{2b}</c> into column <paramref name="key"/> of the transposed
    /// <paramref name="keyExponentialsT"/> (<c>[hidden, stride]</c>) and returns true, or returns false (and writes
    /// nothing) when some |b| exceeds <see cref="Limit{T}"/>.
    /// </summary>
    public static bool KeyExponentials<T>(ReadOnlySpan<T> projected, Span<T> keyExponentialsT, int stride, int key)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (!Fits(projected))
        {
            return false;
        }

        // A few at a time through a small buffer: vectorised exponentials, then one column element each.
        Span<T> batch = stackalloc T[16];
        for (int h = 0; h < projected.Length; h += batch.Length)
        {
            Span<T> exponentials = batch[..Math.Min(batch.Length, projected.Length - h)];
            TensorPrimitives.Multiply(projected.Slice(h, exponentials.Length), T.CreateTruncating(2), exponentials);
            TensorPrimitives.Exp<T>(exponentials, exponentials);
            for (int i = 0; i < exponentials.Length; i++)
            {
                keyExponentialsT[(h + i) * stride + key] = exponentials[i];
            }
        }

        return true;
    }
}
