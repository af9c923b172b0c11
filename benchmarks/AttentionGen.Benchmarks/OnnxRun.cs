using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.OnnxRuntime;

namespace AttentionGen.Benchmarks;

/// <summary>A session over the one-node model with its inputs and output bound once, so only the run is timed.</summary>
internal sealed class OnnxRun : IDisposable
{
    private readonly InferenceSession _session;
    private readonly OrtIoBinding _binding;
    private readonly RunOptions _runOptions = new();
    private readonly List<OrtValue> _values = new();

    public OnnxRun(RealModel model, int threads)
    {
        AttentionDescriptor d = model.Descriptor;
        (float[] Mask, long[] Shape)? mask = model.OnnxMask();
        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL;
        _session = new InferenceSession(OnnxAttentionModel.Build(d, model.Causal, mask?.Shape), options);
        _binding = _session.CreateIoBinding();
        Output = new float[d.OutputLength];
        var inputs = new List<(string, float[], long[])>
        {
            ("Q", model.Query, OnnxAttentionModel.Shape(d, "Q")),
            ("K", model.Key, OnnxAttentionModel.Shape(d, "K")),
            ("V", model.Value, OnnxAttentionModel.Shape(d, "V")),
        };
        if (mask is { } m)
        {
            inputs.Add(("M", m.Mask, m.Shape));
        }

        foreach ((string name, float[] data, long[] shape) in inputs)
        {
            OrtValue value = OrtValue.CreateTensorValueFromMemory(data, shape);
            _values.Add(value);
            _binding.BindInput(name, value);
        }

        OrtValue output = OrtValue.CreateTensorValueFromMemory(Output, OnnxAttentionModel.Shape(d, "Y"));
        _values.Add(output);
        _binding.BindOutput("Y", output);
    }

    public float[] Output { get; }

    public void Run() => _session.RunWithBinding(_runOptions, _binding);

    /// <summary>Runs once, and the generated kernel once; throws unless their outputs agree (max difference ≤ 1e-4).</summary>
    public void CheckAgainst(RealModel model)
    {
        Run();
        model.OneThread();
        float worst = Output.Zip(model.Output, (a, b) => MathF.Abs(a - b)).Max();
        if (!(worst <= 1e-4f))
        {
            throw new InvalidOperationException($"ONNX Runtime and the generated kernel differ by {worst} on {model}.");
        }
    }

    public void Dispose()
    {
        _binding.Dispose();
        _runOptions.Dispose();
        _session.Dispose();
        _values.ForEach(value => value.Dispose());
    }
}
