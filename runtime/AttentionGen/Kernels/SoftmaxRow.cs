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
    /// Turns a row's kept scores (its first <paramref name="keyCount"/> elements; <c>−∞</c> where a mask hides the key)
    /// into probabilities, <c>exp(s − max) · normalizer</c>, and clears the rest of the row; a row with no attended key
    /// (<paramref name="normalizer"/> 0) becomes all 0. The chunked strategies keep scores so, chunk by chunk, until the
    /// row's maximum and sum are known.
    /// </summary>
    public static void ScoresToProbabilities<T>(Span<T> row, int keyCount, T max, T normalizer)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        if (normalizer == T.Zero)
        {
            row.Clear();
            return;
        }

        Span<T> probabilities = row[..keyCount];
        VectorMath.ExpSubtractMaxAndSum(probabilities, max);
        VectorMath.Multiply<T>(probabilities, normalizer, probabilities);
        row[keyCount..].Clear();
    }

    /// <summary>
    /// How many leading keys query row <paramref name="row"/> may attend: causal keys <c>j ≤ row + causalOffset</c>,
    /// padded keys <c>j &lt; validKeys</c>. Both masks keep a prefix of the keys, so one count says it all.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CausalKeyCount(int row, int causalOffset, int keyLimit)
        => (int)Math.Clamp((long)row + causalOffset + 1, 0, keyLimit);
}
