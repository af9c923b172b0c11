using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;

namespace AttentionGen.Benchmarks;

/// <summary>
/// Writes the run as a markdown table (median µs, GFLOP/s, % of the peak measured in the same run, ratio to the generic
/// path, bytes allocated) and a chart of GFLOP/s against n per implementation, with the peak as a line (<see cref="GflopsChart"/>).
/// </summary>
internal sealed class AttentionReportExporter(string folder) : IExporter
{
    private static readonly string[] Implementations = { "Generated", "Generic", "Scalar", "OnnxRuntime" };

    public string Name => "AttentionReport";

    public void ExportToLog(Summary summary, ILogger logger)
    {
        if (HasOwnBenchmarks(summary))
        {
            logger.WriteLine(Table(summary));
        }
    }

    public IEnumerable<string> ExportToFiles(Summary summary, ILogger consoleLogger)
    {
        if (!HasOwnBenchmarks(summary))
        {
            return [];
        }

        Directory.CreateDirectory(folder);
        string table = Path.Combine(folder, "attention-benchmarks.md"), chart = Path.Combine(folder, "attention-gflops.svg");
        File.WriteAllText(table, Table(summary));
        GflopsChart.Save(chart, PeakGflops(summary), ChartSeries(summary));
        return new[] { table, chart };
    }

    /// <summary>Whether anything this report shows ran: a run of another table's benchmarks alone leaves this one as it was.</summary>
    private static bool HasOwnBenchmarks(Summary summary)
        => new[] { typeof(PeakFmaBenchmark), typeof(AttentionBenchmarks), typeof(MultiCoreBenchmarks), typeof(LongDecodeBenchmarks) }
            .Any(type => ReportResults.Ran(summary, type));

