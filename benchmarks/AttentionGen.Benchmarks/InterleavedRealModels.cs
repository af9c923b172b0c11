using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace AttentionGen.Benchmarks;

/// <summary>
/// The real-model table measured for a shared machine (<see cref="InterleavedTimer"/>): each model's generated kernel and
/// ONNX Runtime, on one thread and on all cores, timed round by round side by side, after their outputs are compared.
/// </summary>
internal static class InterleavedRealModels
{
    /// <summary>Runs the rounds, writes <c>real-models-interleaved.md</c> to <paramref name="folder"/> and returns its path.</summary>
    public static string Run(string folder)
    {
        RealModel[] models = RealModel.All;
        OnnxRun[] oneThread = models.Select(m => new OnnxRun(m, threads: 1)).ToArray();
        OnnxRun[] allCores = models.Select(m => new OnnxRun(m, threads: Environment.ProcessorCount)).ToArray();
        try
        {
            for (int m = 0; m < models.Length; m++)
            {
                oneThread[m].CheckAgainst(models[m]);
                allCores[m].CheckAgainst(models[m]);
            }

            double[] fastest = InterleavedTimer.Fastest(models
                .SelectMany((model, m) => new Action[] { model.OneThread, oneThread[m].Run, model.AllCores, allCores[m].Run })
                .ToArray());
            var text = new StringBuilder();
            text.Append("| model | generated, 1 thread µs | ONNX Runtime, 1 thread µs | ORT ÷ generated | generated, all cores µs | ONNX Runtime, all cores µs | ORT ÷ generated |\n");
            text.Append("|---|---:|---:|---:|---:|---:|---:|\n");
            for (int m = 0; m < models.Length; m++)
            {
                (double generated, double onnx, double generatedAll, double onnxAll) = (fastest[4 * m], fastest[4 * m + 1], fastest[4 * m + 2], fastest[4 * m + 3]);
                text.Append(CultureInfo.InvariantCulture,
                    $"| {models[m].Name} | {generated:F1} | {onnx:F1} | {onnx / generated:F2} | {generatedAll:F1} | {onnxAll:F1} | {onnxAll / generatedAll:F2} |\n");
            }

            return InterleavedTimer.WriteTable(folder, "real-models-interleaved.md", text.ToString());
        }
        finally
        {
            Array.ForEach(oneThread, run => run.Dispose());
            Array.ForEach(allCores, run => run.Dispose());
        }
    }
}
