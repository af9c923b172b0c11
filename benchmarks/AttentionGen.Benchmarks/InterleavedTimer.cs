using System;
using System.Diagnostics;
using System.IO;
using System.Linq;

namespace AttentionGen.Benchmarks;

/// <summary>
/// Timing for a shared machine: every call is timed once per round, round after round, and each keeps its fastest round.
/// BenchmarkDotNet measures one benchmark after another, minutes apart, so a neighbour busy during one row and idle during
/// the next moves that row's ratio by 20–40% here; interleaved, the calls compared see the same machine, and the fastest
/// round is the one least disturbed.
/// </summary>
internal static class InterleavedTimer
{
    private const int Rounds = 15;

    /// <summary>Rounds run first and not kept: enough calls for the tiered JIT to have compiled every kernel fully.</summary>
    private const int WarmUpRounds = 3;

    /// <summary>Each timed batch lasts about this long, so the clock's resolution is nothing beside it.</summary>
    private static readonly TimeSpan Batch = TimeSpan.FromMilliseconds(25);

    /// <summary>Each call's fastest round, in microseconds per call.</summary>
    public static double[] Fastest(Action[] calls)
    {
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

        return fastest;
    }

    /// <summary>Writes a table the rounds gave to <paramref name="folder"/>, shows it, and returns the file's path.</summary>
    public static string WriteTable(string folder, string fileName, string table)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, fileName);
        File.WriteAllText(path, table);
        Console.Write(table);
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
