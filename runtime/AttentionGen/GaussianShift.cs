using System;

namespace AttentionGen;

/// <summary>
/// The Gaussian score's shifted form, <c>Scale·(q·k − ‖k‖²/2)</c>: it differs from the score <c>−Scale·‖q − k‖²/2</c> by
/// <c>Scale·‖q‖²/2</c> per row, which the softmax cancels, and turns the score into a dot product the block loops can
/// compute, but it loses precision as the rows grow. This file is compiled into the generator too, so generated kernels
/// and the generic path change forms at the same magnitude.
/// </summary>
internal static class GaussianShift
{
    /// <summary>
    /// The largest <c>Scale·‖x‖²</c> of a query or key row for which the shifted form keeps its logit error under 2⁻¹²:
    /// that error is about <c>(HeadDim + 2)·u·Scale·‖x‖²</c>, with <c>u</c> the unit roundoff of float or of double.
    /// </summary>
    public static double ExactLimit(int headDim, bool isDouble) => Math.Pow(2, isDouble ? 41 : 12) / (headDim + 2);
}
