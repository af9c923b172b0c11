using System;
using AttentionGen;

namespace AttentionGen.Tests.Reference;

/// <summary>
/// Attention written the plain way, in double precision, straight from api.md: one loop per index, no vectors, no
/// shared code with the library. The generated kernels and the generic path are both checked against it.
/// </summary>
public static class ReferenceAttention
{
    /// <summary>
    /// The output and the weights (the probabilities, or the scores at <paramref name="stage"/>) for inputs laid out as
    /// <paramref name="problem"/> says. <paramref name="mask"/> and <paramref name="bias"/> hold one
    /// <c>[SeqLen, KeySeqLen]</c> matrix for all heads, or one per head.
    /// </summary>
    public static (double[] Output, double[] Weights) Compute(
        AttentionProblem problem, float[] query, float[] key, float[] value, int causalOffset = 0, int validKeys = -1,
        bool[]? mask = null, float[]? bias = null, AttentionScoreStage stage = AttentionScoreStage.Probabilities, AdditiveWeights? additive = null,
        float[]? sinks = null)
    {
        (double[] output, double[] weights, _) = Evaluate(problem, Array.ConvertAll(query, x => (double)x), Array.ConvertAll(key, x => (double)x),
            Array.ConvertAll(value, x => (double)x), causalOffset, validKeys, mask, bias is null ? null : Array.ConvertAll(bias, x => (double)x), stage, additive,
            sinks is null ? null : Array.ConvertAll(sinks, x => (double)x));
        return (output, weights);
    }

    /// <inheritdoc cref="Compute(AttentionProblem, float[], float[], float[], int, int, bool[], float[], AttentionScoreStage, AdditiveWeights, float[])"/>
    public static (double[] Output, double[] Weights) Compute(
        AttentionProblem problem, double[] query, double[] key, double[] value, int causalOffset = 0, int validKeys = -1,
        bool[]? mask = null, double[]? bias = null, AttentionScoreStage stage = AttentionScoreStage.Probabilities, AdditiveWeights? additive = null)
    {
        (double[] output, double[] weights, _) = Evaluate(problem, query, key, value, causalOffset, validKeys, mask, bias, stage, additive, null);
        return (output, weights);
    }

    /// <summary>Each output row's log-sum-exp over its attended keys and its sink: <c>−∞</c> for a row with neither.</summary>
    public static double[] LogSumExp(
        AttentionProblem problem, float[] query, float[] key, float[] value, int causalOffset = 0, int validKeys = -1,
        bool[]? mask = null, float[]? bias = null, float[]? sinks = null)
        => Evaluate(problem, Array.ConvertAll(query, x => (double)x), Array.ConvertAll(key, x => (double)x), Array.ConvertAll(value, x => (double)x),
            causalOffset, validKeys, mask, bias is null ? null : Array.ConvertAll(bias, x => (double)x), AttentionScoreStage.Probabilities, null,
            sinks is null ? null : Array.ConvertAll(sinks, x => (double)x)).LogSumExp;

