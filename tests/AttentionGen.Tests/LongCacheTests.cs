using System;
using AttentionGen.Tests.Kernels;
using AttentionGen.Tests.Reference;
using AttentionGen.Tests.Support;
using Shouldly;
using Xunit;
using static AttentionGen.AttentionScoreStage;

namespace AttentionGen.Tests;

// Keys up to the limit, 131,072: a decode step over a 128K-token cache (grouped-query, causal and padding), and a row at a
// time under a Boolean mask, whose score row and attended-key list (1 MiB) live in the thread's workspace.

[AttentionKernel(HeadDim = 16, SeqLen = 1, KeySeqLen = 131072, Heads = 8, KeyValueHeads = 2, Mask = AttentionMask.Causal | AttentionMask.KeyPadding)]
internal static partial class Decode128K { }

[AttentionKernel(HeadDim = 8, SeqLen = 2, KeySeqLen = 131072, Mask = AttentionMask.Boolean)]
internal static partial class Masked128K { }

/// <summary>
/// 128K-key kernels agree with the double reference on both paths, with NaN planted in the cache's padded tail and in
/// every key the mask hides, and allocate nothing once the thread's workspace is taken.
/// </summary>
public class LongCacheTests
{
    private static readonly KernelUnderTest<float> Decode = new(nameof(Decode128K),
        new AttentionProblem(16, 1, KeySeqLen: 131072, Heads: 8, KeyValueHeads: 2, Mask: AttentionMask.Causal | AttentionMask.KeyPadding),
        static (q, k, v, m, b, n, c, x, o, w, s, l) =>
        {
            if (!l.IsEmpty)
            {
                Decode128K.ComputeWithLogSumExp(q, k, v, validKeys: n, causalOffset: c, o, l);
            }
            else if (w.IsEmpty)
            {
                Decode128K.Compute(q, k, v, validKeys: n, causalOffset: c, o);
            }
            else if (s == Probabilities)
            {
                Decode128K.Compute(q, k, v, validKeys: n, causalOffset: c, o, w);
            }
            else
            {
                Decode128K.Compute(q, k, v, validKeys: n, causalOffset: c, o, w, s);
            }
        });

    private static readonly KernelUnderTest<float> Masked = new(nameof(Masked128K),
        new AttentionProblem(8, 2, KeySeqLen: 131072, Mask: AttentionMask.Boolean),
        static (q, k, v, m, b, n, c, x, o, w, s, l) =>
        {
            if (!l.IsEmpty)
            {
                Masked128K.ComputeWithLogSumExp(q, k, v, m, o, l);
            }
            else if (w.IsEmpty)
            {
                Masked128K.Compute(q, k, v, m, o);
            }
            else if (s == Probabilities)
            {
                Masked128K.Compute(q, k, v, m, o, w);
            }
            else
            {
                Masked128K.Compute(q, k, v, m, o, w, s);
            }
        });

    [Fact]
    public void A_decode_step_over_a_128K_cache_matches_the_reference()
    {
        AttentionProblem p = Decode.Problem;
        Random random = TestData.RandomFor(nameof(A_decode_step_over_a_128K_cache_matches_the_reference));
        float[] q = TestData.Uniform(random, p.QueryLength), k = TestData.Uniform(random, p.KeyLength), v = TestData.Uniform(random, p.ValueLength);
        const int validKeys = 131072 - 1000, causalOffset = validKeys - 300; // the query sits 300 keys before the cache's end
        TestData.Poison(p, k, v, TestData.FirstKeyMaskedForAllRows(p, validKeys, causalOffset), float.NaN);
        DifferentialTests.CheckAgainstReference(Decode, q, k, v, new CallArguments(validKeys, causalOffset), "decode over 128K keys");
    }

    [Fact]
    public void A_boolean_mask_over_128K_keys_matches_the_reference()
    {
        AttentionProblem p = Masked.Problem;
        Random random = TestData.RandomFor(nameof(A_boolean_mask_over_128K_keys_matches_the_reference));
        float[] q = TestData.Uniform(random, p.QueryLength), k = TestData.Uniform(random, p.KeyLength), v = TestData.Uniform(random, p.ValueLength);
        (bool[]? mask, _) = TestData.Masks(p, random, perHead: false);
        TestData.Poison(p, k, v, TestData.KeyMaskedEverywhere(p), float.NaN, single: true);
        DifferentialTests.CheckAgainstReference(Masked, q, k, v, new CallArguments(Mask: mask), "Boolean mask over 128K keys");
    }

    [Fact]
    public void Calls_over_128K_keys_allocate_nothing_once_the_workspace_is_taken()
    {
        float[] q = new float[Decode128K.QueryLength], k = new float[Decode128K.KeyLength], v = new float[Decode128K.ValueLength];
        float[] o = new float[Decode128K.OutputLength];
        Decode128K.Compute(q, k, v, validKeys: 131072, causalOffset: 131071, o);
        AllocationProbe.LeastAllocated(() =>
        {
            for (int i = 0; i < 5; i++)
            {
                Decode128K.Compute(q, k, v, validKeys: 131072, causalOffset: 131071, o);
            }
        }).ShouldBe(0);

        float[] mq = new float[Masked128K.QueryLength], mk = new float[Masked128K.KeyLength], mv = new float[Masked128K.ValueLength];
        float[] mo = new float[Masked128K.OutputLength];
        bool[] mask = new bool[Masked128K.SeqLen * Masked128K.KeySeqLen];
        Array.Fill(mask, true);
        Masked128K.Compute(mq, mk, mv, mask, mo);
        AllocationProbe.LeastAllocated(() =>
        {
            for (int i = 0; i < 5; i++)
            {
                Masked128K.Compute(mq, mk, mv, mask, mo);
            }
        }).ShouldBe(0);
    }
}
