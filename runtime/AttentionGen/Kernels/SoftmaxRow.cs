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
    /// As <see cref="Exponentiate{T}(Span{T})"/>, with a sink logit in the denominator (<c>−∞</c>: none) and the maximum the
    /// exponentials were taken against, from which the row's log-sum-exp is <c>max − log(normalizer)</c>.
    /// </summary>
    /// <param name="scores">The final scores of the row's attended keys; not empty.</param>
    /// <param name="sink">The head's sink logit, which has no value row, or <c>−∞</c>.</param>
    /// <param name="max">Receives <c>max(sink, max scores)</c>.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Exponentiate<T>(Span<T> scores, T sink, out T max)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        max = T.Max(VectorMath.Max<T>(scores), sink);
        T sum = VectorMath.ExpSubtractMaxAndSum(scores, max);
        return T.One / (T.IsNegativeInfinity(sink) ? sum : sum + T.Exp(sink - max));
    }

    /// <summary>
    /// A row's log-sum-exp, <c>max + log(sum)</c>, from the maximum its exponentials were taken against and their sum (the
    /// sink's included); <c>−∞</c> for a row whose sum is 0 (no key, no sink).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float LogSumExp<T>(T max, T sum)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => sum == T.Zero ? float.NegativeInfinity : float.CreateTruncating(max + T.Log(sum));

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

        VectorMath.ExpSubtractMaxAndScale(row[..keyCount], max, normalizer);
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
