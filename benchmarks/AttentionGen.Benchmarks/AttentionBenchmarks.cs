using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;

namespace AttentionGen.Benchmarks;

/// <summary>
/// Attention forward, fp32: the generated kernel against the generic path (the baseline), plain scalar loops, and ONNX
/// Runtime's CPU <c>Attention</c> operator (one intra-op thread, inputs and output bound once, so only the run is timed).
/// </summary>
[MemoryDiagnoser]
public class AttentionBenchmarks
{
    private InferenceSession? _session;
    private OrtIoBinding? _binding;
    private RunOptions? _runOptions;
    private readonly List<OrtValue> _ortValues = new();
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
        SetUpOnnxRuntime(d);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _binding?.Dispose();
        _runOptions?.Dispose();
        _session?.Dispose();
        _ortValues.ForEach(value => value.Dispose());
        _ortValues.Clear();
    }

    [Benchmark(Baseline = true)]
    public void Generic() => Attention.Compute<float>(Shape.Descriptor, _query, _key, _value, _output, causalOffset: Shape.CausalOffset);

    [Benchmark]
    public void Generated() => Shape.Generated(_query, _key, _value, _output);

    [Benchmark]
    public void Scalar() => ScalarAttention.Compute(Shape.Descriptor, _query, _key, _value, _output, _scores, Shape.CausalOffset);

    [Benchmark]
    public void OnnxRuntime() => _session!.RunWithBinding(_runOptions!, _binding!);

    /// <summary>
    /// A session over the one-node model, inputs and output bound once. A decode step attends its whole cache, which in
    /// ONNX terms is no mask (its causal frontier without a past is top-left). Before anything is timed, ONNX Runtime's
    /// output must match the generic path's, so the two compute the same thing.
    /// </summary>
    private void SetUpOnnxRuntime(AttentionDescriptor d)
    {
        bool causal = (d.Mask & AttentionMask.Causal) != 0 && d.SeqLen == d.KeySeqLen;
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;
        _session = new InferenceSession(OnnxAttentionModel.Build(d, causal), options);
        _runOptions = new RunOptions();
        _binding = _session.CreateIoBinding();
        var y = new float[d.OutputLength];
        foreach ((string name, float[] data) in new[] { ("Q", _query), ("K", _key), ("V", _value), ("Y", y) })
        {
            OrtValue value = OrtValue.CreateTensorValueFromMemory(data, OnnxAttentionModel.Shape(d, name));
            _ortValues.Add(value);
            if (name == "Y")
            {
                _binding.BindOutput(name, value);
            }
            else
            {
                _binding.BindInput(name, value);
            }
        }

        OnnxRuntime();
        Generic();
        float worst = y.Zip(_output, (a, b) => MathF.Abs(a - b)).Max();
        if (worst > 1e-4f)
        {
            throw new InvalidOperationException($"ONNX Runtime and the generic path differ by {worst} on {Shape}.");
        }
    }

    /// <summary>Uniform values in [−1, 1).</summary>
    internal static float[] Fill(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = random.NextSingle() * 2 - 1;
        }

        return values;
    }
}
