using System.Collections.Generic;
using BenchmarkDotNet.Attributes;

namespace AttentionGen.Benchmarks;

/// <summary>
/// Issue 11's options table: each option's generated kernel and the generic path with the same option, at 256×64 and
/// 1024×64 (one head), to be read as multiples of the plain float generated kernel of the same size in the same run.
/// </summary>
[MemoryDiagnoser]
public class OptionsBenchmarks
{
    [ParamsSource(nameof(Cases))]
    public OptionCase Case { get; set; } = OptionCase.All[0];

    public static IEnumerable<OptionCase> Cases => OptionCase.All;

    [GlobalSetup]
    public void Setup()
    {
        Case.Generated();
        Case.Generic();
    }

    [Benchmark]
    public void Generated() => Case.Generated();

    [Benchmark]
    public void Generic() => Case.Generic();
}
