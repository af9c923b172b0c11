using System.Globalization;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;

namespace AttentionGen.Benchmarks;

/// <summary>
/// Writes the stack-offset table: each kernel's median at each of the caller's stack offsets, and the slowest offset ÷
/// the fastest, which should stay near 1.
/// </summary>
internal sealed class StackOffsetReportExporter(string folder)
    : MarkdownTableExporter(folder, "stack-offset-benchmarks.md", typeof(StackOffsetBenchmarks))
{
    private static readonly int[] Offsets = { 0, 16, 32, 48 };

    protected override string Table(Summary summary)
    {
        var text = new StringBuilder();
        text.Append("| kernel | " + string.Join(" | ", Offsets.Select(o => $"offset {o} µs")) + " | slowest ÷ fastest |\n");
        text.Append("|---|" + string.Concat(Offsets.Select(_ => "---:|")) + "---:|\n");
        foreach (string method in new[] { nameof(StackOffsetBenchmarks.Float), nameof(StackOffsetBenchmarks.Double) })
        {
            double[] medians = Offsets.Select(offset => ReportResults.Of(summary, typeof(StackOffsetBenchmarks), method, offset)?.Ns ?? double.NaN).ToArray();
            text.Append(CultureInfo.InvariantCulture,
                $"| {method} 256×64 | {string.Join(" | ", medians.Select(ns => (ns / 1000).ToString("F1", CultureInfo.InvariantCulture)))} | {medians.Max() / medians.Min():F2} |\n");
        }

        return text.ToString();
    }
}
