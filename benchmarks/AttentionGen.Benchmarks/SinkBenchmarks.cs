using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;

namespace AttentionGen.Benchmarks;

/// <summary>
/// A gpt-oss decode step (64 query heads over 8 key/value heads, d = 64, a 4K cache, sinks), alone and with gpt-oss's
/// 128-key window, against ONNX Runtime's <c>GroupQueryAttention</c> (<c>head_sink</c>, <c>local_window_size</c>) on one
/// thread: a second oracle no one here wrote. Setup compares the outputs and throws if they differ, before anything is timed.
/// ONNX Runtime's <c>local_window_size = W</c> lets a row attend W keys, its own included: <c>LeftWindow = W − 1</c> here
/// (found by this very comparison; <c>W = LeftWindow</c> differs by 1000× the tolerance).
/// </summary>
[MemoryDiagnoser]
public class SinkBenchmarks
{
    private const int Past = GptOssDecode.KeySeqLen - 1;
    private float[] _query = [], _key = [], _value = [], _sinks = [], _output = [];
    private OnnxGroupQueryAttention? _onnx, _onnxWindow;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        _query = AttentionBenchmarks.Fill(random, GptOssDecode.QueryLength);
        _key = AttentionBenchmarks.Fill(random, GptOssDecode.KeyLength);
        _value = AttentionBenchmarks.Fill(random, GptOssDecode.ValueLength);
        _sinks = AttentionBenchmarks.Fill(random, GptOssDecode.Heads).Select(x => 2 * x).ToArray();
        _output = new float[GptOssDecode.OutputLength];
        _onnx = new OnnxGroupQueryAttention(_query, _key, _value, _sinks, localWindow: -1);
        _onnxWindow = new OnnxGroupQueryAttention(_query, _key, _value, _sinks, localWindow: GptOssWindowDecode.Descriptor.LeftWindow + 1);
        Compare("GptOssDecode", () => Generated(), _onnx);
        Compare("GptOssWindowDecode", () => GeneratedWindow(), _onnxWindow);
    }

    [Benchmark(Baseline = true)]
    public void Generated() => GptOssDecode.Compute(_query, _key, _value, causalOffset: Past, _sinks, _output);

    [Benchmark]
    public void OnnxRuntime() => _onnx!.Run();

    [Benchmark]
    public void GeneratedWindow() => GptOssWindowDecode.Compute(_query, _key, _value, causalOffset: Past, _sinks, _output);

    [Benchmark]
    public void OnnxRuntimeWindow() => _onnxWindow!.Run();

    [GlobalCleanup]
    public void Cleanup()
    {
        _onnx?.Dispose();
        _onnxWindow?.Dispose();
    }

    private void Compare(string kernel, Action generated, OnnxGroupQueryAttention onnx)
    {
        generated();
        onnx.Run();
        double worst = _output.Select((x, i) => Math.Abs(x - onnx.Output[i]) / (1e-5 + 1e-4 * Math.Abs(onnx.Output[i]))).Max();
        if (!(worst <= 1))
        {
            throw new InvalidOperationException($"{kernel} and ONNX Runtime's GroupQueryAttention differ: worst error {worst:F1}× the tolerance 1e-5 + 1e-4·|y|.");
        }
    }

    /// <summary>The step as GroupQueryAttention takes it: the cache's first 4095 keys as past_key, the last as the new key.</summary>
    private sealed class OnnxGroupQueryAttention : IDisposable
    {
        private readonly InferenceSession _session;
        private readonly OrtIoBinding _binding;
        private readonly RunOptions _runOptions = new();
        private readonly List<OrtValue> _values = new();

        public OnnxGroupQueryAttention(float[] query, float[] key, float[] value, float[] sinks, int localWindow)
        {
            const int heads = GptOssDecode.Heads, kvHeads = GptOssDecode.KeyValueHeads, d = GptOssDecode.HeadDim, keys = GptOssDecode.KeySeqLen;
            using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
            _session = new InferenceSession(OnnxAttentionModel.BuildGroupQueryAttention(heads, kvHeads, d, Past, localWindow, sinks: true), options);
            _binding = _session.CreateIoBinding();
            float[] Past_(float[] cache) => Enumerable.Range(0, kvHeads).SelectMany(h => cache.Skip(h * keys * d).Take(Past * d)).ToArray();
            float[] Newest(float[] cache) => Enumerable.Range(0, kvHeads).SelectMany(h => cache.Skip((h * keys + Past) * d).Take(d)).ToArray();
            Bind("Q", query, new long[] { 1, 1, heads * d });
            Bind("K", Newest(key), new long[] { 1, 1, kvHeads * d });
            Bind("V", Newest(value), new long[] { 1, 1, kvHeads * d });
            Bind("PK", Past_(key), new long[] { 1, kvHeads, Past, d });
            Bind("PV", Past_(value), new long[] { 1, kvHeads, Past, d });
            Bind("SL", new[] { keys - 1 }, new long[] { 1 });
            Bind("T", new[] { keys }, Array.Empty<long>());
            Bind("S", sinks, new long[] { heads });
            Output = new float[heads * d];
            BindOutput("Y", Output, new long[] { 1, 1, heads * d });
            BindOutput("PKo", new float[kvHeads * keys * d], new long[] { 1, kvHeads, keys, d });
            BindOutput("PVo", new float[kvHeads * keys * d], new long[] { 1, kvHeads, keys, d });
        }

        public float[] Output { get; }

        public void Run() => _session.RunWithBinding(_runOptions, _binding);

        public void Dispose()
        {
            _binding.Dispose();
            _runOptions.Dispose();
            _session.Dispose();
            _values.ForEach(value => value.Dispose());
        }

        private void Bind<T>(string name, T[] data, long[] shape)
            where T : unmanaged
        {
            OrtValue value = OrtValue.CreateTensorValueFromMemory(data, shape);
            _values.Add(value);
            _binding.BindInput(name, value);
        }

        private void BindOutput(string name, float[] data, long[] shape)
        {
            OrtValue value = OrtValue.CreateTensorValueFromMemory(data, shape);
            _values.Add(value);
            _binding.BindOutput(name, value);
        }
    }
}

[AttentionKernel(HeadDim = 64, SeqLen = 1, KeySeqLen = 4096, Heads = 64, KeyValueHeads = 8, Mask = AttentionMask.Causal, Sinks = true)]
internal static partial class GptOssDecode { }

[AttentionKernel(HeadDim = 64, SeqLen = 1, KeySeqLen = 4096, Heads = 64, KeyValueHeads = 8, Mask = AttentionMask.Causal, Sinks = true, LeftWindow = 128)]
internal static partial class GptOssWindowDecode { }
