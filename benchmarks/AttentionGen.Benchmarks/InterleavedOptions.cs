using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace AttentionGen.Benchmarks;

/// <summary>The options table measured for a shared machine (<see cref="InterleavedTimer"/>): the plain kernel included.</summary>
internal static class InterleavedOptions
{
    /// <summary>Runs the rounds, writes <c>options-interleaved.md</c> to <paramref name="folder"/> and returns its path.</summary>
    public static string Run(string folder)
    {
        OptionCase[] cases = OptionCase.All;
        double[] fastest = InterleavedTimer.Fastest(cases.SelectMany(c => new[] { c.Generated, c.Generic }).ToArray());

        var text = new StringBuilder();
        text.Append("| option | n | generated µs | generated × plain | generic µs | generic × plain | generic ÷ generated |\n");
        text.Append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (int c = 0; c < cases.Length; c++)
        {
            double plain = fastest[2 * Array.FindIndex(cases, p => p.N == cases[c].N && p.Option == "plain")];
            double generated = fastest[2 * c], generic = fastest[2 * c + 1];
            text.Append(CultureInfo.InvariantCulture,
                $"| {cases[c].Option} | {cases[c].N} | {generated:F1} | {generated / plain:F2} | {generic:F1} | {generic / plain:F2} | {generic / generated:F2} |\n");
        }

        return InterleavedTimer.WriteTable(folder, "options-interleaved.md", text.ToString());
    }
}