    private static (double[] Output, double[] Weights, double[] LogSumExp) Evaluate(
        AttentionProblem problem, double[] query, double[] key, double[] value, int causalOffset, int validKeys,
        bool[]? mask, double[]? bias, AttentionScoreStage stage, AdditiveWeights? additive, double[]? sinks)
    {
        int d = problem.HeadDim, n = problem.SeqLen, m = problem.Keys, dv = problem.Values;
        int heads = problem.Heads, kvHeads = problem.KvHeads;
        bool interleaved = problem.Layout == AttentionLayout.Interleaved;
        double scale = problem.Scale != 0 ? problem.Scale
            : problem.Score == AttentionScore.ScaledDotProduct ? 1.0 / Math.Sqrt(d) : 1.0;

        var output = new double[problem.OutputLength];
        var weights = new double[problem.WeightsLength];
        var logSumExp = new double[heads * n];
        var scores = new double[m];
        var masked = new bool[m];
        int matrix = n * m;
        for (int h = 0; h < heads; h++)
        {
            int g = h / (heads / kvHeads);
            for (int i = 0; i < n; i++)
            {
                bool anyOpen = false;
                for (int j = 0; j < m; j++)
                {
                    double b = (problem.Mask & AttentionMask.Additive) != 0 ? bias![bias.Length > matrix ? h * matrix + i * m + j : i * m + j] : 0;
                    masked[j] = ((problem.Mask & AttentionMask.Causal) != 0 && j > (long)i + causalOffset)
                        || ((problem.Mask & AttentionMask.KeyPadding) != 0 && j >= validKeys)
                        || ((problem.Mask & AttentionMask.Boolean) != 0 && !mask![mask.Length > matrix ? h * matrix + i * m + j : i * m + j])
                        || double.IsNegativeInfinity(b)
                        || (problem.LeftWindow >= 0 && (long)i + causalOffset - j > problem.LeftWindow)
                        || (problem.RightWindow >= 0 && j - ((long)i + causalOffset) > problem.RightWindow);
                    anyOpen |= !masked[j];

                    double raw = 0;
                    if (problem.Score == AttentionScore.Additive)
                    {
                        int kd = problem.KeyWidth;
                        for (int u = 0; u < problem.HiddenDim; u++)
                        {
                            double projected = 0;
                            for (int c = 0; c < d; c++)
                            {
                                projected += additive!.QueryProjection[u * d + c] * query[Index(interleaved, h, i, c, heads, n, d)];
                            }

                            for (int c = 0; c < kd; c++)
                            {
                                projected += additive!.KeyProjection[u * kd + c] * key[Index(interleaved, g, j, c, kvHeads, m, kd)];
                            }

                            raw += additive!.ScoreVector[u] * Math.Tanh(projected);
                        }
                    }

                    for (int c = 0; c < d && problem.Score != AttentionScore.Additive; c++)
                    {
                        double q = query[Index(interleaved, h, i, c, heads, n, d)];
                        double k = key[Index(interleaved, g, j, c, kvHeads, m, d)];
                        raw += problem.Score == AttentionScore.Gaussian ? (q - k) * (q - k) : q * k;
                    }

                    double s = problem.Score == AttentionScore.Gaussian ? -scale * raw / 2 : scale * raw;
                    double capped = problem.Softcap > 0 ? problem.Softcap * Math.Tanh(s / problem.Softcap) : s;
                    b -= AlibiSlope(problem, h) * Math.Abs((long)i + causalOffset - j); // ALiBi: after the softcap, as a bias
                    scores[j] = masked[j] ? double.NegativeInfinity : capped + b;
                    if (stage != AttentionScoreStage.Probabilities)
                    {
                        weights[(h * n + i) * m + j] = stage switch
                        {
                            AttentionScoreStage.Scaled => s,
                            AttentionScoreStage.Softcapped => capped,
                            _ => scores[j],
                        };
                    }
                }

                // The sink (gpt-oss): a logit with no value row, in the denominator only.
                double sink = sinks is null ? double.NegativeInfinity : sinks[h];
                int lseAt = interleaved ? i * heads + h : h * n + i;
                if (!anyOpen)
                {
                    logSumExp[lseAt] = sink; // the output row stays 0, and so do the probabilities
                    continue;
                }

                double max = sink;
                for (int j = 0; j < m; j++)
                {
                    if (!masked[j])
                    {
                        max = Math.Max(max, scores[j]);
                    }
                }

                double sum = double.IsNegativeInfinity(sink) ? 0 : Math.Exp(sink - max);
                for (int j = 0; j < m; j++)
                {
                    sum += masked[j] ? 0 : Math.Exp(scores[j] - max);
                }

                logSumExp[lseAt] = max + Math.Log(sum);

                for (int j = 0; j < m; j++)
                {
                    double p = masked[j] ? 0 : Math.Exp(scores[j] - max) / sum;
                    if (stage == AttentionScoreStage.Probabilities)
                    {
                        weights[(h * n + i) * m + j] = p;
                    }

                    for (int c = 0; c < dv && p != 0; c++)
                    {
                        output[Index(interleaved, h, i, c, heads, n, dv)] += p * value[Index(interleaved, g, j, c, kvHeads, m, dv)];
                    }
                }
            }
        }

        return (output, weights, logSumExp);
    }

    /// <summary>ALiBi's slope of head <paramref name="h"/>, from api.md's formula; 0 without ALiBi.</summary>
    private static double AlibiSlope(AttentionProblem problem, int h)
    {
        if (problem.AlibiMaxBias <= 0)
        {
            return 0;
        }

        int n = (int)Math.Pow(2, Math.Floor(Math.Log2(problem.Heads)));
        double m0 = Math.Pow(2, -problem.AlibiMaxBias / n), m1 = Math.Pow(2, -problem.AlibiMaxBias / (2 * n));
        return h < n ? Math.Pow(m0, h + 1) : Math.Pow(m1, 2 * (h - n) + 1);
    }

    /// <summary>Element <c>c</c> of row <c>row</c> of head <c>head</c>, head-major or interleaved.</summary>
    public static int Index(bool interleaved, int head, int row, int column, int heads, int rows, int width)
        => interleaved ? (row * heads + head) * width + column : (head * rows + row) * width + column;
}

/// <summary>The additive score's weights: <c>W_q</c> <c>[HiddenDim, HeadDim]</c>, <c>W_k</c> <c>[HiddenDim, KeyDim]</c>, <c>w</c> <c>[HiddenDim]</c>.</summary>
public sealed record AdditiveWeights(float[] QueryProjection, float[] KeyProjection, float[] ScoreVector);
