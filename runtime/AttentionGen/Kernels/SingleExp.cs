using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AttentionGen.Kernels;

/// <summary>
/// <c>exp</c> of float lanes, inlined into the softmax loop: the runtime's <c>Vector512.Exp(float)</c> is a call per vector
/// that widens to double, which cost a quarter of a 128 × 64 kernel. This is Cephes' <c>expf</c> (Cody–Waite reduction
/// <c>x = n·ln 2 + r</c>, a degree-5 polynomial for <c>|r| ≤ ln 2 / 2</c>, <c>2ⁿ</c> put into the exponent bits), within
/// 2 ulp of <c>exp</c> for normal results. Results above <c>float.MaxValue</c> are +∞ and NaN stays NaN; results below
/// the smallest normal float are 0 at every width: a probability that small is 0 to any sum it joins, and a subnormal one
/// would cost a microcode assist in every multiply it enters.
/// </summary>
internal static class SingleExp
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f; // few bits: n · Ln2High is exact
    private const float Ln2Low = -2.12194440e-4f;
    private const float Lowest = -87.3365448f; // ln(smallest normal float)
    private const float Highest = 88.72283f; // the largest float whose exp is finite; at n = 128, r < 0 keeps p < 1
    private const float ScaleHighest = 89f; // exp is +∞ in float above about 88.72
    private const float P0 = 1.9875691500e-4f;
    private const float P1 = 1.3981999507e-3f;
    private const float P2 = 8.3334519073e-3f;
    private const float P3 = 4.1665795894e-2f;
    private const float P4 = 1.6666665459e-1f;
    private const float P5 = 5.0000001201e-1f;

    /// <param name="x">The exponents.</param>
    /// <param name="zeroBelow">Exponents below it (at least ln of the smallest normal float) give 0: a softmax's floor.</param>
    /// <remarks>
    /// AVX-512's <c>vscalefps</c> multiplies by <c>2ⁿ</c> with IEEE rounding and overflow: the input is clamped to where
    /// the result is already +∞ (NaN passes the clamp), and inputs whose result would be subnormal are computed at
    /// <paramref name="zeroBelow"/> and selected to 0.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x, float zeroBelow = Lowest)
    {
        if (!Avx512F.IsSupported)
        {
            return Vector512.Create(Exp(x.GetLower(), zeroBelow), Exp(x.GetUpper(), zeroBelow));
        }

        // Inputs below zeroBelow are computed at zeroBelow, then selected to 0: vscalefps would take a microcode assist to
        // produce a subnormal. The comparison is made where it is used, once: kept in a variable for two selects, the JIT
        // turns its mask register into a vector (vpmovm2d) and the softmax ran 2.5 times slower.
        Vector512<float> clamped = Vector512.Min(Vector512.Max(x, Vector512.Create(zeroBelow)), Vector512.Create(ScaleHighest));
        Vector512<float> n = Vector512.Round(clamped * Log2E);
        Vector512<float> r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-Ln2High), clamped);
        r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-Ln2Low), r);
        Vector512<float> p = Vector512.MultiplyAddEstimate(Vector512.Create(P0), r, Vector512.Create(P1));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(P2));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(P3));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(P4));
        p = Vector512.MultiplyAddEstimate(p, r, Vector512.Create(P5));
        p = Vector512.MultiplyAddEstimate(p, r * r, r + Vector512<float>.One);
        return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(zeroBelow)), Vector512<float>.Zero, Avx512F.Scale(p, n));
    }

    /// <inheritdoc cref="Exp(Vector512{float}, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x, float zeroBelow = Lowest)
    {
        Vector256<float> clamped = Vector256.Min(Vector256.Max(x, Vector256.Create(Lowest)), Vector256.Create(Highest));
        Vector256<float> n = Vector256.Round(clamped * Log2E);
        Vector256<float> r = Vector256.MultiplyAddEstimate(n, Vector256.Create(-Ln2High), clamped);
        r = Vector256.MultiplyAddEstimate(n, Vector256.Create(-Ln2Low), r);
        Vector256<float> p = Vector256.MultiplyAddEstimate(Vector256.Create(P0), r, Vector256.Create(P1));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(P2));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(P3));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(P4));
        p = Vector256.MultiplyAddEstimate(p, r, Vector256.Create(P5));
        p = Vector256.MultiplyAddEstimate(p, r * r, r + Vector256<float>.One);
        Vector256<float> result = (p.AsInt32() + (Vector256.ConvertToInt32Native(n) << 23)).AsSingle();
        result = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(zeroBelow)), Vector256<float>.Zero, result);
        result = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(Highest)), Vector256.Create(float.PositiveInfinity), result);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x);
    }

    /// <inheritdoc cref="Exp(Vector512{float}, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x, float zeroBelow = Lowest)
    {
        Vector128<float> clamped = Vector128.Min(Vector128.Max(x, Vector128.Create(Lowest)), Vector128.Create(Highest));
        Vector128<float> n = Vector128.Round(clamped * Log2E);
        Vector128<float> r = Vector128.MultiplyAddEstimate(n, Vector128.Create(-Ln2High), clamped);
        r = Vector128.MultiplyAddEstimate(n, Vector128.Create(-Ln2Low), r);
        Vector128<float> p = Vector128.MultiplyAddEstimate(Vector128.Create(P0), r, Vector128.Create(P1));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(P2));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(P3));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(P4));
        p = Vector128.MultiplyAddEstimate(p, r, Vector128.Create(P5));
        p = Vector128.MultiplyAddEstimate(p, r * r, r + Vector128<float>.One);
        Vector128<float> result = (p.AsInt32() + (Vector128.ConvertToInt32Native(n) << 23)).AsSingle();
        result = Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128.Create(zeroBelow)), Vector128<float>.Zero, result);
        result = Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128.Create(Highest)), Vector128.Create(float.PositiveInfinity), result);
        return Vector128.ConditionalSelect(Vector128.Equals(x, x), result, x);
    }
}
