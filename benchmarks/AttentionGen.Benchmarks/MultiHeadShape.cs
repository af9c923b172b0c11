using System;

namespace AttentionGen.Benchmarks;

/// <summary>A benchmarked multi-head shape: its kernel's single-threaded <c>Compute</c> and its <c>ComputeInParallel</c>.</summary>
public sealed class MultiHeadShape
{
    private delegate void Call(ReadOnlySpan<float> query, ReadOnlySpan<float> key, ReadOnlySpan<float> value, Span<float> output);

    private readonly Call _oneThread, _allCores;

    private MultiHeadShape(string name, int heads, int seqLen, int headDim, Call oneThread, Call allCores)
    {
        (Name, Heads, SeqLen, HeadDim, _oneThread, _allCores) = (name, heads, seqLen, headDim, oneThread, allCores);
    }

    /// <summary>performance.md's multi-core target: from n = 256, with two heads and more.</summary>
    public static readonly MultiHeadShape[] All =
    {
        new("2 heads 256x64", 2, 256, 64, Heads2x256x64.Compute, Heads2x256x64.ComputeInParallel),
        new("8 heads 256x64", 8, 256, 64, Heads8x256x64.Compute, Heads8x256x64.ComputeInParallel),
        new("8 heads 512x64", 8, 512, 64, Heads8x512x64.Compute, Heads8x512x64.ComputeInParallel),
    };

    public string Name { get; }

    public int Heads { get; }

    public int SeqLen { get; }

    public int HeadDim { get; }

    /// <summary>Elements of each of query, key, value and output.</summary>
    public int Length => Heads * SeqLen * HeadDim;

    public void OneThread(float[] query, float[] key, float[] value, float[] output) => _oneThread(query, key, value, output);

    public void AllCores(float[] query, float[] key, float[] value, float[] output) => _allCores(query, key, value, output);

    public override string ToString() => Name;
}
