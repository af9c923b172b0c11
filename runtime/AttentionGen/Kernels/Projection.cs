using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace AttentionGen.Kernels;

/// <summary>
/// The linear layers of the multi-head attention layer: <c>y = x·Wᵀ + b</c>, with <c>W</c> row-major <c>[out, in]</c>
/// as PyTorch stores it, so each output is the dot product of an input row and a weight row, both contiguous.
/// </summary>
/// <remarks>
/// Register-blocked: two input rows against four weight rows at a time, eight vector accumulators, so each loaded vector
/// serves several multiply-adds. The projections are most of a layer's arithmetic.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Projection
{
    /// <summary>Writes <c>y[r, o] = Σ_i x[r, i]·weight[o, i] + bias[o]</c> for <paramref name="rows"/> rows.</summary>
    /// <param name="x">Input rows, <c>[rows, inWidth]</c>.</param>
    /// <param name="weight">The weight, <c>[outWidth, inWidth]</c>.</param>
    /// <param name="bias">The bias, <c>[outWidth]</c>.</param>
    /// <param name="y">Output rows, <c>[rows, outWidth]</c>.</param>
    /// <param name="rows">Rows of <paramref name="x"/> and <paramref name="y"/>.</param>
    /// <param name="inWidth">Width of an input row.</param>
    /// <param name="outWidth">Width of an output row.</param>
    public static void Apply(ReadOnlySpan<float> x, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> y, int rows, int inWidth, int outWidth)
    {
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ws = ref MemoryMarshal.GetReference(weight);
        int r = 0;
        for (; r + 2 <= rows; r += 2)
        {
            ref float x0 = ref Unsafe.Add(ref xs, r * inWidth);
            ref float x1 = ref Unsafe.Add(ref xs, (r + 1) * inWidth);
            int o = 0;
            for (; o + 4 <= outWidth; o += 4)
            {
                Dot2x4(ref x0, ref x1, ref Unsafe.Add(ref ws, o * inWidth), inWidth, out Vector4 first, out Vector4 second);
                first += new Vector4(bias[o], bias[o + 1], bias[o + 2], bias[o + 3]);
                second += new Vector4(bias[o], bias[o + 1], bias[o + 2], bias[o + 3]);
                first.CopyTo(y.Slice(r * outWidth + o, 4));
                second.CopyTo(y.Slice((r + 1) * outWidth + o, 4));
            }

            for (; o < outWidth; o++)
            {
                ref float w = ref Unsafe.Add(ref ws, o * inWidth);
                y[r * outWidth + o] = RowOps.Dot(ref x0, ref w, inWidth) + bias[o];
                y[(r + 1) * outWidth + o] = RowOps.Dot(ref x1, ref w, inWidth) + bias[o];
            }
        }

        for (; r < rows; r++)
        {
            ref float x0 = ref Unsafe.Add(ref xs, r * inWidth);
            for (int o = 0; o < outWidth; o++)
            {
                y[r * outWidth + o] = RowOps.Dot(ref x0, ref Unsafe.Add(ref ws, o * inWidth), inWidth) + bias[o];
            }
        }
    }

    /// <summary>The same for any element type the layer supports: double computes in double, Half in float (widened per row).</summary>
    public static void Apply<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, Span<T> y, int rows, int inWidth, int outWidth)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            Apply(MemoryMarshal.Cast<T, float>(x), MemoryMarshal.Cast<T, float>(weight), MemoryMarshal.Cast<T, float>(bias), MemoryMarshal.Cast<T, float>(y), rows, inWidth, outWidth);
            return;
        }

        // double computes in double, Half in float: one dot product per output.
        for (int r = 0; r < rows; r++)
        {
            for (int o = 0; o < outWidth; o++)
            {
                T sum;
                if (typeof(T) == typeof(double))
                {
                    double total = 0;
                    for (int i = 0; i < inWidth; i++)
                    {
                        total += double.CreateTruncating(x[r * inWidth + i]) * double.CreateTruncating(weight[o * inWidth + i]);
                    }

                    sum = T.CreateTruncating(total + double.CreateTruncating(bias[o]));
                }
                else
                {
                    float total = 0;
                    for (int i = 0; i < inWidth; i++)
                    {
                        total += float.CreateTruncating(x[r * inWidth + i]) * float.CreateTruncating(weight[o * inWidth + i]);
                    }

                    sum = T.CreateTruncating(total + float.CreateTruncating(bias[o]));
                }

                y[r * outWidth + o] = sum;
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="matrix"/>, <c>[rows, columns]</c> stored as <typeparamref name="TStore"/>, transposed and in
    /// the compute type to <paramref name="destination"/>, <c>[columns, rows]</c>: once per call, so that every row the
    /// additive score projects is a sum of the matrix's columns (<see cref="MultiplyRowTransposed{T}"/>).
    /// </summary>
    public static void Transpose<TStore, T>(ReadOnlySpan<TStore> matrix, int rows, int columns, Span<T> destination)
        where TStore : unmanaged, IBinaryFloatingPointIeee754<TStore>
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                destination[c * rows + r] = T.CreateTruncating(matrix[r * columns + c]);
            }
        }
    }

    /// <summary>
    /// <c>y = matrix · x</c> for one row <paramref name="x"/>, from the matrix transposed, <paramref name="matrixT"/>
    /// <c>[x.Length, y.Length]</c>: <c>y</c> is the sum of the matrix's columns scaled by <c>x</c>'s elements, whole vectors
    /// of <c>y</c> in registers across every column, no sums across lanes. How the additive score projects a query or key.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // the width tests fold away: the call goes straight to one width's code
    public static void MultiplyRowTransposed<T>(ReadOnlySpan<T> matrixT, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (Vector512.IsHardwareAccelerated)
        {
            MultiplyRowTransposed<T, Simd512<T>, Vector512<T>>(matrixT, x, y);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            MultiplyRowTransposed<T, Simd256<T>, Vector256<T>>(matrixT, x, y);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            MultiplyRowTransposed<T, Simd128<T>, Vector128<T>>(matrixT, x, y);
        }
        else
        {
            MultiplyRowTransposedScalar(matrixT, x, y, 0);
        }
    }

    private static void MultiplyRowTransposed<T, TWidth, TVector>(ReadOnlySpan<T> matrixT, ReadOnlySpan<T> x, Span<T> y)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        where TWidth : ISimdWidth<TVector, T>
    {
        int lanes = TWidth.Count, width = y.Length;
        ref T columns = ref MemoryMarshal.GetReference(matrixT);
        ref T output = ref MemoryMarshal.GetReference(y);
        int h = 0;
        for (; h <= width - 4 * lanes; h += 4 * lanes)
        {
            // Four vectors of outputs: four independent chains of multiply-adds.
            TVector s0 = TWidth.Zero, s1 = TWidth.Zero, s2 = TWidth.Zero, s3 = TWidth.Zero;
            for (int c = 0; c < x.Length; c++)
            {
                TVector scale = TWidth.Broadcast(x[c]);
                ref T column = ref Unsafe.Add(ref columns, c * width + h);
                s0 = TWidth.MultiplyAdd(scale, TWidth.Load(ref column, 0), s0);
                s1 = TWidth.MultiplyAdd(scale, TWidth.Load(ref column, (nuint)lanes), s1);
                s2 = TWidth.MultiplyAdd(scale, TWidth.Load(ref column, (nuint)(2 * lanes)), s2);
                s3 = TWidth.MultiplyAdd(scale, TWidth.Load(ref column, (nuint)(3 * lanes)), s3);
            }

            TWidth.Store(s0, ref output, (nuint)h);
            TWidth.Store(s1, ref output, (nuint)(h + lanes));
            TWidth.Store(s2, ref output, (nuint)(h + 2 * lanes));
            TWidth.Store(s3, ref output, (nuint)(h + 3 * lanes));
        }

        for (; h <= width - lanes; h += lanes)
        {
            TVector sum = TWidth.Zero;
            for (int c = 0; c < x.Length; c++)
            {
                sum = TWidth.MultiplyAdd(TWidth.Broadcast(x[c]), TWidth.Load(ref Unsafe.Add(ref columns, c * width + h), 0), sum);
            }

            TWidth.Store(sum, ref output, (nuint)h);
        }

        MultiplyRowTransposedScalar(matrixT, x, y, h);
    }

    /// <summary>Outputs <paramref name="first"/> … <c>y.Length</c> − 1, one at a time.</summary>
    private static void MultiplyRowTransposedScalar<T>(ReadOnlySpan<T> matrixT, ReadOnlySpan<T> x, Span<T> y, int first)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        for (int h = first; h < y.Length; h++)
        {
            T sum = T.Zero;
            for (int c = 0; c < x.Length; c++)
            {
                sum += x[c] * matrixT[c * y.Length + h];
            }

            y[h] = sum;
        }
    }

    /// <summary>Two input rows against four weight rows: eight dot products sharing every load.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dot2x4(ref float x0, ref float x1, ref float w, int length, out Vector4 first, out Vector4 second)
    {
        ref float w1 = ref Unsafe.Add(ref w, length);
        ref float w2 = ref Unsafe.Add(ref w, 2 * length);
        ref float w3 = ref Unsafe.Add(ref w, 3 * length);
        int i = 0;
        float a00 = 0, a01 = 0, a02 = 0, a03 = 0, a10 = 0, a11 = 0, a12 = 0, a13 = 0;
        if (Vector256.IsHardwareAccelerated && length >= Vector256<float>.Count)
        {
            Vector256<float> s00 = default, s01 = default, s02 = default, s03 = default, s10 = default, s11 = default, s12 = default, s13 = default;
            for (; i <= length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                Vector256<float> u = Vector256.LoadUnsafe(ref x0, (nuint)i), v = Vector256.LoadUnsafe(ref x1, (nuint)i);
                Vector256<float> c0 = Vector256.LoadUnsafe(ref w, (nuint)i), c1 = Vector256.LoadUnsafe(ref w1, (nuint)i);
                Vector256<float> c2 = Vector256.LoadUnsafe(ref w2, (nuint)i), c3 = Vector256.LoadUnsafe(ref w3, (nuint)i);
                s00 = Vector256.MultiplyAddEstimate(u, c0, s00);
                s01 = Vector256.MultiplyAddEstimate(u, c1, s01);
                s02 = Vector256.MultiplyAddEstimate(u, c2, s02);
                s03 = Vector256.MultiplyAddEstimate(u, c3, s03);
                s10 = Vector256.MultiplyAddEstimate(v, c0, s10);
                s11 = Vector256.MultiplyAddEstimate(v, c1, s11);
                s12 = Vector256.MultiplyAddEstimate(v, c2, s12);
                s13 = Vector256.MultiplyAddEstimate(v, c3, s13);
            }

            (a00, a01, a02, a03) = (Vector256.Sum(s00), Vector256.Sum(s01), Vector256.Sum(s02), Vector256.Sum(s03));
            (a10, a11, a12, a13) = (Vector256.Sum(s10), Vector256.Sum(s11), Vector256.Sum(s12), Vector256.Sum(s13));
        }

        for (; i < length; i++)
        {
            float u = Unsafe.Add(ref x0, i), v = Unsafe.Add(ref x1, i);
            float c0 = Unsafe.Add(ref w, i), c1 = Unsafe.Add(ref w1, i), c2 = Unsafe.Add(ref w2, i), c3 = Unsafe.Add(ref w3, i);
            a00 += u * c0;
            a01 += u * c1;
            a02 += u * c2;
            a03 += u * c3;
            a10 += v * c0;
            a11 += v * c1;
            a12 += v * c2;
            a13 += v * c3;
        }

        first = new Vector4(a00, a01, a02, a03);
        second = new Vector4(a10, a11, a12, a13);
    }
}
