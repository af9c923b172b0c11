using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;

namespace AttentionGen.Benchmarks;

/// <summary>Writes the sinks table: the generated gpt-oss decode step against ONNX Runtime's <c>GroupQueryAttention</c>.</summary>
internal sealed class SinkReportExporter(string folder)
    : MarkdownTableExporter(folder, "sink-benchmarks.md", typeof(SinkBenchmarks))
{
    protected override string Table(Summary summary)
    {
        var text = new StringBuilder();
        text.Append("| gpt-oss decode step, 64/8 heads, d = 64, 4K cache, sinks | generated µs | ONNX Runtime µs | ORT ÷ generated | bytes per call |\n");
        text.Append("|---|---:|---:|---:|---:|\n");
        Row(text, summary, "every key (causal)", nameof(SinkBenchmarks.Generated), nameof(SinkBenchmarks.OnnxRuntime));
        Row(text, summary, "`LeftWindow = 128` (ORT `local_window_size = 129`)", nameof(SinkBenchmarks.GeneratedWindow), nameof(SinkBenchmarks.OnnxRuntimeWindow));
        return text.ToString();
    }

    private static void Row(StringBuilder text, Summary summary, string what, string generated, string onnx)
    {
        if (ReportResults.Of(summary, typeof(SinkBenchmarks), generated) is not { } g || ReportResults.Of(summary, typeof(SinkBenchmarks), onnx) is not { } o)
        {
            return;
        }

        text.Append(CultureInfo.InvariantCulture, $"| {what} | {g.Ns / 1000:F0} | {o.Ns / 1000:F0} | {o.Ns / g.Ns:F2} | {ReportResults.Bytes(g.Bytes)} |\n");
    }
}
