using System;

namespace AttentionGen.Benchmarks;

/// <summary>
/// Attention in plain scalar float loops, one head at a time, with the same semantics as the kernels (stable softmax,
/// causal prefix): the "scalar C#" column of performance.md.
/// </summary>
internal static class ScalarAttention
{
    public static void Compute(in AttentionDescriptor d, float[] q, float[] k, float[] v, float[] o, float[] scores, int causalOffset)
    {
        float scale = (float)d.Scale;
        bool causal = (d.Mask & AttentionMask.Causal) != 0;
        for (int h = 0; h < d.Heads; h++)
        {
            int g = h / d.GroupSize;
            for (int i = 0; i < d.SeqLen; i++)
            {
                int keys = causal ? Math.Clamp(i + causalOffset + 1, 0, d.KeySeqLen) : d.KeySeqLen;
                int qRow = (h * d.SeqLen + i) * d.HeadDim;
                float max = float.NegativeInfinity;
                for (int j = 0; j < keys; j++)
                {
                    int kRow = (g * d.KeySeqLen + j) * d.HeadDim;
                    float s = 0;
                    for (int c = 0; c < d.HeadDim; c++)
                    {
                        s += q[qRow + c] * k[kRow + c];
                    }

                    scores[j] = s * scale;
                    max = MathF.Max(max, scores[j]);
                }

                float sum = 0;
                for (int j = 0; j < keys; j++)
                {
                    scores[j] = MathF.Exp(scores[j] - max);
                    sum += scores[j];
                }

                int oRow = (h * d.SeqLen + i) * d.ValueDim;
                for (int c = 0; c < d.ValueDim; c++)
                {
                    float acc = 0;
                    for (int j = 0; j < keys; j++)
                    {
                        acc += scores[j] * v[(g * d.KeySeqLen + j) * d.ValueDim + c];
                    }

                    o[oRow + c] = keys == 0 ? 0 : acc / sum;
                }
            }
        }
    }
}
