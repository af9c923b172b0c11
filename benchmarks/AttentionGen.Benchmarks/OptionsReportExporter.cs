using System.Globalization;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Reports;

namespace AttentionGen.Benchmarks;

/// <summary>
/// Writes issue 11's options table: each option's generated kernel and generic path as multiples of the plain float
/// generated kernel of the same size, from the same run, with bytes allocated per call. Nothing when no option ran.
/// </summary>
internal sealed class OptionsReportExporter(string folder)
    : MarkdownTableExporter(folder, "options-benchmarks.md", typeof(OptionsBenchmarks))
{
    private static (double Ns, long? Bytes)? Result(Summary summary, OptionCase option, string method)
        => ReportResults.Of(summary, typeof(OptionsBenchmarks), method, option);

    protected override string Table(Summary summary)
    {
        var text = new StringBuilder();
        text.Append("| option | n | generated µs | generated × plain | generic µs | generic × plain | generic ÷ generated | allocated (gen / generic) |\n");
        text.Append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (OptionCase option in OptionCase.All)
        {
            OptionCase plain = OptionCase.All.First(c => c.N == option.N && c.Option == "plain");
            if (Result(summary, option, nameof(OptionsBenchmarks.Generated)) is not { } generated
                || Result(summary, option, nameof(OptionsBenchmarks.Generic)) is not { } generic
                || Result(summary, plain, nameof(OptionsBenchmarks.Generated)) is not { } reference)
            {
                continue;
            }

            text.Append(CultureInfo.InvariantCulture,
                $"| {option.Option} | {option.N} | {generated.Ns / 1000:F1} | {generated.Ns / reference.Ns:F2} | {generic.Ns / 1000:F1} | "
                + $"{generic.Ns / reference.Ns:F2} | {generic.Ns / generated.Ns:F2} | {ReportResults.Bytes(generated.Bytes)} / {ReportResults.Bytes(generic.Bytes)} |\n");
        }

        return text.ToString();
    }
}
