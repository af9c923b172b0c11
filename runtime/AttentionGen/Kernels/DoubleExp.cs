using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace AttentionGen.Kernels;

/// <summary>
/// <c>exp</c> of double lanes, inlined into the softmax loop as <see cref="SingleExp"/> is for float: the runtime's
/// <c>Vector512.Exp(double)</c> is a call per vector, which made the double softmax 3.3 times the float one's cost where
/// its lanes alone account for 2. Cody–Waite reduction <c>x = n·ln 2 + r</c> (Cephes' two-part ln 2), the degree-12 Taylor
/// polynomial for <c>|r| ≤ ln 2 / 2</c> (its truncation under an ulp), <c>2ⁿ</c> put into the exponent: within 2 ulp of
/// <c>exp</c> for normal results. Results above <c>double.MaxValue</c> are +∞ and NaN stays NaN; results below the
/// smallest normal double are 0, as <see cref="SingleExp"/>'s are for float and for the same reason.
/// </summary>
internal static class DoubleExp
{
    private const double Log2E = 1.4426950408889634;
    private const double Ln2High = 6.93145751953125E-1; // few bits: n · Ln2High is exact
    private const double Ln2Low = 1.42860682030941723212E-6;
    private const double Lowest = -708.3964185322641; // ln(smallest normal double)
    private const double Highest = 709.782712893384; // the largest double whose exp is finite; at n = 1024, r < 0 keeps p < 1
    private const double ScaleHighest = 710; // exp is +∞ in double above about 709.78

    /// <summary>1.5 · 2⁵²: added to a double below 2⁵¹ in magnitude, it rounds it to an integer held in the low mantissa bits.</summary>
    private const double RoundingShift = 6755399441055744.0;

    /// <param name="x">The exponents.</param>
    /// <param name="zeroBelow">Exponents below it (at least ln of the smallest normal double) give 0: a softmax's floor.</param>
    /// <remarks>As <see cref="SingleExp.Exp(Vector512{float}, float)"/>: clamped for <c>vscalefpd</c>, compared again where the select needs it.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x, double zeroBelow = Lowest)
    {
        if (!Avx512F.IsSupported)
        {
            return Vector512.Create(Exp(x.GetLower(), zeroBelow), Exp(x.GetUpper(), zeroBelow));
        }

        Vector512<double> clamped = Vector512.Min(Vector512.Max(x, Vector512.Create(zeroBelow)), Vector512.Create(ScaleHighest));
        Vector512<double> n = Vector512.Round(clamped * Log2E);
        Vector512<double> r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-Ln2High), clamped);
        r = Vector512.MultiplyAddEstimate(n, Vector512.Create(-Ln2Low), r);
        Vector512<double> p = Polynomial<Vector512<double>, Simd512<double>>(r);
        return Vector512.ConditionalSelect(Vector512.LessThan(x, Vector512.Create(zeroBelow)), Vector512<double>.Zero, Avx512F.Scale(p, n));
    }

    /// <inheritdoc cref="Exp(Vector512{double}, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x, double zeroBelow = Lowest)
    {
        Vector256<double> clamped = Vector256.Min(Vector256.Max(x, Vector256.Create(Lowest)), Vector256.Create(Highest));
        // n rounded to an integer by the shift, which also leaves it in the low bits for the exponent (no int64 conversion
        // before AVX-512).
        Vector256<double> shifted = Vector256.MultiplyAddEstimate(clamped, Vector256.Create(Log2E), Vector256.Create(RoundingShift));
        Vector256<double> n = shifted - Vector256.Create(RoundingShift);
        Vector256<double> r = Vector256.MultiplyAddEstimate(n, Vector256.Create(-Ln2High), clamped);
        r = Vector256.MultiplyAddEstimate(n, Vector256.Create(-Ln2Low), r);
        Vector256<double> p = Polynomial<Vector256<double>, Simd256<double>>(r);
        Vector256<double> result = (p.AsInt64() + (shifted.AsInt64() << 52)).AsDouble();
        result = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256.Create(zeroBelow)), Vector256<double>.Zero, result);
        result = Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256.Create(Highest)), Vector256.Create(double.PositiveInfinity), result);
        return Vector256.ConditionalSelect(Vector256.Equals(x, x), result, x);
    }

    /// <inheritdoc cref="Exp(Vector512{double}, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Exp(Vector128<double> x, double zeroBelow = Lowest)
    {
        Vector128<double> clamped = Vector128.Min(Vector128.Max(x, Vector128.Create(Lowest)), Vector128.Create(Highest));
        Vector128<double> shifted = Vector128.MultiplyAddEstimate(clamped, Vector128.Create(Log2E), Vector128.Create(RoundingShift));
        Vector128<double> n = shifted - Vector128.Create(RoundingShift);
        Vector128<double> r = Vector128.MultiplyAddEstimate(n, Vector128.Create(-Ln2High), clamped);
        r = Vector128.MultiplyAddEstimate(n, Vector128.Create(-Ln2Low), r);
        Vector128<double> p = Polynomial<Vector128<double>, Simd128<double>>(r);
        Vector128<double> result = (p.AsInt64() + (shifted.AsInt64() << 52)).AsDouble();
        result = Vector128.ConditionalSelect(Vector128.LessThan(x, Vector128.Create(zeroBelow)), Vector128<double>.Zero, result);
        result = Vector128.ConditionalSelect(Vector128.GreaterThan(x, Vector128.Create(Highest)), Vector128.Create(double.PositiveInfinity), result);
        return Vector128.ConditionalSelect(Vector128.Equals(x, x), result, x);
    }

    /// <summary><c>e^r</c> for <c>|r| ≤ ln 2 / 2</c>: Σ rᵏ/k! to k = 12, in Horner's form down to the 1, rounded once there.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Polynomial<TVector, TSimd>(TVector r)
        where TSimd : ISimdWidth<TVector, double>
    {
        TVector p = TSimd.Broadcast(1.0 / 479001600);
        p = TSimd.MultiplyAdd(p, r, TSimd.Broadcast(1.0 / 39916800));
        p = TSimd.MultiplyAdd(p, r, TSimd.Broadcast(1.0 / 3628800));
        p = TSimd.MultiplyAdd(p, r, TSimd.Broadcast(1.0 / 362880));
        p = TSimd.MultiplyAdd(p, r, TSimd.Broadcast(1.0 / 40320));
        p = TSimd.MultiplyAdd(p, r, TSimd.Broadcast(1.0 / 5040));
        p = TSimd.MultiplyAdd(p, r, TSimd.Broadcast(1.0 / 720));
        p = TSimd.MultiplyAdd(p, r, TSimd.Broadcast(1.0 / 120));
        p = TSimd.MultiplyAdd(p, r, TSimd.Broadcast(1.0 / 24));
        p = TSimd.MultiplyAdd(p, r, TSimd.Broadcast(1.0 / 6));
        p = TSimd.MultiplyAdd(p, r, TSimd.Broadcast(0.5));
        p = TSimd.MultiplyAdd(p, r, TSimd.Broadcast(1.0));
        return TSimd.MultiplyAdd(p, r, TSimd.Broadcast(1.0));
    }
}
