using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/AttentionGen.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(AttentionGen.Benchmarks.AttentionBenchmarks).Assembly).Run(args);
