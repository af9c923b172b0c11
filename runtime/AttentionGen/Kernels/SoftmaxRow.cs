using System;
using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace AttentionGen.Kernels;

/// <summary>The softmax over one row of scores, shared by the generated kernels and the generic path.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class SoftmaxRow
{
    /// <summary>
    /// Replaces each score <c>s</c> with <c>exp(s − max)</c> and returns <c>1 / Σ exp(s − max)</c>, so that probability
    /// <c>j</c> is <c>scores[j] · result</c>. Normalising is left to the caller, which folds it into the output row.
    /// </summary>
    /// <param name="scores">The final scores (softcapped and biased) of the row's attended keys; not empty.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Exponentiate<T>(Span<T> scores)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        T max = VectorMath.Max<T>(scores);
        return T.One / VectorMath.ExpSubtractMaxAndSum(scores, max);
    }

    /// <summary>
    /// How many leading keys query row <paramref name="row"/> may attend: causal keys <c>j ≤ row + causalOffset</c>,
    /// padded keys <c>j &lt; validKeys</c>. Both masks keep a prefix of the keys, so one count says it all.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CausalKeyCount(int row, int causalOffset, int keyLimit)
        => (int)Math.Clamp((long)row + causalOffset + 1, 0, keyLimit);
}
