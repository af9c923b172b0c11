using System;
using System.Linq;
using AttentionGen.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

// dotnet run -c Release --project benchmarks/AttentionGen.Benchmarks -- [--quick] [--out FOLDER] [BenchmarkDotNet options]
//   --quick  few, short iterations: the whole run in well under two minutes
//   --out    where the markdown table and the SVG chart go (default: BenchmarkDotNet.Artifacts/attention)
// dotnet run -c Release --project benchmarks/AttentionGen.Benchmarks -- --redraw-chart [--out FOLDER]
//   draws the GFLOP/s chart again from the table in FOLDER, running nothing
// dotnet run -c Release --project benchmarks/AttentionGen.Benchmarks -- --interleaved [--out FOLDER]
//   the options and real-model tables for a shared machine: every case timed once per round, each keeping its fastest
bool quick = args.Contains("--quick");
int outAt = Array.IndexOf(args, "--out");
string folder = outAt >= 0 && outAt + 1 < args.Length ? args[outAt + 1] : "BenchmarkDotNet.Artifacts/attention";
if (args.Contains("--redraw-chart"))
{
    Console.WriteLine($"redrew {AttentionReportExporter.RedrawChart(folder)}");
    return;
}

if (args.Contains("--interleaved"))
{
    Console.WriteLine($"wrote {InterleavedOptions.Run(folder)}");
    Console.WriteLine($"wrote {InterleavedRealModels.Run(folder)}");
    return;
}

string[] rest = args.Where((a, i) => a != "--quick" && i != outAt && i != outAt + 1).ToArray();

// Quick: in-process, few short iterations (its allocation column also counts what the harness's own threads allocate).
// Full: BenchmarkDotNet's defaults, each benchmark in a process of its own, so the allocation column is the kernel's alone.
Job job = quick
    ? Job.Default.WithWarmupCount(2).WithIterationCount(5).WithIterationTime(TimeInterval.FromMilliseconds(40)).WithToolchain(InProcessEmitToolchain.Instance)
    : Job.Default;
IConfig config = DefaultConfig.Instance
    .AddJob(job.AsDefault())
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddExporter(new AttentionReportExporter(folder))
    .AddExporter(new OptionsReportExporter(folder))
    .AddExporter(new RealModelReportExporter(folder))
    .AddExporter(new StackOffsetReportExporter(folder))
    .AddExporter(new WindowReportExporter(folder))
    .AddExporter(new SinkReportExporter(folder))
    .WithOptions(ConfigOptions.JoinSummary);

BenchmarkSwitcher.FromTypes(new[] { typeof(PeakFmaBenchmark), typeof(AttentionBenchmarks), typeof(MultiCoreBenchmarks), typeof(LongDecodeBenchmarks), typeof(OptionsBenchmarks),
        typeof(RealModelBenchmarks), typeof(StackOffsetBenchmarks), typeof(WindowBenchmarks), typeof(SinkBenchmarks), typeof(AlibiBenchmarks) })
    .Run(rest.Length == 0 ? new[] { "--filter", "*" } : rest, config);
