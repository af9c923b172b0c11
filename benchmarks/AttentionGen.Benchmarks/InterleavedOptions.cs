using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace AttentionGen.Benchmarks;

/// <summary>
/// The options table measured for a shared machine: every case, the plain kernel included, is timed once per round,
/// round after round, and each keeps its fastest round. BenchmarkDotNet measures one benchmark after another, minutes
/// apart, so a neighbour busy during one row and idle during the next moves that row's ratio by 20–40% here; interleaved,
/// the plain kernel and each option see the same machine, and the fastest round is the one least disturbed.
/// </summary>
internal static class InterleavedOptions
{
    private const int Rounds = 9;

    /// <summary>Rounds run first and not kept: enough calls for the tiered JIT to have compiled every kernel fully.</summary>
    private const int WarmUpRounds = 3;

    /// <summary>Each timed batch lasts about this long, so the clock's resolution is nothing beside it.</summary>
    private static readonly TimeSpan Batch = TimeSpan.FromMilliseconds(25);

    /// <summary>Runs the rounds, writes <c>options-interleaved.md</c> to <paramref name="folder"/> and returns its path.</summary>
    public static string Run(string folder)
    {
        OptionCase[] cases = OptionCase.All;
        var calls = cases.SelectMany(c => new[] { c.Generated, c.Generic }).ToArray();
        int[] perBatch = calls.Select(CallsPerBatch).ToArray();
        double[] fastest = Enumerable.Repeat(double.MaxValue, calls.Length).ToArray();
        for (int round = -WarmUpRounds; round < Rounds; round++)
        {
            for (int i = 0; i < calls.Length; i++)
            {
                double time = MicrosecondsPerCall(calls[i], perBatch[i]);
                fastest[i] = round < 0 ? fastest[i] : Math.Min(fastest[i], time);
            }

            Console.WriteLine(round < 0 ? "warm-up round done" : $"round {round + 1} of {Rounds} done");
        }

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

        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "options-interleaved.md");
        File.WriteAllText(path, text.ToString());
        Console.Write(text);
        return path;
    }

    /// <summary>Calls that fill one batch, from a first call (which also compiles and warms the kernel) and a timed few.</summary>
    private static int CallsPerBatch(Action call)
    {
        call();
        var clock = Stopwatch.StartNew();
        int calls = 0;
        while (clock.Elapsed < Batch / 5)
        {
            call();
            calls++;
        }

        return Math.Max(1, calls * 5);
    }

    private static double MicrosecondsPerCall(Action call, int calls)
    {
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < calls; i++)
        {
            call();
        }

        return clock.Elapsed.TotalMicroseconds / calls;
    }
}
