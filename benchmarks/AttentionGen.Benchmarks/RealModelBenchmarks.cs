using System;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;

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
        _oneThread.CheckAgainst(Model);
        _allCores.CheckAgainst(Model);
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
}
