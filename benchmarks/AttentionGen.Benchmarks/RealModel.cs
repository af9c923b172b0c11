using System;
using System.Linq;

namespace AttentionGen.Benchmarks;

/// <summary>
/// One row of the real-model table: a generated kernel's call on one thread and on all cores, with the inputs it is
/// given, and the additive mask ONNX Runtime takes for the same computation (its <c>Attention</c> has no key padding).
/// </summary>
public sealed class RealModel
{
    private RealModel(string name, AttentionDescriptor descriptor, Func<RealModel, Action> oneThread, Func<RealModel, Action> allCores,
        Func<AttentionDescriptor, float[]>? bias = null, int validKeys = -1, bool causal = false)
    {
        Name = name;
        Descriptor = descriptor;
        var random = new Random(1);
        Query = AttentionBenchmarks.Fill(random, descriptor.QueryLength);
        Key = AttentionBenchmarks.Fill(random, descriptor.KeyLength);
        Value = AttentionBenchmarks.Fill(random, descriptor.ValueLength);
        Output = new float[descriptor.OutputLength];
        Bias = bias?.Invoke(descriptor) ?? Array.Empty<float>();
        ValidKeys = validKeys;
        Causal = causal;
        OneThread = oneThread(this);
        AllCores = allCores(this);
    }

    public static readonly RealModel[] All =
    {
        new("ViT-B/16, 197 tokens, interleaved", VitBase.Descriptor,
            m => () => VitBase.Compute(m.Query, m.Key, m.Value, m.Output),
            m => () => VitBase.ComputeInParallel(m.Query, m.Key, m.Value, m.Output)),
        new("BERT-base, 128 tokens, 100 valid, KeyPadding", BertBasePadded.Descriptor,
            m => () => BertBasePadded.Compute(m.Query, m.Key, m.Value, 100, m.Output),
            m => () => BertBasePadded.ComputeInParallel(m.Query, m.Key, m.Value, 100, m.Output), validKeys: 100),
        new("BERT-base, 128 tokens, 100 valid, additive −∞ mask", BertBaseBiased.Descriptor,
            m => () => BertBaseBiased.Compute(m.Query, m.Key, m.Value, m.Bias, m.Output),
            m => () => BertBaseBiased.ComputeInParallel(m.Query, m.Key, m.Value, m.Bias, m.Output), bias: d => PaddingMask(d, 100)),
        new("Whisper-base encoder, 1500 frames", WhisperBaseEncoder.Descriptor,
            m => () => WhisperBaseEncoder.Compute(m.Query, m.Key, m.Value, m.Output),
            m => () => WhisperBaseEncoder.ComputeInParallel(m.Query, m.Key, m.Value, m.Output)),
        new("T5-style relative bias, 512 tokens", T5RelativeBias.Descriptor,
            m => () => T5RelativeBias.Compute(m.Query, m.Key, m.Value, m.Bias, m.Output),
            m => () => T5RelativeBias.ComputeInParallel(m.Query, m.Key, m.Value, m.Bias, m.Output), bias: RelativePositionBias),
        new("Llama-style decode, 32/8 heads over 2048", AttentionDecode.Descriptor,
            m => () => AttentionDecode.Compute(m.Query, m.Key, m.Value, AttentionDecode.KeySeqLen - 1, m.Output),
            m => () => AttentionDecode.ComputeInParallel(m.Query, m.Key, m.Value, AttentionDecode.KeySeqLen - 1, m.Output)),
    };

    public string Name { get; }

    public AttentionDescriptor Descriptor { get; }

    public float[] Query { get; }

    public float[] Key { get; }

    public float[] Value { get; }

    public float[] Output { get; }

    /// <summary>The kernel's additive mask, if it takes one.</summary>
    public float[] Bias { get; }

    /// <summary>The kernel's <c>validKeys</c>, or −1.</summary>
    public int ValidKeys { get; }

    /// <summary>Whether ONNX Runtime is told <c>is_causal</c>.</summary>
    public bool Causal { get; }

    public Action OneThread { get; }

    public Action AllCores { get; }

    /// <summary>
    /// The additive mask ONNX Runtime is given: the kernel's own (shared, or one per head), or the padding as 0/−∞ for
    /// the kernel that takes <c>KeyPadding</c>; null when the kernel has no mask.
    /// </summary>
    public (float[] Mask, long[] Shape)? OnnxMask()
    {
        AttentionDescriptor d = Descriptor;
        if (ValidKeys >= 0)
        {
            return (PaddingMask(d, ValidKeys), new long[] { 1, 1, d.SeqLen, d.KeySeqLen });
        }

        return Bias.Length == 0
            ? null
            : (Bias, new long[] { 1, Bias.Length / (d.SeqLen * d.KeySeqLen), d.SeqLen, d.KeySeqLen });
    }

    public override string ToString() => Name;

    /// <summary>Keys from <paramref name="validKeys"/> on hidden from every row: 0 or −∞, shared by the heads.</summary>
    private static float[] PaddingMask(AttentionDescriptor d, int validKeys)
        => Enumerable.Range(0, d.SeqLen * d.KeySeqLen).Select(i => i % d.KeySeqLen < validKeys ? 0f : float.NegativeInfinity).ToArray();

    /// <summary>A per-head bias of the relative position, T5's way: 32 buckets, log-spaced past 8, a learned value each (random here).</summary>
    private static float[] RelativePositionBias(AttentionDescriptor d)
    {
        var random = new Random(2);
        float[][] buckets = Enumerable.Range(0, d.Heads).Select(_ => AttentionBenchmarks.Fill(random, 32)).ToArray();
        static int Bucket(int distance)
        {
            int sign = distance < 0 ? 16 : 0, magnitude = Math.Abs(distance);
            return sign + (magnitude < 8 ? magnitude : Math.Min(15, 8 + (int)(Math.Log(magnitude / 8.0) / Math.Log(128 / 8.0) * 8)));
        }

        return Enumerable.Range(0, d.Heads * d.SeqLen * d.KeySeqLen)
            .Select(at => buckets[at / (d.SeqLen * d.KeySeqLen)][Bucket(at % d.KeySeqLen - at / d.KeySeqLen % d.SeqLen)])
            .ToArray();
    }
}
