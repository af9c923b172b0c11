using System;
using System.Linq;
using AttentionGen.Tests.Reference;

namespace AttentionGen.Tests.Support;

/// <summary>
/// Error bounds derived from the arithmetic, not fitted to results. With unit roundoff <c>u</c>, a score formed from
/// <c>d</c> products is off by at most about <c>(d + 4)·u·scale·Σ|q||k|</c> (the softcap cannot enlarge that, its
/// slope being ≤ 1); a probability is then off by at most <c>p·(2Δs + (m + 8)·u)</c>, and the output row by the sum of
/// those over <c>|v|</c> plus its own accumulation <c>(m + 2)·u·max|v|</c>. Each bound carries a factor of 2 for the
/// terms the first-order analysis leaves out.
/// </summary>
public static class Tolerance
{
    /// <summary>The largest error of any score, for inputs bounded by their largest magnitudes.</summary>
    public static double ScoreError(AttentionProblem p, float[] query, float[] key, double unitRoundoff)
    {
        double maxQ = query.Where(float.IsFinite).Select(x => Math.Abs((double)x)).DefaultIfEmpty(0).Max();
        double maxK = key.Where(float.IsFinite).Select(x => Math.Abs((double)x)).DefaultIfEmpty(0).Max();
        double scale = p.Scale != 0 ? p.Scale : p.Score == AttentionScore.ScaledDotProduct ? 1 / Math.Sqrt(p.HeadDim) : 1;
        double raw = p.Score == AttentionScore.Gaussian ? p.HeadDim * (maxQ + maxK) * (maxQ + maxK) / 2 : p.HeadDim * maxQ * maxK;
        return (p.HeadDim + 4) * unitRoundoff * scale * raw;
    }

    /// <summary>
    /// The largest error of an additive score: each projection sums <c>HeadDim + KeyDim</c> products, <c>tanh</c> (slope
    /// ≤ 1) adds a few units of roundoff, and <c>Scale · Σ|w|</c> scales it all.
    /// </summary>
    public static double AdditiveScoreError(AttentionProblem p, float[] query, float[] key, Reference.AdditiveWeights weights, double unitRoundoff)
    {
        static double Max(float[] x) => x.Where(float.IsFinite).Select(v => Math.Abs((double)v)).DefaultIfEmpty(0).Max();
        double projected = p.HeadDim * Max(weights.QueryProjection) * Max(query) + p.KeyWidth * Max(weights.KeyProjection) * Max(key);
        double scale = p.Scale != 0 ? p.Scale : 1;
        return scale * weights.ScoreVector.Sum(w => Math.Abs((double)w)) * ((p.HeadDim + p.KeyWidth + 4) * unitRoundoff * projected + 8 * unitRoundoff);
    }

    public static double Weights(AttentionProblem p, double scoreError, double unitRoundoff)
        => 2 * (2 * scoreError + (p.Keys + 8) * unitRoundoff);

    public static double Output(AttentionProblem p, float[] value, double scoreError, double unitRoundoff)
    {
        double maxV = value.Where(float.IsFinite).Select(x => Math.Abs((double)x)).DefaultIfEmpty(0).Max();
        return 2 * maxV * (2 * scoreError + (2 * p.Keys + 10) * unitRoundoff);
    }
}
