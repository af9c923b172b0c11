using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;

namespace AttentionGen.Benchmarks;

/// <summary>Attention forward, fp32: the generated kernel against the generic path (the baseline) and plain scalar loops.</summary>
[MemoryDiagnoser]
public class AttentionBenchmarks
{
    private float[] _query = Array.Empty<float>();
    private float[] _key = Array.Empty<float>();
    private float[] _value = Array.Empty<float>();
    private float[] _output = Array.Empty<float>();
    private float[] _scores = Array.Empty<float>();

    [ParamsSource(nameof(Shapes))]
    public Shape Shape { get; set; } = Shape.All[0];

    public static IEnumerable<Shape> Shapes => Shape.All;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        AttentionDescriptor d = Shape.Descriptor;
        _query = Fill(random, d.QueryLength);
        _key = Fill(random, d.KeyLength);
        _value = Fill(random, d.ValueLength);
        _output = new float[d.OutputLength];
        _scores = new float[d.KeySeqLen];
    }

    [Benchmark(Baseline = true)]
    public void Generic() => Attention.Compute<float>(Shape.Descriptor, _query, _key, _value, _output, causalOffset: Shape.CausalOffset);

    [Benchmark]
    public void Generated() => Shape.Generated(_query, _key, _value, _output);

    [Benchmark]
    public void Scalar() => ScalarAttention.Compute(Shape.Descriptor, _query, _key, _value, _output, _scores, Shape.CausalOffset);

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
