using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;

namespace AttentionGen.Benchmarks;

/// <summary>
/// A decode step over a 32K- and a 128K-token cache (32 query heads over 8 key/value heads, d = 128; 256 MiB and 1 GiB
/// of keys and values), against a plain streaming sum over the same keys and values: the read bandwidth one core gets.
/// A decode step reads each key and value once and does little with it, so that bandwidth is its ceiling.
/// </summary>
[MemoryDiagnoser]
public class LongDecodeBenchmarks
{
    private float[] _query = Array.Empty<float>();
    private float[] _key = Array.Empty<float>();
    private float[] _value = Array.Empty<float>();
    private float[] _output = Array.Empty<float>();

    [ParamsSource(nameof(CacheLengths))]
    public int CacheTokens { get; set; }

    public static IEnumerable<int> CacheLengths => new[] { Decode32K.KeySeqLen, Decode128K.KeySeqLen };

    /// <summary>Bytes of keys and values a step reads.</summary>
    public static double BytesRead(int cacheTokens) => 2.0 * Decode32K.KeyValueHeads * cacheTokens * Decode32K.HeadDim * sizeof(float);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _query = AttentionBenchmarks.Fill(random, Decode32K.QueryLength);
        _key = AttentionBenchmarks.Fill(random, Decode32K.KeyValueHeads * CacheTokens * Decode32K.HeadDim);
        _value = AttentionBenchmarks.Fill(random, Decode32K.KeyValueHeads * CacheTokens * Decode32K.ValueDim);
        _output = new float[Decode32K.OutputLength];
        Decode(); // the thread's workspace is taken on the first call, before anything is measured
    }

    [Benchmark]
    public void Decode()
    {
        if (CacheTokens == Decode32K.KeySeqLen)
        {
            Decode32K.Compute(_query, _key, _value, validKeys: CacheTokens, causalOffset: CacheTokens - 1, _output);
        }
        else
        {
            Decode128K.Compute(_query, _key, _value, validKeys: CacheTokens, causalOffset: CacheTokens - 1, _output);
        }
    }

    [Benchmark]
    public float ReadBandwidth() => StreamingSum(_key) + StreamingSum(_value);

    /// <summary>Sums a buffer in whole vectors, four independent accumulators: nothing but the loads limits it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float StreamingSum(float[] buffer)
    {
        ref float start = ref MemoryMarshal.GetArrayDataReference(buffer);
        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
        nuint length = (nuint)buffer.Length, step = (nuint)Vector256<float>.Count * 4, i = 0;
        for (; i + step <= length; i += step)
        {
            s0 += Vector256.LoadUnsafe(ref start, i);
            s1 += Vector256.LoadUnsafe(ref start, i + (nuint)Vector256<float>.Count);
            s2 += Vector256.LoadUnsafe(ref start, i + 2 * (nuint)Vector256<float>.Count);
            s3 += Vector256.LoadUnsafe(ref start, i + 3 * (nuint)Vector256<float>.Count);
        }

        return Vector256.Sum((s0 + s1) + (s2 + s3));
    }
}
