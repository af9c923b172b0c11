using System;
using BenchmarkDotNet.Attributes;

namespace AttentionGen.Benchmarks;

/// <summary>
/// ALiBi against the same causal prefill without it (BLOOM-560m's shape: 16 heads of 64, 512 tokens, slopes from
/// <c>AlibiMaxBias = 8</c>), generated and generic. Its steepest heads push far keys' logits a hundred and more below the
/// row's maximum, so this also shows what underflowing probabilities cost.
/// </summary>
[MemoryDiagnoser]
public class AlibiBenchmarks
{
    private static readonly AttentionDescriptor GenericAlibi = BloomPrefill.Descriptor;
    private float[] _query = [], _key = [], _value = [], _output = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        _query = AttentionBenchmarks.Fill(random, BloomPrefill.QueryLength);
        _key = AttentionBenchmarks.Fill(random, BloomPrefill.KeyLength);
        _value = AttentionBenchmarks.Fill(random, BloomPrefill.ValueLength);
        _output = new float[BloomPrefill.OutputLength];
    }

    [Benchmark(Baseline = true)]
    public void Causal() => CausalPrefill.Compute(_query, _key, _value, _output);

    [Benchmark]
    public void Alibi() => BloomPrefill.Compute(_query, _key, _value, _output);

    [Benchmark]
    public void GenericAlibiPath() => Attention.Compute<float>(GenericAlibi, _query, _key, _value, _output);
}
