using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;

namespace AttentionGen.Benchmarks;

/// <summary>Writes the windows-and-sinks table: each pair's medians and their ratio, beside the target.</summary>
internal sealed class WindowReportExporter(string folder)
    : MarkdownTableExporter(folder, "window-benchmarks.md", typeof(WindowBenchmarks))
{
    protected override string Table(Summary summary)
    {
        var text = new StringBuilder();
        text.Append("| comparison | first µs | second µs | ratio | target | bytes per call |\n|---|---:|---:|---:|---:|---:|\n");
        Row(text, summary, "causal 4096×4096, d = 64: no window ÷ `LeftWindow = 255`", nameof(WindowBenchmarks.Causal), nameof(WindowBenchmarks.CausalWindow255), "≥ 8");
        Row(text, summary, "decode, 32/8 heads: 32K cache with a 4K window ÷ a 4K cache", nameof(WindowBenchmarks.Decode32KWindow), nameof(WindowBenchmarks.Decode4K), "≈ 1");
        Row(text, summary, "decode over a 4K cache: with sinks ÷ without", nameof(WindowBenchmarks.Decode4KWithSinks), nameof(WindowBenchmarks.Decode4K), "≈ 1");
        return text.ToString();
    }

    private static void Row(StringBuilder text, Summary summary, string what, string first, string second, string target)
    {
        (double Ns, long? Bytes)? a = ReportResults.Of(summary, typeof(WindowBenchmarks), first);
        (double Ns, long? Bytes)? b = ReportResults.Of(summary, typeof(WindowBenchmarks), second);
        if (a is not { } x || b is not { } y)
        {
            return;
        }

        text.Append(CultureInfo.InvariantCulture,
            $"| {what} | {x.Ns / 1000:F0} | {y.Ns / 1000:F0} | {x.Ns / y.Ns:F2} | {target} | {ReportResults.Bytes(x.Bytes)}, {ReportResults.Bytes(y.Bytes)} |\n");
    }
}
