using System;

namespace AttentionGen.Benchmarks;

/// <summary>A benchmarked shape: its descriptor, the generated kernel for it, and the FLOPs of one call.</summary>
public sealed class Shape
{
    private Shape(string name, AttentionDescriptor descriptor, Action<float[], float[], float[], float[]> generated, int causalOffset = 0)
    {
        Name = name;
        Descriptor = descriptor;
        Generated = generated;
        CausalOffset = causalOffset;
    }

    /// <summary>Every shape of performance.md, in its order, and the decode step; each read from its kernel's <c>Descriptor</c>.</summary>
    public static readonly Shape[] All =
    {
        new("16x16", Attention16x16.Descriptor, (q, k, v, o) => Attention16x16.Compute(q, k, v, o)),
        new("64x64", Attention64x64.Descriptor, (q, k, v, o) => Attention64x64.Compute(q, k, v, o)),
        new("128x64", Attention128x64.Descriptor, (q, k, v, o) => Attention128x64.Compute(q, k, v, o)),
        new("256x64", Attention256x64.Descriptor, (q, k, v, o) => Attention256x64.Compute(q, k, v, o)),
        new("512x64", Attention512x64.Descriptor, (q, k, v, o) => Attention512x64.Compute(q, k, v, o)),
        new("1024x128", Attention1024x128.Descriptor, (q, k, v, o) => Attention1024x128.Compute(q, k, v, o)),
        new("512x64 causal", Attention512x64Causal.Descriptor, (q, k, v, o) => Attention512x64Causal.Compute(q, k, v, o)),
        new("decode 1x2048 d128 32/8 heads", AttentionDecode.Descriptor,
            (q, k, v, o) => AttentionDecode.Compute(q, k, v, causalOffset: 2047, o), causalOffset: 2047),
    };

    public string Name { get; }

    public AttentionDescriptor Descriptor { get; }

    /// <summary>Calls the generated kernel for this shape.</summary>
    public Action<float[], float[], float[], float[]> Generated { get; }

    /// <summary>The causal offset a call passes (a decode step sits at the end of its cache).</summary>
    public int CausalOffset { get; }

    /// <summary>
    /// Multiply-adds count two: <c>2·n_q·n_k·d</c> for the scores and <c>2·n_q·n_k·d_v</c> for the values, per head; a
    /// causal mask keeps <c>n(n+1)/2</c> of the pairs.
    /// </summary>
    public double Flops
    {
        get
        {
            AttentionDescriptor d = Descriptor;
            double pairs = (d.Mask & AttentionMask.Causal) != 0 && d.SeqLen == d.KeySeqLen
                ? d.SeqLen * (d.SeqLen + 1) / 2.0
                : (double)d.SeqLen * d.KeySeqLen;
            return 2.0 * pairs * (d.HeadDim + d.ValueDim) * d.Heads;
        }
    }

    /// <summary>The sequence length the chart plots against.</summary>
    public int N => Descriptor.SeqLen == 1 ? Descriptor.KeySeqLen : Descriptor.SeqLen;

    public override string ToString() => Name;
}
