using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;

namespace AttentionGen.Benchmarks;

/// <summary>
/// Several heads: one generated kernel's <c>Compute</c> on one thread (the baseline) against its <c>ComputeInParallel</c>,
/// which shares the heads out across every core.
/// </summary>
[MemoryDiagnoser]
public class MultiCoreBenchmarks
{
    private float[] _query = Array.Empty<float>();
    private float[] _key = Array.Empty<float>();
    private float[] _value = Array.Empty<float>();
    private float[] _output = Array.Empty<float>();

    [ParamsSource(nameof(Shapes))]
    public MultiHeadShape Shape { get; set; } = MultiHeadShape.All[0];

    public static IEnumerable<MultiHeadShape> Shapes => MultiHeadShape.All;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _query = AttentionBenchmarks.Fill(random, Shape.Length);
        _key = AttentionBenchmarks.Fill(random, Shape.Length);
        _value = AttentionBenchmarks.Fill(random, Shape.Length);
        _output = new float[Shape.Length];
        var expected = new float[Shape.Length];
        Shape.OneThread(_query, _key, _value, expected);
        Shape.AllCores(_query, _key, _value, _output);
        if (!expected.AsSpan().SequenceEqual(_output))
        {
            throw new InvalidOperationException($"{Shape}: ComputeInParallel does not write what Compute writes.");
        }
    }

    [Benchmark(Baseline = true)]
    public void OneThread() => Shape.OneThread(_query, _key, _value, _output);

    [Benchmark]
    public void AllCores() => Shape.AllCores(_query, _key, _value, _output);
}
