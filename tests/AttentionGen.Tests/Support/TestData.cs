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
    public static void Poison(AttentionProblem p, float[] key, float[] value, int firstMasked, float poison)
    {
        bool interleaved = p.Layout == AttentionLayout.Interleaved;
        for (int g = 0; g < p.KvHeads; g++)
        {
            for (int j = firstMasked; j < p.Keys; j++)
            {
                for (int c = 0; c < p.HeadDim; c++)
                {
                    key[ReferenceAttention.Index(interleaved, g, j, c, p.KvHeads, p.Keys, p.HeadDim)] = poison;
                }

                for (int c = 0; c < p.Values; c++)
                {
                    value[ReferenceAttention.Index(interleaved, g, j, c, p.KvHeads, p.Keys, p.Values)] = poison;
                }
            }
        }
    }

    /// <summary>The first key that the causal and padding masks hide from every query row.</summary>
    public static int FirstKeyMaskedForAllRows(AttentionProblem p, int validKeys, int causalOffset)
    {
        int bound = (p.Mask & AttentionMask.KeyPadding) != 0 ? validKeys : p.Keys;
        if ((p.Mask & AttentionMask.Causal) != 0)
        {
            bound = (int)Math.Min(bound, Math.Clamp((long)p.SeqLen + causalOffset, 0, p.Keys));
        }

        return bound;
    }
}