    private static double? PeakGflops(Summary summary)
        => summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == nameof(PeakFmaBenchmark.PeakFma))?.ResultStatistics?.Median is double ns
            ? PeakFmaBenchmark.Flops / ns
            : null;

    /// <summary>Median nanoseconds and bytes per call of one implementation on one shape.</summary>
    private static (double Ns, long? Bytes)? Result(Summary summary, Shape shape, string implementation)
        => ResultOf(summary, implementation, parameter => parameter is Shape s && s.Name == shape.Name);

    /// <summary>Median nanoseconds and bytes per call of benchmark <paramref name="method"/> with the parameter that matches.</summary>
    private static (double Ns, long? Bytes)? ResultOf(Summary summary, string method, Func<object, bool> isParameter)
    {
        BenchmarkReport? report = summary.Reports.FirstOrDefault(r =>
            r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method
            && r.BenchmarkCase.Parameters.Items.Any(p => isParameter(p.Value)));
        return report?.ResultStatistics is { } stats ? (stats.Median, report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase)) : null;
    }

    private static string Table(Summary summary)
    {
        double? peak = PeakGflops(summary);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Single-core FMA peak measured in this run: {(peak is double p ? p.ToString("F1", CultureInfo.InvariantCulture) + " GFLOP/s" : "not measured")}.\n\n");
        text.Append("| shape | implementation | median µs | GFLOP/s | % of peak | × generic | × ONNX Runtime | allocated |\n");
        text.Append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        foreach (Shape shape in Shape.All)
        {
            double? generic = Result(summary, shape, "Generic")?.Ns;
            double? onnx = Result(summary, shape, "OnnxRuntime")?.Ns;
            foreach (string implementation in Implementations)
            {
                if (Result(summary, shape, implementation) is not { } result)
                {
                    continue;
                }

                (double ns, long? bytes) = result;
                double gflops = shape.Flops / ns;
                string percent = peak is double pk ? (100 * gflops / pk).ToString("F0", CultureInfo.InvariantCulture) + "%" : "–";
                string speedUp = generic is double g ? (g / ns).ToString("F2", CultureInfo.InvariantCulture) : "–";
                string versusOnnx = onnx is double o ? (o / ns).ToString("F2", CultureInfo.InvariantCulture) : "–";
                text.Append(CultureInfo.InvariantCulture,
                    $"| {shape.Name} | {implementation} | {ns / 1000:F2} | {gflops:F1} | {percent} | {speedUp} | {versusOnnx} | {(bytes is long b ? b + " B" : "–")} |\n");
            }
        }

        AppendMultiCore(summary, text);
        AppendLongDecode(summary, text);
        return text.ToString();
    }

    /// <summary>The multi-core section: each multi-head shape on one thread and on every core, and the speed-up.</summary>
    private static void AppendMultiCore(Summary summary, StringBuilder text)
    {
        var rows = MultiHeadShape.All
            .Select(shape => (shape, one: ResultOf(summary, nameof(MultiCoreBenchmarks.OneThread), p => p is MultiHeadShape s && s.Name == shape.Name), all: ResultOf(summary, nameof(MultiCoreBenchmarks.AllCores), p => p is MultiHeadShape s && s.Name == shape.Name)))
            .Where(row => row.one is not null && row.all is not null)
            .ToArray();
        if (rows.Length == 0)
        {
            return;
        }

        text.Append(CultureInfo.InvariantCulture, $"\nSeveral heads, `Compute` on one thread against `ComputeInParallel` on all {Environment.ProcessorCount} cores:\n\n");
        text.Append("| shape | one thread µs | all cores µs | speed-up | allocated (all cores) |\n");
        text.Append("|---|---:|---:|---:|---:|\n");
        foreach ((MultiHeadShape shape, (double Ns, long? Bytes)? one, (double Ns, long? Bytes)? all) in rows)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {shape.Name} | {one!.Value.Ns / 1000:F1} | {all!.Value.Ns / 1000:F1} | {one.Value.Ns / all.Value.Ns:F2} | {(all.Value.Bytes is long b ? b + " B" : "–")} |\n");
        }
    }

    /// <summary>Decode over long caches: bytes of keys and values read per second, against the streaming sum's.</summary>
    private static void AppendLongDecode(Summary summary, StringBuilder text)
    {
        var rows = LongDecodeBenchmarks.CacheLengths
            .Select(tokens => (tokens, decode: ResultOf(summary, nameof(LongDecodeBenchmarks.Decode), p => p is int t && t == tokens), sum: ResultOf(summary, nameof(LongDecodeBenchmarks.ReadBandwidth), p => p is int t && t == tokens)))
            .Where(row => row.decode is not null && row.sum is not null)
            .ToArray();
        if (rows.Length == 0)
        {
            return;
        }

        text.Append("\nDecode steps over long caches (32/8 heads, d = 128, one thread) against a streaming sum over the same keys and values:\n\n");
        text.Append("| cache | keys and values | decode µs | decode GB/s | streaming sum GB/s | decode / read bandwidth | allocated |\n");
        text.Append("|---|---:|---:|---:|---:|---:|---:|\n");
        foreach ((int tokens, (double Ns, long? Bytes)? decode, (double Ns, long? Bytes)? sum) in rows)
        {
            double bytes = LongDecodeBenchmarks.BytesRead(tokens);
            text.Append(CultureInfo.InvariantCulture,
                $"| {tokens / 1024}K | {bytes / (1 << 20):F0} MiB | {decode!.Value.Ns / 1000:F0} | {bytes / decode.Value.Ns:F1} | {bytes / sum!.Value.Ns:F1} | {sum.Value.Ns / decode.Value.Ns:P0} | {(decode.Value.Bytes is long b ? b + " B" : "–")} |\n");
        }
    }

    /// <summary>
    /// Draws the chart again from the table a run wrote into <paramref name="folder"/> (its peak line and GFLOP/s column),
    /// so a change to the chart needs no new run; the figures stay those of the run that measured them.
    /// </summary>
    public static string RedrawChart(string folder)
    {
        string[] lines = File.ReadAllLines(Path.Combine(folder, "attention-benchmarks.md"));
        const string peakPrefix = "Single-core FMA peak measured in this run: ";
        double? peak = lines.FirstOrDefault(l => l.StartsWith(peakPrefix, StringComparison.Ordinal)) is { } peakLine
            && double.TryParse(peakLine[peakPrefix.Length..].Split(' ')[0], CultureInfo.InvariantCulture, out double measured) ? measured : null;

        // | shape | implementation | median µs | GFLOP/s | …
        var rows = lines.Select(l => l.Split('|', StringSplitOptions.TrimEntries)).Where(cells => cells.Length > 5).ToArray();
        var series = Implementations
            .Select(implementation => (implementation, Shape.All
                .Where(shape => shape.Descriptor.Mask == AttentionMask.None)
                .Select(shape => rows.FirstOrDefault(cells => cells[1] == shape.Name && cells[2] == implementation) is { } cells
                    ? new GflopsChart.Point(shape.N, shape.Name, double.Parse(cells[4], CultureInfo.InvariantCulture)) : (GflopsChart.Point?)null)
                .OfType<GflopsChart.Point>()
                .ToArray()))
            .ToArray();
        string chart = Path.Combine(folder, "attention-gflops.svg");
        GflopsChart.Save(chart, peak, series);
        return chart;
    }

    /// <summary>The chart's lines: GFLOP/s of each implementation on each square shape without a mask.</summary>
    private static (string Implementation, GflopsChart.Point[] Points)[] ChartSeries(Summary summary)
        => Implementations
            .Select(implementation => (implementation, Shape.All
                .Where(shape => shape.Descriptor.Mask == AttentionMask.None)
                .Select(shape => Result(summary, shape, implementation) is (double ns, _) ? new GflopsChart.Point(shape.N, shape.Name, shape.Flops / ns) : (GflopsChart.Point?)null)
                .OfType<GflopsChart.Point>()
                .ToArray()))
            .ToArray();
}
