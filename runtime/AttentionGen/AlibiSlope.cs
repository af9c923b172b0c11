using System;

namespace AttentionGen;

/// <summary>
/// ALiBi's slopes (BLOOM, MPT; ggml's formula): with <c>n = 2^⌊log₂ heads⌋</c>, <c>m₀ = 2^(−maxBias/n)</c> and
/// <c>m₁ = 2^(−maxBias/(2n))</c>, head <c>h</c>'s slope is <c>m₀^(h+1)</c> for <c>h &lt; n</c> and <c>m₁^(2(h−n)+1)</c>
/// otherwise. This file is compiled into the generator too, so generated kernels and the generic path use one formula.
/// </summary>
internal static class AlibiSlope
{
    /// <summary>Head <paramref name="head"/>'s slope of <paramref name="heads"/> with maximum bias <paramref name="maxBias"/>.</summary>
    public static double Of(int heads, double maxBias, int head)
    {
        int n = 1;
        while (n * 2 <= heads)
        {
            n *= 2;
        }

        return head < n
            ? Math.Pow(Math.Pow(2, -maxBias / n), head + 1)
            : Math.Pow(Math.Pow(2, -maxBias / (2.0 * n)), 2 * (head - n) + 1);
    }
}
