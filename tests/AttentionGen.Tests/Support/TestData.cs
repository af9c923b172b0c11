using System;
using System.Linq;
using AttentionGen.Tests.Reference;

namespace AttentionGen.Tests.Support;

/// <summary>Deterministic inputs: seeded from a stable hash of a name, never from the run.</summary>
public static class TestData
{
    public static Random RandomFor(string name) => new(name.Aggregate(17, (hash, c) => unchecked(hash * 31 + c)));

    public static float[] Uniform(Random random, int length, float magnitude = 1)
        => Enumerable.Range(0, length).Select(_ => (random.NextSingle() * 2 - 1) * magnitude).ToArray();

    /// <summary>
    /// Sets every element of the key and value rows <c>j ≥ firstMasked</c> of every key/value head to
    /// <paramref name="poison"/>: keys that the masks hide from every query row, whose contents must never matter.
    /// </summary>
    public static void Poison(AttentionProblem p, float[] key, float[] value, int firstMasked, float poison, bool single = false)
        => Poison(p, key, value, firstMasked, single ? firstMasked + 1 : p.Keys, poison);

    /// <summary>Sets the key and value rows <c>start … end − 1</c> of every key/value head to <paramref name="poison"/>.</summary>
    public static void Poison(AttentionProblem p, float[] key, float[] value, int start, int end, float poison)
    {
        bool interleaved = p.Layout == AttentionLayout.Interleaved;
        for (int g = 0; g < p.KvHeads; g++)
        {
            for (int j = start; j < Math.Min(end, p.Keys); j++)
            {
                for (int c = 0; c < p.KeyWidth; c++)
                {
                    key[ReferenceAttention.Index(interleaved, g, j, c, p.KvHeads, p.Keys, p.KeyWidth)] = poison;
                }

                for (int c = 0; c < p.Values; c++)
                {
                    value[ReferenceAttention.Index(interleaved, g, j, c, p.KvHeads, p.Keys, p.Values)] = poison;
                }
            }
        }
    }

    /// <summary>Rounds the values to what the kernel's element type stores (Half), in place, so the reference sees the kernel's inputs.</summary>
    public static void RoundToStorage(Kernels.KernelUnderTest kernel, params float[]?[] arrays)
    {
        if (kernel is not Kernels.KernelUnderTest<Half>)
        {
            return;
        }

        foreach (float[]? values in arrays)
        {
            for (int i = 0; values is not null && i < values.Length; i++)
            {
                values[i] = (float)(Half)values[i];
            }
        }
    }

    /// <summary>
    /// Sink logits for a kernel that takes them (else null): random in [−3, 3), but −∞ (no sink) for every third head and
    /// 8 (a sink that outweighs most keys) for the second.
    /// </summary>
    public static float[]? Sinks(AttentionProblem p, Random random)
        => p.Sinks
            ? Enumerable.Range(0, p.Heads).Select(h => h % 3 == 2 ? float.NegativeInfinity : h == 1 ? 8f : random.NextSingle() * 6 - 3).ToArray()
            : null;

    /// <summary>The key that <see cref="Masks"/> hides from every row of every head.</summary>
    public static int KeyMaskedEverywhere(AttentionProblem p) => p.Keys / 2;

    /// <summary>
    /// The Boolean mask and the additive bias the problem's masks need (null where it has none), random but for three
    /// planted rows of the first matrix: row 0 with exactly one open key, row 1 with none, and
    /// <see cref="KeyMaskedEverywhere"/> masked in every row. Biases are in [−2, 2) with about one in six −∞.
    /// </summary>
    public static (bool[]? Mask, float[]? Bias) Masks(AttentionProblem p, Random random, bool perHead)
    {
        bool boolean = (p.Mask & AttentionMask.Boolean) != 0;
        bool additive = (p.Mask & AttentionMask.Additive) != 0;
        int length = (perHead ? p.Heads : 1) * p.SeqLen * p.Keys;
        bool[]? mask = boolean ? Enumerable.Range(0, length).Select(_ => random.NextDouble() < 0.7).ToArray() : null;
        float[]? bias = additive
            ? Enumerable.Range(0, length).Select(_ => random.NextDouble() < 1.0 / 6 ? float.NegativeInfinity : random.NextSingle() * 4 - 2).ToArray()
            : null;
        for (int at = 0; at < length; at++)
        {
            int row = at / p.Keys % p.SeqLen, j = at % p.Keys;
            bool firstMatrix = at < p.SeqLen * p.Keys;
            bool open = !(firstMatrix && row == 0 && j != 0) && !(firstMatrix && row == 1) && j != KeyMaskedEverywhere(p);
            bool forceOpen = firstMatrix && row == 0 && j == 0;
            if (mask is not null)
            {
                mask[at] = forceOpen || (open && mask[at]);
            }

            if (bias is not null && (!open || forceOpen))
            {
                bias[at] = forceOpen ? 0.5f : float.NegativeInfinity;
            }
        }

        return (mask, bias);
    }

    /// <summary>The first key that the causal and padding masks hide from every query row.</summary>
    public static int FirstKeyMaskedForAllRows(AttentionProblem p, int validKeys, int causalOffset)
    {
        int bound = (p.Mask & AttentionMask.KeyPadding) != 0 ? validKeys : p.Keys;
        if ((p.Mask & AttentionMask.Causal) != 0)
        {
            bound = (int)Math.Min(bound, Math.Clamp((long)p.SeqLen + causalOffset, 0, p.Keys));
        }

        if (p.RightWindow >= 0)
        {
            bound = (int)Math.Min(bound, Math.Clamp((long)p.SeqLen + causalOffset + p.RightWindow, 0, p.Keys));
        }

        return bound;
    }

    /// <summary>How many leading keys the left window hides from every query row (the first row's window starts latest but one).</summary>
    public static int KeysBeforeEveryWindow(AttentionProblem p, int causalOffset)
        => p.LeftWindow < 0 ? 0 : (int)Math.Clamp((long)causalOffset - p.LeftWindow, 0, p.Keys);
}
