using System;
using System.Collections.Generic;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.ML.OnnxRuntime;

namespace AttentionGen.Benchmarks;

/// <summary>
/// Real models' attention (<see cref="RealModel"/>): the generated kernel against ONNX Runtime's CPU <c>Attention</c>
/// operator, each on one thread and on all cores. Before anything is timed, the two outputs must agree.
/// </summary>
[MemoryDiagnoser]
public class RealModelBenchmarks
{
    private OnnxRun? _oneThread;
    private OnnxRun? _allCores;

    [ParamsSource(nameof(Models))]
    public RealModel Model { get; set; } = RealModel.All[0];

    public static IEnumerable<RealModel> Models => RealModel.All;

    [GlobalSetup]
    public void Setup()
    {
        _oneThread = new OnnxRun(Model, threads: 1);
        _allCores = new OnnxRun(Model, threads: Environment.ProcessorCount);
        foreach (OnnxRun run in new[] { _oneThread, _allCores })
        {
            run.Run();
            Model.OneThread();
            float worst = run.Output.Zip(Model.Output, (a, b) => MathF.Abs(a - b)).Max();
            if (!(worst <= 1e-4f))
            {
                throw new InvalidOperationException($"ONNX Runtime and the generated kernel differ by {worst} on {Model}.");
            }
        }

        Model.AllCores(); // the workers' workspaces are taken before anything is measured
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _oneThread?.Dispose();
        _allCores?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void Generated() => Model.OneThread();

    [Benchmark]
    public void GeneratedAllCores() => Model.AllCores();

    [Benchmark]
    public void OnnxRuntime() => _oneThread!.Run();

    [Benchmark]
    public void OnnxRuntimeAllCores() => _allCores!.Run();

    /// <summary>A session over the one-node model with its inputs and output bound once, so only the run is timed.</summary>
    private sealed class OnnxRun : IDisposable
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

        public void Dispose()
        {
            _binding.Dispose();
            _runOptions.Dispose();
            _session.Dispose();
            _values.ForEach(value => value.Dispose());
        }
    }
}
