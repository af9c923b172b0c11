using System;
using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;

namespace AttentionGen.Benchmarks;

/// <summary>
/// The same kernels called with the caller's stack 0, 16, 32 and 48 bytes deeper: a kernel whose working memory followed
/// the stack pointer would meet its cache lines at a different offset each time (a double kernel once took 465 µs at one
/// offset and 720 µs at another). Working memory starts on a 64-byte boundary, so the four should time alike.
/// </summary>
[MemoryDiagnoser]
public class StackOffsetBenchmarks
{
    private float[] _query = Array.Empty<float>(), _key = Array.Empty<float>(), _value = Array.Empty<float>(), _output = Array.Empty<float>();
    private double[] _queryD = Array.Empty<double>(), _keyD = Array.Empty<double>(), _valueD = Array.Empty<double>(), _outputD = Array.Empty<double>();

    [Params(0, 16, 32, 48)]
    public int StackOffset { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _query = AttentionBenchmarks.Fill(random, Attention256x64.QueryLength);
        _key = AttentionBenchmarks.Fill(random, Attention256x64.KeyLength);
        _value = AttentionBenchmarks.Fill(random, Attention256x64.ValueLength);
        _output = new float[Attention256x64.OutputLength];
        _queryD = Array.ConvertAll(_query, x => (double)x);
        _keyD = Array.ConvertAll(_key, x => (double)x);
        _valueD = Array.ConvertAll(_value, x => (double)x);
        _outputD = new double[Double256x64.OutputLength];
    }

    [Benchmark(Baseline = true)]
    public void Float() => AtOffset(StackOffset, this, static b => Attention256x64.Compute(b._query, b._key, b._value, b._output));

    [Benchmark]
    public void Double() => AtOffset(StackOffset, this, static b => Double256x64.Compute(b._queryD, b._keyD, b._valueD, b._outputD));

    /// <summary>Calls <paramref name="call"/> from a frame <paramref name="offset"/> bytes deeper (the runtime keeps 16-byte steps).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AtOffset(int offset, StackOffsetBenchmarks benchmarks, Action<StackOffsetBenchmarks> call)
    {
        Span<byte> padding = stackalloc byte[offset];
        padding.Clear(); // used, so the allocation stays
        call(benchmarks);
    }
}
