using System;
using System.Linq;
using BenchmarkDotNet.Reports;

namespace AttentionGen.Benchmarks;

/// <summary>The results the table exporters read from a summary.</summary>
internal static class ReportResults
{
    /// <summary>Whether any benchmark of <paramref name="type"/> ran.</summary>
    public static bool Ran(Summary summary, Type type) => summary.Reports.Any(r => r.BenchmarkCase.Descriptor.Type == type);

    /// <summary>
    /// Median nanoseconds and bytes per call of one method of <paramref name="type"/> (on one parameter value, unless null),
    /// if it ran.
    /// </summary>
    public static (double Ns, long? Bytes)? Of(Summary summary, Type type, string method, object? parameter = null)
    {
        BenchmarkReport? report = summary.Reports.FirstOrDefault(r =>
            r.BenchmarkCase.Descriptor.Type == type
            && r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
            && (parameter is null || r.BenchmarkCase.Parameters.Items.Any(p => Equals(p.Value, parameter))));
        return report?.ResultStatistics is { } stats ? (stats.Median, report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase)) : null;
    }

    /// <summary>Bytes per call as the tables print them.</summary>
    public static string Bytes(long? bytes) => bytes is long b ? $"{b} B" : "?";
}
