using System;
using BenchmarkDotNet.Attributes;

namespace AttentionGen.Benchmarks;

/// <summary>One head, <c>O = softmax(Q Kᵀ / √d) V</c>, fp32: each generated kernel against the generic path on the same data.</summary>
[MemoryDiagnoser]
public class AttentionBenchmarks
{
    private float[] _query = Array.Empty<float>();
    private float[] _key = Array.Empty<float>();
    private float[] _value = Array.Empty<float>();
    private float[] _output = Array.Empty<float>();
    private AttentionDescriptor _descriptor;

    /// <summary>The shape as <c>n×d</c>, plus <c>causal</c>.</summary>
    [Params("16x16", "64x64", "128x64", "512x64 causal")]
    public string Shape { get; set; } = "16x16";

    [GlobalSetup]
    public void Setup()
    {
        _descriptor = Shape switch
        {
            "16x16" => new AttentionDescriptor { HeadDim = 16, SeqLen = 16 },
            "64x64" => new AttentionDescriptor { HeadDim = 64, SeqLen = 64 },
            "128x64" => new AttentionDescriptor { HeadDim = 64, SeqLen = 128 },
            _ => new AttentionDescriptor { HeadDim = 64, SeqLen = 512, Mask = AttentionMask.Causal },
        };
        var random = new Random(1);
        _query = Fill(random, _descriptor.QueryLength);
        _key = Fill(random, _descriptor.KeyLength);
        _value = Fill(random, _descriptor.ValueLength);
        _output = new float[_descriptor.OutputLength];
    }

    [Benchmark(Baseline = true)]
    public void Generic() => Attention.Compute<float>(_descriptor, _query, _key, _value, _output);

    [Benchmark]
    public void Generated()
    {
        switch (Shape)
        {
            case "16x16":
                Attention16x16.Compute(_query, _key, _value, _output);
                break;
            case "64x64":
                Attention64x64.Compute(_query, _key, _value, _output);
                break;
            case "128x64":
                Attention128x64.Compute(_query, _key, _value, _output);
                break;
            default:
                Attention512x64Causal.Compute(_query, _key, _value, _output);
                break;
        }
    }

    private static float[] Fill(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = random.NextSingle() * 2 - 1;
        }

        return values;
    }
}
