using System;
using System.Linq;

namespace AttentionGen.Tests.Reference;

/// <summary>
/// PyTorch's <c>nn.MultiheadAttention</c> forward pass written the plain way in double precision: the three input
/// projections <c>x·Wᵀ + b</c>, <see cref="ReferenceAttention"/> per head over the interleaved projected rows, the output
/// projection.
/// </summary>
public static class ReferenceLayer
{
    public static double[] Forward(
        int modelDim, int heads, int seqLen, int keySeqLen, AttentionMask mask,
        float[] query, float[] key, float[] value, float[] inProjWeight, float[] inProjBias, float[] outProjWeight, float[] outProjBias,
        bool[]? allowed = null, float[]? bias = null, int validKeys = -1, int causalOffset = 0, int leftWindow = -1)
    {
        double[] q = Project(query, inProjWeight, inProjBias, 0, seqLen, modelDim);
        double[] k = Project(key, inProjWeight, inProjBias, 1, keySeqLen, modelDim);
        double[] v = Project(value, inProjWeight, inProjBias, 2, keySeqLen, modelDim);
        var problem = new AttentionProblem(modelDim / heads, seqLen, KeySeqLen: keySeqLen, Heads: heads, Mask: mask, Layout: AttentionLayout.Interleaved,
            LeftWindow: leftWindow);
        double[] concatenated = ReferenceAttention.Compute(problem, q, k, v, causalOffset, validKeys, allowed,
            bias is null ? null : Array.ConvertAll(bias, x => (double)x)).Output;
        var output = new double[seqLen * modelDim];
        for (int r = 0; r < seqLen; r++)
        {
            for (int o = 0; o < modelDim; o++)
            {
                output[r * modelDim + o] = outProjBias[o] + Enumerable.Range(0, modelDim).Sum(i => concatenated[r * modelDim + i] * outProjWeight[o * modelDim + i]);
            }
        }

        return output;
    }

    /// <summary>Rows times the <paramref name="block"/>-th <c>[E, E]</c> block of <c>in_proj_weight</c>, transposed, plus its bias.</summary>
    private static double[] Project(float[] x, float[] weight, float[] bias, int block, int rows, int modelDim)
    {
        var y = new double[rows * modelDim];
        for (int r = 0; r < rows; r++)
        {
            for (int o = 0; o < modelDim; o++)
            {
                int w = (block * modelDim + o) * modelDim;
                y[r * modelDim + o] = bias[block * modelDim + o] + Enumerable.Range(0, modelDim).Sum(i => (double)x[r * modelDim + i] * weight[w + i]);
            }
        }

        return y;
    }
}
