using System;
using BenchmarkDotNet.Attributes;

namespace AttentionGen.Benchmarks;

/// <summary>
/// What a sliding window saves, and what sinks cost: a causal 4096×4096 kernel (d = 64) with and without
/// <c>LeftWindow = 255</c> (a sixteenth of the work), a decode step over a 32K cache with a 4K window against one over a
/// 4K cache (the same keys attended), and that 4K decode step with sinks.
/// </summary>
[MemoryDiagnoser]
public class WindowBenchmarks
{
    private float[] _query = [], _key = [], _value = [], _output = [];
    private float[] _decodeQuery = [], _longKey = [], _longValue = [], _shortKey = [], _shortValue = [], _decodeOutput = [], _sinks = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _query = AttentionBenchmarks.Fill(random, Causal4096.QueryLength);
        _key = AttentionBenchmarks.Fill(random, Causal4096.KeyLength);
        _value = AttentionBenchmarks.Fill(random, Causal4096.ValueLength);
        _output = new float[Causal4096.OutputLength];
        _decodeQuery = AttentionBenchmarks.Fill(random, Decode32KWindow4K.QueryLength);
        _longKey = AttentionBenchmarks.Fill(random, Decode32KWindow4K.KeyLength);
        _longValue = AttentionBenchmarks.Fill(random, Decode32KWindow4K.ValueLength);
        _shortKey = AttentionBenchmarks.Fill(random, Decode4KCache.KeyLength);
        _shortValue = AttentionBenchmarks.Fill(random, Decode4KCache.ValueLength);
        _decodeOutput = new float[Decode4KCache.OutputLength];
        _sinks = AttentionBenchmarks.Fill(random, Decode4KSinks.Heads);
    }

    [Benchmark(Baseline = true)]
    public void Causal() => Causal4096.Compute(_query, _key, _value, _output);

    [Benchmark]
    public void CausalWindow255() => Causal4096Window255.Compute(_query, _key, _value, _output);

    [Benchmark]
    public void Decode4K() => Decode4KCache.Compute(_decodeQuery, _shortKey, _shortValue, causalOffset: Decode4KCache.KeySeqLen - 1, _decodeOutput);

    [Benchmark]
    public void Decode32KWindow() => Decode32KWindow4K.Compute(_decodeQuery, _longKey, _longValue, causalOffset: Decode32KWindow4K.KeySeqLen - 1, _decodeOutput);

    [Benchmark]
    public void Decode4KWithSinks() => Decode4KSinks.Compute(_decodeQuery, _shortKey, _shortValue, causalOffset: Decode4KSinks.KeySeqLen - 1, _sinks, _decodeOutput);
}

[AttentionKernel(HeadDim = 64, SeqLen = 4096, Mask = AttentionMask.Causal)]
internal static partial class Causal4096 { }

[AttentionKernel(HeadDim = 64, SeqLen = 4096, Mask = AttentionMask.Causal, LeftWindow = 255)]
internal static partial class Causal4096Window255 { }

[AttentionKernel(HeadDim = 64, SeqLen = 1, KeySeqLen = 4096, Heads = 32, KeyValueHeads = 8, Mask = AttentionMask.Causal)]
internal static partial class Decode4KCache { }

[AttentionKernel(HeadDim = 64, SeqLen = 1, KeySeqLen = 32768, Heads = 32, KeyValueHeads = 8, Mask = AttentionMask.Causal, LeftWindow = 4095)]
internal static partial class Decode32KWindow4K { }

[AttentionKernel(HeadDim = 64, SeqLen = 1, KeySeqLen = 4096, Heads = 32, KeyValueHeads = 8, Mask = AttentionMask.Causal, Sinks = true)]
internal static partial class Decode4KSinks { }
