using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;

namespace AttentionGen.Benchmarks;

/// <summary>
/// Writes issue 11's real-model table: each model's generated kernel against ONNX Runtime, on one thread and on all
/// cores, from the same run, with bytes allocated per call. Nothing when no model ran.
/// </summary>
internal sealed class RealModelReportExporter(string folder)
    : MarkdownTableExporter(folder, "real-model-benchmarks.md", typeof(RealModelBenchmarks))
{
    protected override string Table(Summary summary)
    {
        var text = new StringBuilder();
        text.Append("| model | generated, 1 thread µs | ONNX Runtime, 1 thread µs | ORT ÷ generated | generated, all cores µs | ONNX Runtime, all cores µs | ORT ÷ generated | allocated (1 thread / all cores) |\n");
        text.Append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (RealModel model in RealModel.All)
        {
            if (Result(nameof(RealModelBenchmarks.Generated)) is not { } generated
                || Result(nameof(RealModelBenchmarks.OnnxRuntime)) is not { } onnx
                || Result(nameof(RealModelBenchmarks.GeneratedAllCores)) is not { } generatedAll
                || Result(nameof(RealModelBenchmarks.OnnxRuntimeAllCores)) is not { } onnxAll)
            {
                continue;
            }

            text.Append(CultureInfo.InvariantCulture,
                $"| {model.Name} | {generated.Ns / 1000:F1} | {onnx.Ns / 1000:F1} | {onnx.Ns / generated.Ns:F2} | {generatedAll.Ns / 1000:F1} | "
                + $"{onnxAll.Ns / 1000:F1} | {onnxAll.Ns / generatedAll.Ns:F2} | {ReportResults.Bytes(generated.Bytes)} / {ReportResults.Bytes(generatedAll.Bytes)} |\n");

            (double Ns, long? Bytes)? Result(string method) => ReportResults.Of(summary, typeof(RealModelBenchmarks), method, model);
        }

        return text.ToString();
    }
}
