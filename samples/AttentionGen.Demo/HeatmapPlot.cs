using System;
using System.Linq;
using ScottPlot;

namespace AttentionGen.Demo;

/// <summary>
/// Draws attention weights <c>[rows, keys]</c> as a heatmap: the tokens on both axes, a colour scale, and masked cells in
/// grey — apart from every weight, which are coloured from 0 up, so a masked key never reads as a small weight.
/// </summary>
internal static class HeatmapPlot
{
    private static readonly Color MaskedGrey = Color.FromHex("#d0d0d0");

    /// <summary>Saves the heatmap to <paramref name="path"/>, as SVG or PNG by its extension.</summary>
    public static void Save(string path, ReadOnlySpan<float> weights, string[] queryTokens, string[] keyTokens, Func<int, int, bool> isMasked, string title)
    {
        int rows = queryTokens.Length, keys = keyTokens.Length;
        var cells = new double[rows, keys];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < keys; j++)
            {
                cells[i, j] = isMasked(i, j) ? double.NaN : weights[i * keys + j];
            }
        }

        Plot plot = new();
        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1); // a weight of 1 is always the same colour, whatever the example
        heatmap.NaNCellColor = MaskedGrey;
        plot.Add.ColorBar(heatmap);

        // The heatmap's first row is drawn at the top, at y = rows − 1.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(Positions(keys), keyTokens);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(Positions(rows), queryTokens.Reverse().ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        plot.Axes.Bottom.MinimumSize = 75;
        plot.Axes.Left.MinimumSize = 85;
        plot.Axes.Margins(0, 0);
        plot.Grid.IsVisible = false;
        plot.XLabel("key");
        plot.YLabel("query");
        plot.Title(title + " (grey: masked)");
        plot.Save(path, 120 + 42 * keys, 110 + 38 * rows);
    }

    private static double[] Positions(int count) => Enumerable.Range(0, count).Select(i => (double)i).ToArray();
}
