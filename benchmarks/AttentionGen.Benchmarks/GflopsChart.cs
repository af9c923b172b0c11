using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace AttentionGen.Benchmarks;

/// <summary>GFLOP/s against n, one line per implementation, n on a log scale, and the FMA peak as a dashed line.</summary>
internal static class GflopsChart
{
    /// <summary>One measured point: the shape's n, its name (the tick label) and the GFLOP/s reached.</summary>
    public readonly record struct Point(int N, string Shape, double Gflops);

    /// <summary>Saves the chart to <paramref name="path"/> (SVG or PNG by its extension).</summary>
    public static void Save(string path, double? peak, IReadOnlyList<(string Implementation, Point[] Points)> series)
    {
        Plot plot = new();
        foreach ((string implementation, Point[] points) in series.Where(s => s.Points.Length > 0))
        {
            var line = plot.Add.Scatter(points.Select(p => Math.Log2(p.N)).ToArray(), points.Select(p => p.Gflops).ToArray());
            line.LegendText = implementation;
            line.LineWidth = 2;
            line.MarkerSize = 6;
        }

        if (peak is double fmaPeak)
        {
            var peakLine = plot.Add.HorizontalLine(fmaPeak);
            peakLine.LinePattern = LinePattern.Dashed;
            peakLine.Color = Colors.DarkRed;
            peakLine.LegendText = $"FMA peak {fmaPeak:F0}";
        }

        // A log scale by hand: each shape at log2(n), labelled with its name.
        Point[] shapes = series.SelectMany(s => s.Points).DistinctBy(p => p.N).OrderBy(p => p.N).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            shapes.Select(p => Math.Log2(p.N)).ToArray(), shapes.Select(p => p.Shape).ToArray());
        plot.Axes.SetLimitsY(0, Math.Max(peak ?? 0, series.SelectMany(s => s.Points).Select(p => p.Gflops).DefaultIfEmpty(1).Max()) * 1.1);
        plot.XLabel("n (log scale)");
        plot.YLabel("GFLOP/s");
        plot.Title("Attention forward, fp32, one thread, one head of n×n");
        plot.ShowLegend(Edge.Right);
        plot.Save(path, 760, 400);
    }
}
